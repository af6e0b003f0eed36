import { Then, When } from '@cucumber/cucumber';
import type { QoS } from '../harness/connection/qos.ts';
import type { HarnessWorld } from './support/world.ts';

When(
  '{string} subscribes to {string} at QoS {qos}',
  async function (this: HarnessWorld, actor: string, filter: string, qos: QoS) {
    await this.clients.subscribe(actor, filter, qos);
  },
);

When(
  '{string} subscribes to the broker-wide filter {string} at QoS {qos}',
  async function (this: HarnessWorld, actor: string, filter: string, qos: QoS) {
    await this.clients.subscribeAbsolute(actor, filter, qos);
  },
);

Then('{string} is granted QoS {qos}', function (this: HarnessWorld, actor: string, qos: QoS) {
  this.clients.expectGranted(actor, qos);
});

When(
  '{string} publishes {string} to {string} at QoS {qos}',
  async function (this: HarnessWorld, actor: string, payload: string, topic: string, qos: QoS) {
    await this.clients.publish(actor, topic, payload, { qos });
  },
);

When(
  '{string} publishes the retained message {string} to {string} at QoS {qos}',
  async function (this: HarnessWorld, actor: string, payload: string, topic: string, qos: QoS) {
    await this.clients.publish(actor, topic, payload, { qos, retain: true });
  },
);

When(
  '{string} clears the retained message on {string}',
  async function (this: HarnessWorld, actor: string, topic: string) {
    await this.clients.publish(actor, topic, '', { qos: 1, retain: true });
  },
);

Then(
  '{string} receives {string} on {string}',
  async function (this: HarnessWorld, actor: string, payload: string, topic: string) {
    await this.clients.expectReceived(actor, { topic, payload });
  },
);

Then(
  '{string} receives {string} on {string} at QoS {qos}',
  async function (this: HarnessWorld, actor: string, payload: string, topic: string, qos: QoS) {
    await this.clients.expectReceived(actor, { topic, payload, qos });
  },
);

Then(
  '{string} receives {string} on {string} exactly once at QoS {qos}',
  async function (this: HarnessWorld, actor: string, payload: string, topic: string, qos: QoS) {
    await this.clients.expectReceivedCount(actor, { topic, payload, qos }, 1);
  },
);

Then(
  '{string} receives {string} on {string} with the retain flag set',
  async function (this: HarnessWorld, actor: string, payload: string, topic: string) {
    await this.clients.expectReceived(actor, { topic, payload, retain: true });
  },
);

Then(
  '{string} receives {string} on {string} with the retain flag clear',
  async function (this: HarnessWorld, actor: string, payload: string, topic: string) {
    await this.clients.expectReceived(actor, { topic, payload, retain: false });
  },
);

Then(
  '{string} receives nothing on {string}',
  async function (this: HarnessWorld, actor: string, topic: string) {
    await this.clients.expectNotReceived(actor, { topic });
  },
);

Then(
  '{string} receives no message on a topic that starts with {string}',
  async function (this: HarnessWorld, actor: string, prefix: string) {
    await this.clients.expectNoneReceivedWhere(actor, `a message on a "${prefix}" topic`, (m) =>
      m.topic.startsWith(prefix),
    );
  },
);

Then(
  '{string} does not receive {string} on {string}',
  async function (this: HarnessWorld, actor: string, payload: string, topic: string) {
    await this.clients.expectNotReceived(actor, { topic, payload });
  },
);
