import { Given, Then, When } from '@cucumber/cucumber';
import type { Alphabet, RelativeLength } from '../harness/checks/rule-cases.ts';
import type { HarnessWorld } from './support/world.ts';

Given('{string} is online', async function (this: HarnessWorld, actor: string) {
  await this.rules.goOnline(actor);
});

When('{string} goes offline', async function (this: HarnessWorld, actor: string) {
  await this.rules.goOffline(actor);
});

When(
  '{string} connects with a client ID of {limit} {alphabet} characters',
  async function (this: HarnessWorld, actor: string, length: RelativeLength, alphabet: Alphabet) {
    await this.rules.connectWithIdOfLength(actor, length, alphabet);
  },
);

When(
  '{string} connects with a client ID containing {codePoint}',
  async function (this: HarnessWorld, actor: string, char: string) {
    await this.rules.connectWithIdContaining(actor, char);
  },
);

When(
  '{string} connects with the client ID {string}',
  async function (this: HarnessWorld, actor: string, shape: string) {
    await this.rules.connectWithIdShaped(actor, shape);
  },
);

When(
  '{string} connects with {string} in the {idPart} of its client ID',
  async function (this: HarnessWorld, actor: string, char: string, part: 'Group ID' | 'Device ID') {
    await this.rules.connectWithReservedCharacter(actor, char, part);
  },
);

When(
  '{string} connects with an empty client ID and a persistent session',
  async function (this: HarnessWorld, actor: string) {
    await this.rules.connectWithEmptyPersistentId(actor);
  },
);

When(
  '{string} connects in a group that is not provisioned',
  async function (this: HarnessWorld, actor: string) {
    await this.rules.connectInUnprovisionedGroup(actor);
  },
);

When(
  '{string} connects with the client ID of {string}',
  async function (this: HarnessWorld, actor: string, owner: string) {
    await this.rules.connectWithIdOf(actor, owner);
  },
);

Then(
  'the broker {verdict} the client ID of {string}',
  function (this: HarnessWorld, verdict: 'accepts' | 'refuses', actor: string) {
    this.rules.expectConnect(actor, verdict);
  },
);

Then(
  'the broker rejects the identifier of {string} with CONNACK 0x02 and closes the connection',
  async function (this: HarnessWorld, actor: string) {
    await this.rules.expectIdentifierRejected(actor);
  },
);

Then(
  "the broker treats {string} and {string} as the profile's duplicate-ID policy says",
  async function (this: HarnessWorld, first: string, second: string) {
    await this.rules.expectDuplicatePolicy(first, second);
  },
);
