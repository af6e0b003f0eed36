import { defineParameterType, Given, Then, When } from '@cucumber/cucumber';
import type { HarnessWorld } from './support/world.ts';

// Prices stay text ("12.50"), exactly as a tag shows them.
defineParameterType({ name: 'price', regexp: /\d+\.\d{2}/, transformer: (text: string) => text });

const EVENT = '(?:requested|re-issued|delivered|acknowledged)';
defineParameterType({
  name: 'events',
  regexp: new RegExp(`${EVENT}(?:(?:, | and )${EVENT})*`),
  transformer: (text: string): string[] => text.split(/, | and /),
});

Given(
  'a store with {int} smart APs and {int} price tags',
  async function (this: HarnessWorld, aps: number, tags: number) {
    await this.solutions.store.open(aps, tags);
  },
);

Given('the smart AP of tag {word} goes offline', async function (this: HarnessWorld, tag: string) {
  await this.solutions.store.apOfTagGoesOffline(tag);
});

When('the smart AP of tag {word} comes back online', async function (this: HarnessWorld, tag: string) {
  await this.solutions.store.apOfTagComesBack(tag);
});

When('the battery of tag {word} runs out', function (this: HarnessWorld, tag: string) {
  this.solutions.store.batteryRunsOut(tag);
});

When(
  'the price of tag {word} changes to {price}',
  async function (this: HarnessWorld, tag: string, price: string) {
    await this.solutions.store.changePrice(tag, price);
  },
);

When('the price-tag service re-issues the task for {word}', async function (this: HarnessWorld, tag: string) {
  await this.solutions.store.reissue(tag);
});

Then('the price-tag service sees {int} tags online', async function (this: HarnessWorld, count: number) {
  await this.solutions.store.expectOnline(count);
});

Then(
  'the price-tag service sees {int} tags online, without {word}',
  async function (this: HarnessWorld, count: number, tag: string) {
    await this.solutions.store.expectOnline(count, tag);
  },
);

Then(
  'the tag shows {price} within {int} s and the task is acknowledged',
  async function (this: HarnessWorld, price: string, seconds: number) {
    await this.solutions.store.expectShownAndAcknowledged(undefined, price, seconds * 1_000);
  },
);

Then(
  'tag {word} shows {price} within {int} s and the task is acknowledged',
  async function (this: HarnessWorld, tag: string, price: string, seconds: number) {
    await this.solutions.store.expectShownAndAcknowledged(tag, price, seconds * 1_000);
  },
);

Then('tag {word} still shows {price}', function (this: HarnessWorld, tag: string, price: string) {
  this.solutions.store.expectStillShows(tag, price);
});

Then(
  'the price-tag service sees the task for {word} still requested, not acknowledged',
  function (this: HarnessWorld, tag: string) {
    this.solutions.store.expectTaskState(tag, 'requested');
  },
);

Then(
  'the smart AP of tag {word} took the price change only once',
  async function (this: HarnessWorld, tag: string) {
    await this.solutions.store.expectApTookTaskOnce(tag);
  },
);

Then(
  'the task log shows the task for {word} {events}',
  async function (this: HarnessWorld, tag: string, events: string[]) {
    await this.solutions.store.expectTaskLogged(tag, events);
  },
);
