import { defineParameterType, Given, Then, When, type DataTable } from '@cucumber/cucumber';
import type { QoS } from '../harness/connection/qos.ts';
import type { IdPacket } from '../harness/probe/subscribe-packets.ts';
import type { HarnessWorld } from './support/world.ts';

// SUBSCRIBE / UNSUBSCRIBE on bare sockets: the World's `subscriptions` stage (harness/stages/subscription-stage.ts).
defineParameterType({
  name: 'flags',
  regexp: /[01]{4}/,
  transformer: (bits: string) => Number.parseInt(bits, 2),
});
defineParameterType({
  name: 'optionsByte',
  regexp: /0x[0-9a-fA-F]{2}/,
  transformer: (hex: string) => Number.parseInt(hex, 16),
});

defineParameterType({
  name: 'hexBytes',
  regexp: /[0-9A-F]{2}(?: [0-9A-F]{2})*/,
  transformer: (text: string) => Buffer.from(text.replaceAll(' ', ''), 'hex'),
});

Given('{string} is connected on a raw socket', async function (this: HarnessWorld, actor: string) {
  await this.subscriptions.connect(actor);
});

When(
  '{string} sends a SUBSCRIBE to {string} with the fixed-header flags {flags}',
  function (this: HarnessWorld, actor: string, filter: string, flags: number) {
    this.subscriptions.sendMalformed(actor, { kind: 'flags', ack: 'SUBACK', flags, filter });
  },
);

When(
  '{string} sends an UNSUBSCRIBE of {string} with the fixed-header flags {flags}',
  function (this: HarnessWorld, actor: string, filter: string, flags: number) {
    this.subscriptions.sendMalformed(actor, { kind: 'flags', ack: 'UNSUBACK', flags, filter });
  },
);

When('{string} sends a SUBSCRIBE with no topic filter', function (this: HarnessWorld, actor: string) {
  this.subscriptions.sendMalformed(actor, { kind: 'no filter', ack: 'SUBACK' });
});

When('{string} sends an UNSUBSCRIBE with no topic filter', function (this: HarnessWorld, actor: string) {
  this.subscriptions.sendMalformed(actor, { kind: 'no filter', ack: 'UNSUBACK' });
});

When(
  '{string} sends a SUBSCRIBE to {string} whose requested-QoS byte is {optionsByte}',
  function (this: HarnessWorld, actor: string, filter: string, options: number) {
    this.subscriptions.sendMalformed(actor, { kind: 'options', options, filter });
  },
);

When(
  '{string} subscribes on its raw socket to {string} followed by the bytes {hexBytes}',
  function (this: HarnessWorld, actor: string, filter: string, bytes: Buffer) {
    this.subscriptions.sendMalformed(actor, { kind: 'utf8 filter', bytes, filter });
  },
);

When(
  '{string} unsubscribes on its raw socket from {string} followed by the bytes {hexBytes}',
  function (this: HarnessWorld, actor: string, filter: string, bytes: Buffer) {
    this.subscriptions.sendMalformed(actor, { kind: 'utf8 unsubscribe', bytes, filter });
  },
);

When(
  '{string} publishes to {string} followed by the bytes {hexBytes} on its raw socket',
  function (this: HarnessWorld, actor: string, topic: string, bytes: Buffer) {
    this.subscriptions.sendMalformed(actor, { kind: 'utf8 topic', bytes, topic });
  },
);

Then(
  'the broker closes the connection of {string} without answering the packet',
  async function (this: HarnessWorld, actor: string) {
    await this.subscriptions.expectClosedUnanswered(actor);
  },
);

When(
  '{string} subscribes on its raw socket to {string} at QoS {qos} with packet ID {int}',
  async function (this: HarnessWorld, actor: string, filter: string, qos: QoS, id: number) {
    await this.subscriptions.subscribe(actor, [{ filter, qos }], id);
  },
);

// A setup subscription: refused (0x80, no SUBACK), the check is inconclusive.
When(
  '{string} subscribes on its raw socket to {string} at QoS {qos}',
  async function (this: HarnessWorld, actor: string, filter: string, qos: QoS) {
    await this.subscriptions.subscribe(actor, [{ filter, qos }]);
  },
);

When(
  '{string} subscribes on its raw socket in one SUBSCRIBE to:',
  async function (this: HarnessWorld, actor: string, table: DataTable) {
    const asked = table.hashes().map((row) => ({ filter: row.filter ?? '', qos: Number(row.qos) }));
    await this.subscriptions.subscribe(actor, asked);
  },
);

Then(
  '{string} holds {string} at QoS {qos} or above, else the check is inconclusive',
  function (this: HarnessWorld, actor: string, filter: string, qos: QoS) {
    this.log(`evidence: ${this.subscriptions.requireGranted(actor, filter, qos)}`);
  },
);

When(
  '{string} unsubscribes on its raw socket from {string} with packet ID {int}',
  async function (this: HarnessWorld, actor: string, filter: string, id: number) {
    await this.subscriptions.unsubscribe(actor, [filter], id);
  },
);

When(
  '{string} unsubscribes on its raw socket from {string}',
  async function (this: HarnessWorld, actor: string, filter: string) {
    await this.subscriptions.unsubscribe(actor, [filter]);
  },
);

When(
  '{string} unsubscribes on its raw socket in one UNSUBSCRIBE from {string} and {string}',
  async function (this: HarnessWorld, actor: string, first: string, second: string) {
    await this.subscriptions.unsubscribe(actor, [first, second]);
  },
);

Then('{string} gets a SUBACK with packet ID {int}', function (this: HarnessWorld, actor: string, id: number) {
  this.subscriptions.expectAckId(actor, 'SUBACK', id);
});

Then(
  '{string} gets an UNSUBACK with packet ID {int}',
  function (this: HarnessWorld, actor: string, id: number) {
    this.subscriptions.expectAckId(actor, 'UNSUBACK', id);
  },
);

When(
  '{string} publishes {string} to {string} at QoS {qos} on its raw socket',
  async function (this: HarnessWorld, actor: string, payload: string, topic: string, qos: QoS) {
    await this.subscriptions.publish(actor, payload, topic, qos === 0 ? 0 : 1);
  },
);

Then(
  '{string} is sent {string} on {string}',
  async function (this: HarnessWorld, actor: string, payload: string, topic: string) {
    await this.subscriptions.expectPublish(actor, payload, topic);
  },
);

// Precondition of a check that something is *not* sent: the message is delivered at all.
Then(
  '{string} is sent {string} on {string}, else the check is inconclusive',
  async function (this: HarnessWorld, actor: string, payload: string, topic: string) {
    await this.subscriptions.expectPublish(actor, payload, topic, { inconclusive: true });
  },
);

Then(
  '{string} is sent {string} on {string} at QoS {qos}',
  async function (this: HarnessWorld, actor: string, payload: string, topic: string, qos: QoS) {
    await this.subscriptions.expectPublish(actor, payload, topic, { qos });
  },
);

Then(
  '{string} is sent {string} on {string} exactly once, at QoS {qos}',
  async function (this: HarnessWorld, actor: string, payload: string, topic: string, qos: QoS) {
    await this.subscriptions.expectPublish(actor, payload, topic, { qos, exactly: 1 });
  },
);

Then(
  '{string} is sent {string} on {string} a second time, at QoS {qos}',
  async function (this: HarnessWorld, actor: string, payload: string, topic: string, qos: QoS) {
    await this.subscriptions.expectPublish(actor, payload, topic, { qos, atLeast: 2 });
  },
);

Then(
  '{string} is sent no copy of {string}',
  async function (this: HarnessWorld, actor: string, payload: string) {
    await this.subscriptions.expectNoPublish(actor, payload);
  },
);

When(
  '{string} subscribes on its raw socket to the empty topic filter',
  async function (this: HarnessWorld, actor: string) {
    await this.subscriptions.subscribeToEmptyFilter(actor);
  },
);

Then(
  'the broker does not grant the last filter {string} subscribed to',
  function (this: HarnessWorld, actor: string) {
    this.subscriptions.expectNotGranted(actor);
  },
);

When('{string} answers {string} with PUBREC', function (this: HarnessWorld, actor: string, payload: string) {
  this.subscriptions.answerWithPubrec(actor, payload);
});

Then(
  '{string} gets a PUBREL for {string}',
  async function (this: HarnessWorld, actor: string, payload: string) {
    await this.subscriptions.expectPubrel(actor, payload);
  },
);

Then(
  '{string} is sent {string} on {string} at QoS {qos}, once or once per matching subscription',
  async function (this: HarnessWorld, actor: string, payload: string, topic: string, qos: QoS) {
    this.log(`evidence: ${await this.subscriptions.expectOverlapDelivery(actor, payload, topic, qos)}`);
  },
);

// Packet identifiers, SUBACK return codes and fixed-header flags (packet-answers.ts) -----------------

defineParameterType({
  name: 'idPacket',
  regexp: /SUBSCRIBE|UNSUBSCRIBE|QoS 1 PUBLISH|QoS 2 PUBLISH/,
  transformer: (text: string) => text as IdPacket,
});

defineParameterType({
  name: 'filterList',
  regexp: /"[^"]*" at QoS [0-2](?:, "[^"]*" at QoS [0-2])*/,
  transformer: (text: string) =>
    [...text.matchAll(/"([^"]*)" at QoS ([0-2])/g)].map((m) => ({ filter: m[1] ?? '', qos: Number(m[2]) })),
});

defineParameterType({
  name: 'idList',
  regexp: /\d+(?:, \d+)*/,
  transformer: (text: string) => text.split(', ').map(Number),
});

When(
  '{string} sends a {idPacket} with packet identifier 0',
  function (this: HarnessWorld, actor: string, packet: IdPacket) {
    this.subscriptions.sendMalformed(actor, { kind: 'zero id', packet, filter: 'ids/zero' });
  },
);

When(
  '{string} subscribes on its raw socket with packet ID {int} to {filterList}',
  async function (this: HarnessWorld, actor: string, id: number, asked: { filter: string; qos: number }[]) {
    await this.subscriptions.subscribe(actor, asked, id);
  },
);

Then('the SUBACK to {string} has one return code per filter', function (this: HarnessWorld, actor: string) {
  this.subscriptions.expectCodePerFilter(actor);
});

Then(
  'every return code of the SUBACK to {string} is 0x00, 0x01, 0x02 or 0x80',
  function (this: HarnessWorld, actor: string) {
    this.subscriptions.expectDefinedCodes(actor);
  },
);

When(
  '{string} writes SUBSCRIBEs with packet IDs {idList} and UNSUBSCRIBEs with packet IDs {idList} in one go',
  async function (this: HarnessWorld, actor: string, subscribes: number[], unsubscribes: number[]) {
    await this.subscriptions.writeBurst(actor, subscribes, unsubscribes);
  },
);

Then(
  'each SUBSCRIBE and UNSUBSCRIBE of {string} is answered with its own packet ID',
  function (this: HarnessWorld, actor: string) {
    this.subscriptions.expectOwnIds(actor);
  },
);

Then(
  'the QoS 1 messages {string}, {string} and {string} in flight to {string} on {string} carry distinct packet IDs',
  async function (this: HarnessWorld, a: string, b: string, c: string, actor: string, topic: string) {
    await this.subscriptions.expectInflightIds(actor, [a, b, c], topic);
  },
);

Then(
  '{string} is sent {string} on {string} at QoS 0 with nothing between the topic name and the payload',
  async function (this: HarnessWorld, actor: string, payload: string, topic: string) {
    await this.subscriptions.expectQos0WithoutId(actor, payload, topic);
  },
);

When(
  '{string} and {string} exchange every kind of packet on {string}',
  async function (this: HarnessWorld, sub: string, pub: string, topic: string) {
    await this.subscriptions.exchangeEveryPacket(sub, pub, topic);
  },
);

Then(
  'every packet the broker sent {string} and {string} carries the fixed-header flags of Table 2.2',
  function (this: HarnessWorld, sub: string, pub: string) {
    this.subscriptions.expectTable22Flags([sub, pub]);
  },
);
