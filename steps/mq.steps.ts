import { Given, Then, When } from '@cucumber/cucumber';
import type { QoS } from '../harness/connection/qos.ts';
import type { PayloadSpec } from '../harness/mq/mq-payloads.ts';
import type { HarnessWorld } from './support/world.ts';

Given('the MQ side consumes the MQ topic of the parent topic', async function (this: HarnessWorld) {
  await this.mq.listen();
});

Given(
  '{string} is connected with cleanSession {mqFlag}',
  async function (this: HarnessWorld, actor: string, clean: boolean) {
    await this.mq.connectDevice(actor, clean);
  },
);

Given(
  '{string} subscribes to the parent topic at QoS {qos}',
  async function (this: HarnessWorld, actor: string, qos: QoS) {
    await this.mq.subscribeToParent(actor, qos);
  },
);

When(
  '{string} publishes {mqPayload} to {string} at QoS {qos}',
  async function (this: HarnessWorld, actor: string, payload: PayloadSpec, topic: string, qos: QoS) {
    await this.mq.publish(actor, topic, payload, qos);
  },
);

When(
  '{string} publishes {int} numbered messages to {string} at QoS {qos}',
  async function (this: HarnessWorld, actor: string, count: number, topic: string, qos: QoS) {
    await this.mq.publishNumbered(actor, topic, count, qos);
  },
);

Then(
  'the MQ side receives the message on the MQ topic named like the parent topic',
  async function (this: HarnessWorld) {
    await this.mq.expectUplink('MQM-1');
  },
);

Then('its mqttSecondTopic is the MQTT topic after the parent topic', async function (this: HarnessWorld) {
  await this.mq.expectUplink('MQM-5');
});

Then('its body is the payload byte for byte', async function (this: HarnessWorld) {
  await this.mq.expectUplink('MQM-2');
});

Then('its qoslevel is the QoS of the publish', async function (this: HarnessWorld) {
  await this.mq.expectUplink('MQM-3');
});

Then("its cleansessionflag is the publisher's cleanSession", async function (this: HarnessWorld) {
  await this.mq.expectUplink('MQM-4');
});

Then('it carries no mqttRealTopic', async function (this: HarnessWorld) {
  await this.mq.expectUplink('MQM-6');
});

Then("its clientId is the publisher's client ID", async function (this: HarnessWorld) {
  await this.mq.expectUplink('MQM-7');
});

Then(
  'the MQ side receives the numbered messages in the order they were sent',
  async function (this: HarnessWorld) {
    await this.mq.expectUplinkOrder();
  },
);

When(
  'the MQ side sends {mqPayload} to the subtopic {string}',
  async function (this: HarnessWorld, payload: PayloadSpec, topic: string) {
    await this.mq.send(topic, payload);
  },
);

When(
  'the MQ side sends {mqPayload} to the parent topic',
  async function (this: HarnessWorld, payload: PayloadSpec) {
    await this.mq.send(undefined, payload);
  },
);

When(
  'the MQ side sends {mqPayload} to the parent topic with qoslevel {qos}',
  async function (this: HarnessWorld, payload: PayloadSpec, qos: QoS) {
    await this.mq.send(undefined, payload, { qos });
  },
);

When(
  'the MQ side sends {mqPayload} to the parent topic with cleansessionflag {mqFlag}',
  async function (this: HarnessWorld, payload: PayloadSpec, clean: boolean) {
    await this.mq.send(undefined, payload, { cleanSession: clean });
  },
);

When(
  'the MQ side sends {mqPayload} to the parent topic with the property {string} set to {string}',
  async function (this: HarnessWorld, payload: PayloadSpec, key: string, value: string) {
    await this.mq.sendWithRawProperty(undefined, payload, key, value);
  },
);

Then('the MQ side accepts the message', function (this: HarnessWorld) {
  this.mq.expectAccepted();
});

Then(
  '{string} receives the MQ message byte for byte on {string}',
  async function (this: HarnessWorld, actor: string, topic: string) {
    await this.mq.expectDelivered(actor, topic);
  },
);

Then(
  '{string} receives the MQ message on {string} at QoS {qos}',
  async function (this: HarnessWorld, actor: string, topic: string, qos: QoS) {
    await this.mq.expectDelivered(actor, topic, qos);
  },
);

Then(
  '{string} receives the MQ message byte for byte on the parent topic',
  async function (this: HarnessWorld, actor: string) {
    await this.mq.expectDelivered(actor, undefined);
  },
);

Then(
  '{string} receives the MQ message on the parent topic at QoS {qos}',
  async function (this: HarnessWorld, actor: string, qos: QoS) {
    await this.mq.expectDelivered(actor, undefined, qos);
  },
);

Then('{string} does not receive the MQ message', async function (this: HarnessWorld, actor: string) {
  await this.mq.expectNotDelivered(actor);
});

Then(
  'the MQ side refuses the message by {word}, or {string} receives it on the parent topic as if the property were not set',
  async function (this: HarnessWorld, rule: string, actor: string) {
    await this.mq.expectRefusedOrIgnored(rule, actor, undefined);
  },
);
