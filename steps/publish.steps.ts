import { Given, Then, When } from '@cucumber/cucumber';
import type { QoS } from '../harness/connection/qos.ts';
import type { HarnessWorld } from './support/world.ts';

// PUBLISH on the wire (harness/stages/publish-stage.ts): "watches" subscribes a raw subscriber that shows
// DUP, RETAIN, QoS and packet IDs as sent; "writes" sends a PUBLISH exactly as the step says.

Given(
  '{string} watches {string} at QoS {qos}',
  async function (this: HarnessWorld, actor: string, filter: string, qos: QoS) {
    await this.publishing.watch(actor, filter, qos);
  },
);

Given(
  '{string} watches at QoS {qos} or above, else the check is inconclusive',
  function (this: HarnessWorld, actor: string, qos: QoS) {
    this.publishing.requireGranted(actor, qos);
  },
);

When(
  '{string} retains {string} on {string} at QoS {qos}',
  async function (this: HarnessWorld, actor: string, payload: string, topic: string, qos: QoS) {
    await this.publishing.publish(actor, { topic, payload, qos, retain: true });
  },
);

When(
  '{string} clears the retained message on {string} with a QoS {qos} PUBLISH',
  async function (this: HarnessWorld, actor: string, topic: string, qos: QoS) {
    await this.publishing.publish(actor, { topic, payload: '', qos, retain: true });
  },
);

When(
  '{string} writes {string} to {string} at QoS {qos}',
  async function (this: HarnessWorld, actor: string, payload: string, topic: string, qos: QoS) {
    await this.publishing.publish(actor, { topic, payload, qos });
  },
);

When(
  '{string} writes {string} to {string} at QoS {qos} with the DUP flag set',
  async function (this: HarnessWorld, actor: string, payload: string, topic: string, qos: QoS) {
    await this.publishing.publish(actor, { topic, payload, qos, dup: true });
  },
);

When(
  '{string} writes {string} to {string} at QoS {qos} with packet ID {int}, awaiting nothing',
  async function (this: HarnessWorld, actor: string, payload: string, topic: string, qos: QoS, id: number) {
    await this.publishing.write(actor, { topic, payload, qos, messageId: id });
  },
);

When(
  '{string} writes {string} to {string} at QoS {qos} with packet ID {int} and the DUP flag set, awaiting nothing',
  async function (this: HarnessWorld, actor: string, payload: string, topic: string, qos: QoS, id: number) {
    await this.publishing.write(actor, { topic, payload, qos, messageId: id, dup: true });
  },
);

When(
  '{string} writes {string} to {string} at QoS {qos} with packet ID {int}, completing the flow',
  async function (this: HarnessWorld, actor: string, payload: string, topic: string, qos: QoS, id: number) {
    await this.publishing.publish(actor, { topic, payload, qos, messageId: id });
  },
);

When(
  '{string} writes {string} to {string} at QoS {qos} with packet ID {int} and the DUP flag set, completing the flow',
  async function (this: HarnessWorld, actor: string, payload: string, topic: string, qos: QoS, id: number) {
    await this.publishing.publish(actor, { topic, payload, qos, messageId: id, dup: true });
  },
);

When('{string} releases packet ID {int}', async function (this: HarnessWorld, actor: string, id: number) {
  await this.publishing.release(actor, id);
});

When(
  '{string} releases packet ID {int} with a PUBREL whose fixed header flags are {int}',
  async function (this: HarnessWorld, actor: string, id: number, flags: number) {
    await this.publishing.releaseWithFlags(actor, id, flags);
  },
);

When(
  '{string} writes a PUBLISH with both QoS bits set to {string}',
  async function (this: HarnessWorld, actor: string, topic: string) {
    await this.publishing.writeQos3(actor, topic);
  },
);

When(
  '{string} writes {string}, {string}, {string} and {string} to {string} at QoS {qos} in one go',
  async function (
    this: HarnessWorld,
    actor: string,
    m1: string,
    m2: string,
    m3: string,
    m4: string,
    topic: string,
    qos: QoS,
  ) {
    await this.publishing.publishBurst(actor, topic, [m1, m2, m3, m4], qos);
  },
);

Then(
  '{string} is sent {string}, else the check is inconclusive',
  async function (this: HarnessWorld, actor: string, payload: string) {
    await this.publishing.requireSent(actor, payload);
  },
);

Then(
  '{string} is sent the retained {string} on {string} at QoS {qos}',
  async function (this: HarnessWorld, actor: string, payload: string, topic: string, qos: QoS) {
    await this.publishing.expectRetainedSent(actor, payload, topic, qos);
  },
);

Then(
  '{string} is sent {string} with the retain flag clear',
  async function (this: HarnessWorld, actor: string, payload: string) {
    await this.publishing.expectSentWithRetainClear(actor, payload);
  },
);

Then(
  '{string} is sent {string} with the DUP flag clear the first time',
  async function (this: HarnessWorld, actor: string, payload: string) {
    await this.publishing.expectFirstSendWithoutDup(actor, payload, true);
  },
);

Then('{string} is sent an empty message', async function (this: HarnessWorld, actor: string) {
  await this.publishing.expectSentTimes(actor, '', 1);
});

Then(
  '{string} is sent {string} exactly {int} time(s)',
  async function (this: HarnessWorld, actor: string, payload: string, times: number) {
    await this.publishing.expectSentTimes(actor, payload, times);
  },
);

Then('{string} is not sent {string}', async function (this: HarnessWorld, actor: string, payload: string) {
  await this.publishing.expectSentTimes(actor, payload, 0);
});

Then(
  '{string} is sent nothing on {string}',
  async function (this: HarnessWorld, actor: string, topic: string) {
    await this.publishing.expectNothingSentOn(actor, topic);
  },
);

Then(
  '{string} is sent {string}, {string}, {string} and {string} in that order',
  async function (this: HarnessWorld, actor: string, m1: string, m2: string, m3: string, m4: string) {
    await this.publishing.expectInOrder(actor, 'MQTT-4.6.0-6', [m1, m2, m3, m4]);
  },
);

Then(
  '{string} gets a PUBACK for packet ID {int}',
  async function (this: HarnessWorld, actor: string, id: number) {
    await this.publishing.expectAnswer(actor, 'puback', id, 'MQTT-2.3.1-6');
  },
);

Then(
  '{string} gets a PUBREC for packet ID {int}',
  async function (this: HarnessWorld, actor: string, id: number) {
    await this.publishing.expectAnswer(actor, 'pubrec', id, 'MQTT-2.3.1-6');
  },
);

// [MQTT-4.3.3-2]: until the PUBREL, every repeat of the PUBLISH is answered with PUBREC again.
Then(
  '{string} gets a second PUBREC for packet ID {int}',
  async function (this: HarnessWorld, actor: string, id: number) {
    await this.publishing.expectAnswer(actor, 'pubrec', id, 'MQTT-4.3.3-2', 2);
  },
);

// [MQTT-4.3.3-2]: the PUBCOMP carries the packet ID of the PUBREL it answers.
Then(
  '{string} gets a PUBCOMP for packet ID {int}',
  async function (this: HarnessWorld, actor: string, id: number) {
    await this.publishing.expectAnswer(actor, 'pubcomp', id, 'MQTT-4.3.3-2');
  },
);

Then(
  '{string} is sent {string} at QoS 1 with DUP clear and a packet ID',
  async function (this: HarnessWorld, actor: string, payload: string) {
    await this.publishing.expectSentAsNewQos1(actor, payload);
  },
);

Then(
  '{string} is sent {string} at QoS 2 with DUP clear, then a PUBREL with its packet ID, and never again',
  async function (this: HarnessWorld, actor: string, payload: string) {
    await this.publishing.expectReleasedOnce(actor, payload);
  },
);

Then(
  "the broker closes {string}'s connection after its QoS 3 PUBLISH",
  async function (this: HarnessWorld, actor: string) {
    await this.publishing.expectClosed(actor, 'MQTT-3.3.1-4', 'a PUBLISH with both QoS bits set');
  },
);

Then(
  "the broker closes {string}'s connection after its malformed PUBREL",
  async function (this: HarnessWorld, actor: string) {
    await this.publishing.expectClosed(
      actor,
      'MQTT-3.6.1-1',
      'a PUBREL whose fixed header flags are not 0010',
    );
  },
);

When(
  '{string} writes {string}, {string} and {string} to each of {string}, {string} and {string} in turns at QoS {qos} in one go',
  async function (
    this: HarnessWorld,
    actor: string,
    l1: string,
    l2: string,
    l3: string,
    t1: string,
    t2: string,
    t3: string,
    qos: QoS,
  ) {
    await this.publishing.publishInTurns(actor, [l1, l2, l3], [t1, t2, t3], qos);
  },
);

Then(
  '{string} is sent the messages of each topic in the order written',
  async function (this: HarnessWorld, actor: string) {
    await this.publishing.expectInOrder(actor, 'MQTT-4.6.0-5');
  },
);

Then(
  '{string} is sent the retained {string} after the session of {string} ended',
  async function (this: HarnessWorld, actor: string, payload: string, publisher: string) {
    await this.publishing.expectRetainedAfterPublisherLeft(actor, payload, publisher);
  },
);
