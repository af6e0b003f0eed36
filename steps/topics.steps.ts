import { Given, Then, When } from '@cucumber/cucumber';
import type { Delivery } from '../harness/stages/rule-stage.ts';
import type { Alphabet, RelativeLength } from '../harness/checks/rule-cases.ts';
import type { QoS } from '../harness/connection/qos.ts';
import type { HarnessWorld } from './support/world.ts';

Given('{string} listens to every topic of the scenario', async function (this: HarnessWorld, actor: string) {
  await this.rules.listenToScenario(actor);
});

Given(
  '{string} listens under a parent topic that is not provisioned',
  async function (this: HarnessWorld, actor: string) {
    await this.rules.listenUnderUnprovisionedParent(actor);
  },
);

When(
  '{string} subscribes to a topic of {limit} {alphabet} characters',
  async function (this: HarnessWorld, actor: string, length: RelativeLength, alphabet: Alphabet) {
    await this.rules.subscribeToTopicOfLength(actor, length, alphabet);
  },
);

When(
  '{string} subscribes under a parent topic that is not provisioned',
  async function (this: HarnessWorld, actor: string) {
    await this.rules.subscribeUnderUnprovisionedParent(actor);
  },
);

When(
  '{string} subscribes under the provisioned parent topic',
  async function (this: HarnessWorld, actor: string) {
    await this.rules.subscribeUnderProvisionedParent(actor);
  },
);

When(
  '{string} subscribes to a topic with {string} in a subtopic',
  async function (this: HarnessWorld, actor: string, char: string) {
    await this.rules.subscribeWithReserved(actor, char);
  },
);

When(
  '{string} subscribes to {limit} different topics, one SUBSCRIBE each',
  async function (this: HarnessWorld, actor: string, count: RelativeLength) {
    await this.rules.subscribeToMany(actor, count);
  },
);

Then('the broker grants the subscription(s) of {string}', function (this: HarnessWorld, actor: string) {
  this.rules.expectSubscriptions(actor, 'accepts');
});

Then('the broker refuses the subscription of {string}', function (this: HarnessWorld, actor: string) {
  this.rules.expectSubscriptions(actor, 'refuses');
});

Then(
  'the broker refuses only the last subscription of {string}',
  function (this: HarnessWorld, actor: string) {
    this.rules.expectSubscriptions(actor, 'refuses the last');
  },
);

When(
  '{string} publishes to a topic of {limit} {alphabet} characters',
  async function (this: HarnessWorld, actor: string, length: RelativeLength, alphabet: Alphabet) {
    await this.rules.publishToTopicOfLength(actor, length, alphabet);
  },
);

When(
  '{string} publishes under the parent topic that is not provisioned',
  async function (this: HarnessWorld, actor: string) {
    await this.rules.publishUnderUnprovisionedParent(actor);
  },
);

When(
  '{string} publishes under the provisioned parent topic',
  async function (this: HarnessWorld, actor: string) {
    await this.rules.publishUnderProvisionedParent(actor);
  },
);

When(
  '{string} publishes to a topic with {string} in a subtopic',
  async function (this: HarnessWorld, actor: string, char: string) {
    await this.rules.publishWithReserved(actor, char);
  },
);

When(
  '{string} publishes a payload of {limit} bytes',
  async function (this: HarnessWorld, actor: string, size: RelativeLength) {
    await this.rules.publishPayloadOfSize(actor, size);
  },
);

Then(
  'the message of {string} {delivery} {string}',
  async function (this: HarnessWorld, sender: string, delivery: Delivery, listener: string) {
    await this.rules.expectDelivery(sender, delivery, listener);
  },
);

// [MQTT-3.3.5-2] under a broker that authorizes by parent topic (aliyun TOP-2).
Given(
  '{string} is refused a subscription under a parent topic that is not provisioned, else the check is inconclusive',
  async function (this: HarnessWorld, actor: string) {
    await this.rules.requireParentAuthorization(actor);
  },
);

When(
  '{string} publishes at QoS {qos} under the parent topic that is not provisioned',
  async function (this: HarnessWorld, actor: string, qos: QoS) {
    await this.rules.publishUnauthorized(actor, qos);
  },
);

Then(
  'the broker acknowledges the PUBLISH of {string} as its QoS requires, or closes the connection',
  function (this: HarnessWorld, actor: string) {
    this.log(this.rules.expectUnauthorizedAnswer(actor));
  },
);

// [MQTT-3.3.5-2] under MQTT 3.1.1: the topic the broker's configuration does not authorize.
Given(
  '{string} subscribes to the topic the broker does not authorize',
  async function (this: HarnessWorld, actor: string) {
    await this.rules.listenToDeniedTopic(actor);
  },
);

When(
  '{string} publishes at QoS {qos} to the topic the broker does not authorize',
  async function (this: HarnessWorld, actor: string, qos: QoS) {
    await this.rules.publishToDeniedTopic(actor, qos);
  },
);

Then(
  'the unauthorized message of {string} does not reach {string}, else the check is inconclusive',
  async function (this: HarnessWorld, sender: string, listener: string) {
    this.log(await this.rules.requireUndelivered(sender, listener));
  },
);
