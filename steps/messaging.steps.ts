import { Given, Then, When } from '@cucumber/cucumber';
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

// A profile's own grant rule (aliyun authentication); MQTT 3.1.1 alone lets a broker grant less.
Then('{string} is granted QoS {qos}', function (this: HarnessWorld, actor: string, qos: QoS) {
  this.clients.expectGranted(actor, qos);
});

// Precondition, not a judgement: a lower grant is lawful [MQTT-3.9.3], so the check is inconclusive.
Then(
  '{string} holds its subscription at QoS {qos} or above, else the check is inconclusive',
  function (this: HarnessWorld, actor: string, qos: QoS) {
    this.log(`evidence: ${this.clients.requireGrantedAtLeast(actor, qos)}`);
  },
);

// [MQTT-3.8.4-1] and [MQTT-3.9.3-1], on a bare socket so the SUBACK's codes are seen as sent.
When(
  '{string} subscribes in one SUBSCRIBE to {string} at QoS {qos}, {string} at QoS {qos} and {string} at QoS {qos}',
  async function (
    this: HarnessWorld,
    actor: string,
    f1: string,
    q1: QoS,
    f2: string,
    q2: QoS,
    f3: string,
    q3: QoS,
  ) {
    await this.clients.wire.subscribe(actor, [
      { filter: f1, qos: q1 },
      { filter: f2, qos: q2 },
      { filter: f3, qos: q3 },
    ]);
  },
);

Then(
  '{string} gets a SUBACK with one return code per filter, in the order of the filters',
  function (this: HarnessWorld, actor: string) {
    this.clients.wire.expectSubackInOrder(actor);
  },
);

// [MQTT-3.3.4-1] Table 3.4 / [MQTT-4.3.3-2]: which packet answered a QoS 2 PUBLISH, seen on the wire.
Given('{string} is connected on the wire', async function (this: HarnessWorld, actor: string) {
  await this.clients.wire.connect(actor);
});

When(
  '{string} publishes {string} to {string} at QoS 2 on the wire',
  async function (this: HarnessWorld, actor: string, payload: string, topic: string) {
    await this.clients.wire.publishQos2(actor, topic, payload);
  },
);

Then(
  "the broker answered {string}'s QoS 2 PUBLISH with PUBREC",
  function (this: HarnessWorld, actor: string) {
    this.clients.wire.expectQos2Answer(actor);
  },
);

When(
  '{string} publishes {string} to {string} at QoS {qos}',
  async function (this: HarnessWorld, actor: string, payload: string, topic: string, qos: QoS) {
    await this.clients.publish(actor, topic, payload, { qos });
  },
);

// Precondition for checks of what is delivered: a flow that does not complete leaves nothing to judge.
When(
  '{string} publishes {string} to {string} at QoS {qos}, which the broker must accept',
  async function (this: HarnessWorld, actor: string, payload: string, topic: string, qos: QoS) {
    await this.clients.publishRequired(actor, topic, payload, qos);
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
  '{string} receives {string} on {string} through the wildcard filter it was granted',
  async function (this: HarnessWorld, actor: string, payload: string, topic: string) {
    await this.clients.expectReceivedThroughGrantedWildcard(actor, { topic, payload });
  },
);

// Precondition of a check that something else is *not* received: the message is delivered at all.
Then(
  '{string} receives {string} on {string}, else the check is inconclusive',
  async function (this: HarnessWorld, actor: string, payload: string, topic: string) {
    this.log(`evidence: ${await this.clients.requireReceived(actor, { topic, payload })}`);
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
