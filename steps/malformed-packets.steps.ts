import { Then, When } from '@cucumber/cucumber';
import type { HarnessWorld } from './support/world.ts';

When(
  '{string} publishes to the topic name {string} as written',
  async function (this: HarnessWorld, actor: string, topic: string) {
    await this.malformed.publishToTopicName(actor, topic);
  },
);

When(
  '{string} publishes to a topic name containing {codePoint}',
  async function (this: HarnessWorld, actor: string, char: string) {
    await this.malformed.publishToTopicName(actor, `a${char}b`);
  },
);

When(
  '{string} publishes with a topic length that runs past the end of the packet',
  function (this: HarnessWorld, actor: string) {
    this.malformed.publishWithOverlongTopic(actor);
  },
);

When(
  '{string} subscribes to the filter {string} as written',
  async function (this: HarnessWorld, actor: string, filter: string) {
    await this.malformed.subscribeToFilter(actor, filter);
  },
);

When(
  '{string} subscribes to a filter containing {codePoint}',
  async function (this: HarnessWorld, actor: string, char: string) {
    await this.malformed.subscribeToFilter(actor, `a${char}b`);
  },
);

When(
  '{string} connects with a client ID whose length runs past the end of the packet',
  async function (this: HarnessWorld, actor: string) {
    await this.malformed.connectWithOverlongClientId(actor);
  },
);

Then('the broker does not grant the filter of {string}', function (this: HarnessWorld, actor: string) {
  this.log(this.malformed.expectFilterNotGranted(actor));
});

Then('the broker closes the connection of {string}', async function (this: HarnessWorld, actor: string) {
  await this.malformed.expectClosed(actor);
});

Then(
  'the broker closes the connection of {string} without a CONNACK',
  function (this: HarnessWorld, actor: string) {
    this.malformed.expectClosedWithoutConnack(actor);
  },
);

Then(
  'the report records whether the broker closed the connection of {string}',
  async function (this: HarnessWorld, actor: string) {
    this.log(await this.malformed.connectionFate(actor));
  },
);
