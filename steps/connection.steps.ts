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

Given(
  '{string} is connected with the will {string} on {string} at QoS {qos}',
  async function (this: HarnessWorld, actor: string, payload: string, topic: string, qos: 0 | 1 | 2) {
    await this.clients.connect(actor, { will: { topic, payload, qos } });
  },
);

Given(
  '{string} is connected with the retained will {string} on {string}',
  async function (this: HarnessWorld, actor: string, payload: string, topic: string) {
    await this.clients.connect(actor, { will: { topic, payload, qos: 1, retain: true } });
  },
);

// Hand-written CONNECTs and control packets (ConnectStage) ----------------------------------------

Given(
  '{string} left a persistent session with a subscription',
  async function (this: HarnessWorld, actor: string) {
    await this.connects.leaveStoredSession(actor);
  },
);

When(
  '{string} connects with a CONNECT that has {}',
  async function (this: HarnessWorld, actor: string, defect: string) {
    await this.connects.connectWithCase(actor, defect);
  },
);

When(
  '{string} connects with protocol level {int}',
  async function (this: HarnessWorld, actor: string, level: number) {
    await this.connects.connectWith(actor, { level });
  },
);

When(
  '{string} resumes its session with protocol level {int}',
  async function (this: HarnessWorld, actor: string, level: number) {
    await this.connects.connectWith(actor, { level, clean: false });
  },
);

When(
  '{string} connects with the protocol name {string}',
  async function (this: HarnessWorld, actor: string, protocolName: string) {
    await this.connects.connectWith(actor, { protocolName });
  },
);

When(
  '{string} connects with protocol level 6 and PUBLISHes in the same write',
  async function (this: HarnessWorld, actor: string) {
    await this.connects.connectRefusedThenPublish(actor);
  },
);

When(
  'three {string} clients connect 1 s apart with a keep-alive of {int} second(s) and stay silent',
  async function (this: HarnessWorld, actor: string, seconds: number) {
    await this.connects.connectSilentClients(actor, seconds);
  },
);

When(
  '{string} sends a {word} as its first packet',
  async function (this: HarnessWorld, actor: string, name: string) {
    await this.connects.sendFirst(actor, name);
  },
);

When('{string} sends a {string}', function (this: HarnessWorld, actor: string, name: string) {
  this.connects.send(actor, name);
});

When('{string} sends {int} PINGREQs', async function (this: HarnessWorld, actor: string, times: number) {
  await this.connects.ping(actor, times);
});

Then(
  'the broker refuses the CONNECT of {string} and closes the connection',
  async function (this: HarnessWorld, actor: string) {
    this.log(await this.connects.expectRefusedAndClosed(actor));
  },
);

Then(
  'the broker answers {string} with CONNACK 0x01 \\(unacceptable protocol version\\)',
  function (this: HarnessWorld, actor: string) {
    this.log(this.connects.expectUnacceptableVersion(actor));
  },
);

Then(
  'the broker closes the connection of {string} after the refusing CONNACK',
  async function (this: HarnessWorld, actor: string) {
    await this.connects.expectClosedAfterRefusal(actor);
  },
);

Then(
  'the refusing CONNACK to {string} says no session present',
  function (this: HarnessWorld, actor: string) {
    this.log(this.connects.expectNoSessionPresentOnRefusal(actor));
  },
);

Then('the broker does not accept {string} as MQTT 3.1.1', async function (this: HarnessWorld, actor: string) {
  this.log(await this.connects.expectNotAcceptedAsMqtt(actor));
});

Then(
  'the PUBLISH of {string} does not reach {string}',
  async function (this: HarnessWorld, sender: string, listener: string) {
    this.log(await this.connects.expectNotDelivered(sender, listener));
  },
);

Then(
  'the broker answers every PINGREQ of {string} with a PINGRESP',
  function (this: HarnessWorld, actor: string) {
    this.log(this.connects.expectPingresps(actor));
  },
);

Then(
  'the broker disconnects each {string} client within 1.5 times its keep-alive',
  async function (this: HarnessWorld, actor: string) {
    this.log(await this.connects.expectKeepAliveClose(actor));
  },
);

When(
  '{string} connects with a zero-length client ID and cleanSession 0',
  async function (this: HarnessWorld, actor: string) {
    await this.connects.connectWith(actor, { clientId: '', clean: false });
  },
);

When(
  '{string} connects with a client ID of {int} characters from 0-9a-zA-Z',
  async function (this: HarnessWorld, actor: string, length: number) {
    await this.connects.connectWithAlphanumericId(actor, length);
  },
);

When(
  '{string} connects with a zero-length client ID and cleanSession 1',
  async function (this: HarnessWorld, actor: string) {
    await this.connects.connectWith(actor, { clientId: '', clean: true });
  },
);

When(
  '{string} takes over the client ID of {string} with a {word} session',
  async function (this: HarnessWorld, actor: string, owner: string, session: string) {
    await this.connects.takeOver(actor, owner, session === 'clean');
  },
);

Then('the broker accepts the CONNECT of {string}', function (this: HarnessWorld, actor: string) {
  this.log(this.connects.expectAccepted(actor));
});

Then(
  'the broker keeps {string} and {string} apart, or refuses an empty client ID with CONNACK 0x02',
  async function (this: HarnessWorld, first: string, second: string) {
    this.log(await this.connects.expectEmptyIdsDistinct(first, second));
  },
);

Then(
  'the broker accepts {string} and disconnects {string}',
  async function (this: HarnessWorld, actor: string, owner: string) {
    this.log(await this.connects.expectTakeover(owner, actor));
  },
);

Given('{string} is online with a will', async function (this: HarnessWorld, actor: string) {
  await this.connects.connectWithWill(actor);
});

Then(
  'the will of {string} reaches {string}',
  async function (this: HarnessWorld, actor: string, listener: string) {
    this.log(await this.connects.expectWillPublished(actor, listener));
  },
);

When(
  '{string} connects on a raw socket with keep-alive {int} and cleanSession {int}',
  async function (this: HarnessWorld, actor: string, keepalive: number, clean: number) {
    await this.connects.connectWith(actor, { keepalive, clean: clean === 1 });
  },
);

Then(
  'the CONNACK to {string}, if any, carries a return code from 0 to 5',
  function (this: HarnessWorld, actor: string) {
    this.log(this.connects.expectDefinedReturnCode(actor));
  },
);

Then(
  'the broker answers {string} with CONNACK 0 if it serves the connection',
  async function (this: HarnessWorld, actor: string) {
    this.log(await this.connects.expectAcceptedWithConnack0(actor));
  },
);
