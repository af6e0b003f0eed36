import { Given, Then, When } from '@cucumber/cucumber';
import type { HarnessWorld } from './support/world.ts';

Given('{string} is connected', async function (this: HarnessWorld, actor: string) {
  await this.clients.connect(actor);
});

Given('{string} is connected with a persistent session', async function (this: HarnessWorld, actor: string) {
  await this.clients.connect(actor, { clean: false });
});

Given(
  '{string} is connected with the will {string} on {string}',
  async function (this: HarnessWorld, actor: string, payload: string, topic: string) {
    await this.clients.connect(actor, { will: { topic, payload, qos: 1 } });
  },
);

When('{string} connects with a clean session', async function (this: HarnessWorld, actor: string) {
  await this.clients.attemptConnect(actor, { clean: true });
});

When('{string} connects with a persistent session', async function (this: HarnessWorld, actor: string) {
  await this.clients.attemptConnect(actor, { clean: false });
});

When('{string} disconnects', async function (this: HarnessWorld, actor: string) {
  await this.clients.disconnect(actor);
});

When("{string}'s connection drops without a DISCONNECT", async function (this: HarnessWorld, actor: string) {
  await this.clients.kill(actor);
});

Then('the broker accepts {string}', function (this: HarnessWorld, actor: string) {
  this.clients.expectAccepted(actor);
});

Then('the broker accepts {string} with no session present', function (this: HarnessWorld, actor: string) {
  this.clients.expectAccepted(actor, false);
});

Then('the broker accepts {string} with its session present', function (this: HarnessWorld, actor: string) {
  this.clients.expectAccepted(actor, true);
});
