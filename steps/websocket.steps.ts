import { Given, Then, When } from '@cucumber/cucumber';
import type { HarnessWorld } from './support/world.ts';

When(
  '{string} opens a WebSocket offering the subprotocol "mqtt"',
  async function (this: HarnessWorld, actor: string) {
    await this.webSockets.offerMqtt(actor);
  },
);

Then(
  'the broker selects and returns the subprotocol "mqtt" to {string}',
  function (this: HarnessWorld, actor: string) {
    this.log(this.webSockets.expectMqttSelected(actor));
  },
);

When('{string} sends its CONNECT in a text frame', async function (this: HarnessWorld, actor: string) {
  await this.webSockets.sendConnectAsText(actor);
});

Then(
  'the broker closes the WebSocket connection of {string}',
  async function (this: HarnessWorld, actor: string) {
    this.log(await this.webSockets.expectClosed(actor));
  },
);

When(
  '{string} sends its CONNECT split over {int} binary frames',
  async function (this: HarnessWorld, actor: string, parts: number) {
    await this.webSockets.sendConnectSplit(actor, parts);
  },
);

Then('{string} gets a CONNACK over the WebSocket', async function (this: HarnessWorld, actor: string) {
  this.log(await this.webSockets.expectConnack(actor, 'a CONNECT split over binary frames'));
});

When(
  '{string} sends its CONNECT and a PINGREQ in one binary frame',
  async function (this: HarnessWorld, actor: string) {
    await this.webSockets.sendConnectAndPingInOneFrame(actor);
  },
);

Then(
  '{string} gets CONNACK 0 and a PINGRESP over the WebSocket',
  async function (this: HarnessWorld, actor: string) {
    this.log(await this.webSockets.expectConnackAndPingresp(actor));
  },
);

Given('{string} is connected over the WebSocket', async function (this: HarnessWorld, actor: string) {
  await this.webSockets.connect(actor);
});

Given(
  '{string} subscribes over the WebSocket to the scenario topic',
  async function (this: HarnessWorld, actor: string) {
    await this.webSockets.subscribe(actor);
  },
);

When(
  '{string} publishes at QoS 1 to the scenario topic one binary frame per byte',
  function (this: HarnessWorld, actor: string) {
    this.webSockets.publishByteByByte(actor);
  },
);

Then('{string} gets a PUBACK over the WebSocket', async function (this: HarnessWorld, actor: string) {
  this.log(await this.webSockets.expectPuback(actor));
});

Then(
  'whether the message of {string} reaches {string} is recorded',
  async function (this: HarnessWorld, sender: string, listener: string) {
    this.log(await this.webSockets.recordDelivery(sender, listener));
  },
);
