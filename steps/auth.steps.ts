import { defineParameterType, Then, When } from '@cucumber/cucumber';
import { LOGIN_PATTERN, type LoginKind } from '../harness/stages/auth-stage.ts';
import type { QoS } from '../harness/connection/qos.ts';
import type { HarnessWorld } from './support/world.ts';

// `a valid signature`, `a read-only token`, `no credentials` … (PUB-4, harness/stages/auth-stage.ts).
defineParameterType({
  name: 'login',
  regexp: LOGIN_PATTERN,
  transformer: (text: string) => text as LoginKind,
});

When('{string} logs in with {login}', async function (this: HarnessWorld, actor: string, login: LoginKind) {
  await this.auth.logIn(actor, login);
});

Then('the broker refuses the login of {string}', function (this: HarnessWorld, actor: string) {
  this.auth.expectLoginRefused(actor);
});

When(
  '{string} tries to publish {string} to {string} at QoS {qos}',
  async function (this: HarnessWorld, actor: string, payload: string, topic: string, qos: QoS) {
    await this.auth.attemptPublish(actor, topic, payload, qos);
  },
);
