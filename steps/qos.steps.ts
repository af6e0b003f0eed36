import { After, defineParameterType, Given, Then, When } from '@cucumber/cucumber';
import type { QoS } from '../harness/connection/qos.ts';
import type { Ack } from '../harness/connection/session-probe.ts';
import { SessionScenario } from '../harness/probe/session-scenario.ts';
import type { HarnessWorld } from './support/world.ts';

// QoS × cleanSession (QCS): raw-packet subscribers that show DUP flags and packet IDs as sent and can
// withhold acks, optionally behind a fault proxy. One SessionScenario per scenario, made on first use.
const sessionScenarios = new WeakMap<HarnessWorld, SessionScenario>();

function sessions(world: HarnessWorld): SessionScenario {
  let scenario = sessionScenarios.get(world);
  if (!scenario) {
    scenario = new SessionScenario(world.target.url, world.namespace, world.profile);
    sessionScenarios.set(world, scenario);
  }
  return scenario;
}

defineParameterType({ name: 'clean', regexp: /true|false/, transformer: (text: string) => text === 'true' });
defineParameterType({
  name: 'ack',
  regexp: /PUBACK|PUBREC|PUBCOMP/,
  transformer: (text: string) => text.toLowerCase() as Ack,
});

After(async function (this: HarnessWorld) {
  const scenario = sessionScenarios.get(this);
  if (!scenario) return;
  const evidence = { judgements: scenario.judgements, notes: scenario.notes, wire: scenario.transcript() };
  this.attach(JSON.stringify(evidence, null, 2), {
    mediaType: 'application/json',
    fileName: 'qcs-evidence.json',
  });
  await scenario.close();
});

Given(
  '{string} is online with cleanSession={clean} and a QoS {qos} subscription to {string}',
  async function (this: HarnessWorld, actor: string, clean: boolean, qos: QoS, filter: string) {
    await sessions(this).online(actor, clean, filter, qos);
  },
);

Given(
  '{string} is online through a faulty network with cleanSession={clean} and a QoS {qos} subscription to {string}',
  async function (this: HarnessWorld, actor: string, clean: boolean, qos: QoS, filter: string) {
    await sessions(this).online(actor, clean, filter, qos, true);
  },
);

When(
  '{string} sends {string} to {string} at QoS {qos}',
  async function (this: HarnessWorld, publisher: string, payload: string, topic: string, qos: QoS) {
    await sessions(this).send(publisher, payload, topic, qos);
  },
);

When('{string} goes away with a DISCONNECT', async function (this: HarnessWorld, actor: string) {
  await sessions(this).disconnect(actor);
});

When("{string}'s socket dies without a DISCONNECT", async function (this: HarnessWorld, actor: string) {
  await sessions(this).kill(actor);
});

When('the network of {string} is cut', async function (this: HarnessWorld, actor: string) {
  await sessions(this).cutNetwork(actor);
});

When('the network of {string} becomes a black hole', function (this: HarnessWorld, actor: string) {
  sessions(this).blackHole(actor);
});

When(
  '{string} comes back with cleanSession={clean}',
  async function (this: HarnessWorld, actor: string, clean: boolean) {
    await sessions(this).comeBack(actor, clean);
  },
);

When('{string} withholds its {ack}', function (this: HarnessWorld, actor: string, ack: Ack) {
  sessions(this).withhold(actor, ack);
});

When('{string} acknowledges normally again', function (this: HarnessWorld, actor: string) {
  sessions(this).acknowledgeAgain(actor);
});

// Table 2-1, one part of a cell per step, each part judged by its own rule (session-table.ts partRule).
Then(
  '{string} gets its online messages as Table 2-1 says for QoS {qos} with cleanSession={clean}',
  async function (this: HarnessWorld, actor: string, qos: QoS, clean: boolean) {
    this.log(await sessions(this).expectCell(actor, qos, clean, 'online'));
  },
);

Then(
  '{string} finds its offline messages and subscription as Table 2-1 says for QoS {qos} with cleanSession={clean}',
  async function (this: HarnessWorld, actor: string, qos: QoS, clean: boolean) {
    this.log(await sessions(this).expectCell(actor, qos, clean, 'across reconnects'));
  },
);

Then('{string} finds no session present', function (this: HarnessWorld, actor: string) {
  sessions(this).expectSessionPresent(actor, false);
});

Then('{string} finds its session present', function (this: HarnessWorld, actor: string) {
  sessions(this).expectSessionPresent(actor, true);
});

Then(
  "{string}'s application never receives {string}",
  async function (this: HarnessWorld, actor: string, payload: string) {
    await sessions(this).expectNeverDelivered(actor, payload);
  },
);

Then(
  "{string}'s application receives {string} at least once",
  async function (this: HarnessWorld, actor: string, payload: string) {
    await sessions(this).expectDeliveredAtLeastOnce(actor, payload);
  },
);

Then(
  "{string}'s application receives {string} exactly once",
  async function (this: HarnessWorld, actor: string, payload: string) {
    await sessions(this).expectDeliveredOnce(actor, payload);
  },
);

Then(
  '{string} is sent {string} again with the DUP flag set and its packet ID',
  async function (this: HarnessWorld, actor: string, payload: string) {
    await sessions(this).expectRedeliveredWithDup(actor, payload);
  },
);

Then(
  '{string} is sent {string} no more than once',
  async function (this: HarnessWorld, actor: string, payload: string) {
    await sessions(this).expectNotResent(actor, payload);
  },
);
