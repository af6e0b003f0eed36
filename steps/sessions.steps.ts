import { Then, When } from '@cucumber/cucumber';
import type { HarnessWorld } from './support/world.ts';

// The session statements of MQTT 3.1.1 (sessions.feature): the World's `sessions` stage, whose actors
// the QCS steps in qos.steps.ts bring online, send away and bring back.

When(
  '{string}, a client ID new to the broker, connects with cleanSession={clean}',
  async function (this: HarnessWorld, actor: string, clean: boolean) {
    await this.sessions.arrive(actor, clean);
  },
);

When(
  '{string} stays connected and silent for {int} seconds',
  async function (this: HarnessWorld, actor: string, seconds: number) {
    await this.sessions.stayConnected(actor, seconds * 1000);
  },
);

When(
  /^"([^"]*)" sends its withheld PUBRECs in one go, (reversed|in order)$/,
  async function (this: HarnessWorld, actor: string, order: string) {
    await this.sessions.releaseAcks(actor, order === 'reversed' ? 'reversed' : 'oldest first');
  },
);

Then(
  '{string} is sent {string}, which its session kept while it was away',
  async function (this: HarnessWorld, actor: string, payload: string) {
    this.log(await this.sessions.expectKeptWhileAway(actor, payload));
  },
);

Then(
  '{string} gets a session of its own, without {string} queued for {string}',
  async function (this: HarnessWorld, actor: string, payload: string, owner: string) {
    this.log(await this.sessions.expectOwnSession(actor, owner, payload));
  },
);

Then(
  '{string} resumed its session: {string} is sent on its kept subscription',
  async function (this: HarnessWorld, actor: string, payload: string) {
    this.log(await this.sessions.expectResumed(actor, payload));
  },
);

Then(
  '{string} started a new session: {string} is not sent',
  async function (this: HarnessWorld, actor: string, payload: string) {
    this.log(await this.sessions.expectStartedAfresh(actor, payload));
  },
);

Then(
  '{string} still holds its session state: {string} and {string} are sent on this connection',
  async function (this: HarnessWorld, actor: string, first: string, second: string) {
    this.log(await this.sessions.expectStateKeptAcrossConnections(actor, [first, second]));
  },
);

Then(
  '{string} is sent {string} on the subscription its open connection still holds',
  async function (this: HarnessWorld, actor: string, payload: string) {
    this.log(await this.sessions.expectStateKeptWhileOpen(actor, payload));
  },
);

Then(
  '{string} is sent the PUBRELs in the order of its PUBRECs',
  async function (this: HarnessWorld, actor: string) {
    this.log(await this.sessions.expectPubrelOrder(actor));
  },
);
