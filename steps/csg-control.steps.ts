import { defineParameterType, Given, Then, When } from '@cucumber/cucumber';
import type { CsgRegion } from '../simulators/topic-plans.ts';
import type { HarnessWorld } from './support/world.ts';

defineParameterType({
  name: 'region',
  regexp: /cn-hangzhou|cn-shanghai/,
  transformer: (text: string) => text as CsgRegion,
});

Given('the CSG console is running', async function (this: HarnessWorld) {
  await this.solutions.csg.startConsole();
});

Given(
  'CSG instance {word} in {region} is connected',
  async function (this: HarnessWorld, instance: string, region: CsgRegion) {
    await this.solutions.csg.addInstance(instance, region);
  },
);

Given(
  '{word} will answer its next command with the error code {word}',
  function (this: HarnessWorld, instance: string, errorCode: string) {
    this.solutions.csg.failNextCommand(instance, errorCode);
  },
);

Given('{word} loses its connection', async function (this: HarnessWorld, instance: string) {
  await this.solutions.csg.loseConnection(instance);
});

When('{word} reconnects', async function (this: HarnessWorld, instance: string) {
  await this.solutions.csg.reconnect(instance);
});

When(
  'the console asks {word} to set its cache size to {int} GB',
  async function (this: HarnessWorld, instance: string, gb: number) {
    await this.solutions.csg.setCacheSize(instance, gb);
  },
);

When(
  'the console tells {word} to flush its cache, expecting no reply',
  async function (this: HarnessWorld, instance: string) {
    await this.solutions.csg.flushCacheNoReply(instance);
  },
);

When('the user re-issues the command to {word}', async function (this: HarnessWorld, instance: string) {
  await this.solutions.csg.reissue(instance);
});

When('the console pulls the status of {word}', async function (this: HarnessWorld, instance: string) {
  await this.solutions.csg.pullStatus(instance);
});

When(
  'the cache usage of {word} reaches {int} %',
  async function (this: HarnessWorld, instance: string, percent: number) {
    await this.solutions.csg.cacheUsageReaches(instance, percent);
  },
);

Then('{word} carries out the command', async function (this: HarnessWorld, instance: string) {
  await this.solutions.csg.expectApplied(instance);
});

Then('{word} sends no reply', function (this: HarnessWorld, instance: string) {
  this.solutions.csg.expectNoReply(instance);
});

Then(
  'the console shows the command to {word} as succeeded',
  async function (this: HarnessWorld, instance: string) {
    await this.solutions.csg.expectSucceeded(instance);
  },
);

Then(
  'the console asks the user to re-issue the command to {word}',
  async function (this: HarnessWorld, instance: string) {
    await this.solutions.csg.expectReissueAdvised(instance);
  },
);

Then(
  'the console shows the status of {word}, collected by pull',
  async function (this: HarnessWorld, instance: string) {
    await this.solutions.csg.expectPulledStatus(instance);
  },
);

Then(
  'the console shows {word} with cache usage {int} %, collected by push',
  async function (this: HarnessWorld, instance: string, percent: number) {
    await this.solutions.csg.expectPushedStatus(instance, { cacheUsedPercent: percent });
  },
);

Then(
  '{word} never received the command sent while it was away',
  function (this: HarnessWorld, instance: string) {
    this.solutions.csg.expectNothingFromWhileAway(instance);
  },
);
