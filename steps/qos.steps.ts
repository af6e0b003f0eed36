import { defineParameterType, Given, Then, When } from '@cucumber/cucumber';
import type { QoS } from '../harness/connection/qos.ts';
import type { Ack } from '../harness/connection/session-probe.ts';
import type { HarnessWorld } from './support/world.ts';

// QoS × cleanSession (QCS): the World's `sessions` stage (harness/stages/session-stage.ts).
defineParameterType({ name: 'clean', regexp: /true|false/, transformer: (text: string) => text === 'true' });
defineParameterType({
  name: 'ack',
  regexp: /PUBACK|PUBREC|PUBCOMP/,
  transformer: (text: string) => text.toLowerCase() as Ack,
});

Given(
  '{string} is online with cleanSession={clean} and a QoS {qos} subscription to {string}',
  async function (this: HarnessWorld, actor: string, clean: boolean, qos: QoS, filter: string) {
    await this.sessions.online(actor, clean, filter, qos);
  },
);

Given(
  '{string} is online through a faulty network with cleanSession={clean} and a QoS {qos} subscription to {string}',
  async function (this: HarnessWorld, actor: string, clean: boolean, qos: QoS, filter: string) {
    await this.sessions.online(actor, clean, filter, qos, true);
  },
);

When(
  '{string} sends {string} to {string} at QoS {qos}',
  async function (this: HarnessWorld, publisher: string, payload: string, topic: string, qos: QoS) {
    await this.sessions.send(publisher, payload, topic, qos);
  },
);

// A session subscriber leaves, or a publisher of the publish stage (retained.feature [MQTT-3.1.2-7]).
When('{string} goes away with a DISCONNECT', async function (this: HarnessWorld, actor: string) {
  const publishing = this.publisherStage(actor);
  await (publishing ? publishing.leave(actor, 'disconnect') : this.sessions.disconnect(actor));
});

When("{string}'s socket dies without a DISCONNECT", async function (this: HarnessWorld, actor: string) {
  const publishing = this.publisherStage(actor);
  await (publishing ? publishing.leave(actor, 'socket death') : this.sessions.kill(actor));
});

When('the network of {string} is cut', async function (this: HarnessWorld, actor: string) {
  await this.sessions.cutNetwork(actor);
});

When('the network of {string} becomes a black hole', function (this: HarnessWorld, actor: string) {
  this.sessions.blackHole(actor);
});

When(
  '{string} comes back with cleanSession={clean}',
  async function (this: HarnessWorld, actor: string, clean: boolean) {
    await this.sessions.comeBack(actor, clean);
  },
);

When('{string} withholds its {ack}', function (this: HarnessWorld, actor: string, ack: Ack) {
  this.sessions.withhold(actor, ack);
});

When('{string} acknowledges normally again', function (this: HarnessWorld, actor: string) {
  this.sessions.acknowledgeAgain(actor);
});

// Table 2-1, one part of a cell per step, each part judged by its own rule (session-table.ts partRule).
Then(
  '{string} gets its online messages as Table 2-1 says for QoS {qos} with cleanSession={clean}',
  async function (this: HarnessWorld, actor: string, qos: QoS, clean: boolean) {
    this.log(await this.sessions.expectCell(actor, qos, clean, 'online'));
  },
);

Then(
  '{string} finds its offline messages and subscription as Table 2-1 says for QoS {qos} with cleanSession={clean}',
  async function (this: HarnessWorld, actor: string, qos: QoS, clean: boolean) {
    this.log(await this.sessions.expectCell(actor, qos, clean, 'across reconnects'));
  },
);

Then('{string} finds no session present', function (this: HarnessWorld, actor: string) {
  this.sessions.expectSessionPresent(actor, false);
});

Then('{string} finds its session present', function (this: HarnessWorld, actor: string) {
  this.sessions.expectSessionPresent(actor, true);
});

Then(
  "{string}'s application never receives {string}",
  async function (this: HarnessWorld, actor: string, payload: string) {
    await this.sessions.expectNeverDelivered(actor, payload);
  },
);

Then(
  "{string}'s application receives {string} at least once",
  async function (this: HarnessWorld, actor: string, payload: string) {
    await this.sessions.expectDeliveredAtLeastOnce(actor, payload);
  },
);

Then(
  "{string}'s application receives {string} exactly once",
  async function (this: HarnessWorld, actor: string, payload: string) {
    await this.sessions.expectDeliveredOnce(actor, payload);
  },
);

Then(
  '{string} is sent {string} again with the DUP flag set and its packet ID',
  async function (this: HarnessWorld, actor: string, payload: string) {
    await this.sessions.expectRedeliveredWithDup(actor, payload);
  },
);

Then(
  '{string} is sent {string} no more than once',
  async function (this: HarnessWorld, actor: string, payload: string) {
    await this.sessions.expectNotResent(actor, payload);
  },
);

Then(
  '{string} is sent the PUBREL of {string} again with its packet ID',
  async function (this: HarnessWorld, actor: string, payload: string) {
    this.log(`evidence: ${await this.sessions.expectReleaseResent(actor, payload)}`);
  },
);

Then(
  '{string} is sent {string}, {string} and {string} again in that order',
  async function (this: HarnessWorld, actor: string, m1: string, m2: string, m3: string) {
    this.log(`evidence: ${await this.sessions.expectResentInOrder(actor, [m1, m2, m3])}`);
  },
);
