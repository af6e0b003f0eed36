import { Given, Then, When } from '@cucumber/cucumber';
import type { QoS } from '../harness/connection/qos.ts';
import type { PayloadSpec } from '../harness/mq/mq-payloads.ts';
import type { HarnessWorld } from './support/world.ts';

Given('{string} is online as a P2P receiver', async function (this: HarnessWorld, actor: string) {
  await this.p2p.receiverOnline(actor);
});

Given(
  '{string} is online as a P2P receiver with cleanSession {mqFlag}',
  async function (this: HarnessWorld, actor: string, clean: boolean) {
    await this.p2p.receiverOnline(actor, clean);
  },
);

Given(
  '{string} is online as a P2P sender with cleanSession {mqFlag}',
  async function (this: HarnessWorld, actor: string, clean: boolean) {
    await this.p2p.senderOnline(actor, clean);
  },
);

Given(
  '{string} subscribes to everything under the parent topic',
  async function (this: HarnessWorld, actor: string) {
    await this.p2p.eavesdropperOnline(actor);
  },
);

When('{string} goes offline from P2P', async function (this: HarnessWorld, actor: string) {
  await this.p2p.offline(actor);
});

When(
  '{string} sends the P2P message {string} to {string} at QoS {qos}',
  async function (this: HarnessWorld, from: string, payload: string, to: string, qos: QoS) {
    await this.p2p.send(from, to, payload, qos);
  },
);

When(
  'the MQ side sends the P2P message {mqPayload} to {string}',
  async function (this: HarnessWorld, payload: PayloadSpec, to: string) {
    await this.mq.sendP2p(to, payload);
  },
);

When(
  'the MQ side sends the P2P message {mqPayload} to {string} with cleansessionflag {mqFlag}',
  async function (this: HarnessWorld, payload: PayloadSpec, to: string, clean: boolean) {
    await this.mq.sendP2p(to, payload, { cleanSession: clean });
  },
);

When(
  'the MQ side sends the P2P message {mqPayload} to {string} with mqttRealTopic {string}',
  async function (this: HarnessWorld, payload: PayloadSpec, to: string, realTopic: string) {
    await this.mq.sendP2p(to, payload, { realTopic });
  },
);

Then(
  '{string} receives the P2P message {string}',
  async function (this: HarnessWorld, actor: string, payload: string) {
    await this.p2p.expectReceived(actor, payload);
  },
);

Then(
  '{string} receives the P2P message {string} exactly once',
  async function (this: HarnessWorld, actor: string, payload: string) {
    await this.p2p.expectReceivedOnce(actor, payload);
  },
);

Then(
  '{string} receives the P2P message {string} on {string}',
  async function (this: HarnessWorld, actor: string, payload: string, topic: string) {
    await this.p2p.expectReceived(actor, payload, topic);
  },
);

Then(
  '{string} does not receive the P2P message {string}',
  async function (this: HarnessWorld, actor: string, payload: string) {
    await this.p2p.expectNotReceived(actor, payload);
  },
);
