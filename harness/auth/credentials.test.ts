import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { test } from 'node:test';
import { UsageError } from '../errors.ts';
import { clientLogin, credentialsFromConfig, type ClientCredentials } from './credentials.ts';

const SIGNATURE: ClientCredentials = {
  mode: 'signature',
  accessKeyId: 'LTAIfixture',
  instanceId: 'mqtt-cn-fixture',
  secretKey: 'fixture-secret',
};

test('PUB-4 signature: Signature|AK|instance and Base64(HMAC-SHA1(secret, clientId))', () => {
  const login = clientLogin(SIGNATURE, 'GID_cert@@@device-1');
  assert.equal(login.username, 'Signature|LTAIfixture|mqtt-cn-fixture');
  // Computed outside Node: printf GID_cert@@@device-1 | openssl dgst -sha1 -hmac fixture-secret -binary | base64
  assert.equal(login.password.toString(), 'ax2O0ayI4YMeh0sIw9LNneiDt2o=');
});

test('PUB-4 token: Token|AK|instance with R|token, R|token|W|token, or a separate W token', () => {
  const token: ClientCredentials = { mode: 'token', accessKeyId: 'AK', instanceId: 'i', readToken: 'rt' };
  assert.equal(clientLogin(token, 'c').username, 'Token|AK|i');
  assert.equal(clientLogin(token, 'c').password.toString(), 'R|rt|W|rt');
  assert.equal(clientLogin(token, 'c', 'R').password.toString(), 'R|rt');
  assert.equal(clientLogin({ ...token, writeToken: 'wt' }, 'c').password.toString(), 'R|rt|W|wt');
});

test('secrets come from the environment variables the config names; a missing one says which to set', () => {
  const auth = {
    mode: 'signature',
    accessKeyId: 'AK',
    instanceId: 'i',
    secretKeyEnv: 'MH_X_SECRET',
  } as const;
  assert.equal(credentialsFromConfig(auth, { MH_X_SECRET: 'k' }).secretKey, 'k');
  assert.throws(
    () => credentialsFromConfig(auth, {}),
    (error: Error) => {
      assert.ok(error instanceof UsageError);
      assert.match(error.message, /MH_X_SECRET, which is not set/);
      return true;
    },
  );
  assert.throws(
    () => credentialsFromConfig({ mode: 'token', accessKeyId: 'AK', instanceId: 'i' }, {}),
    /needs auth\.tokenEnv/,
  );
});

test('the harness login never imports the reference broker (the oracle stays independent)', () => {
  for (const file of readdirSync(import.meta.dirname).filter((name) => name.endsWith('.ts'))) {
    const source = readFileSync(new URL(file, import.meta.url), 'utf8');
    assert.doesNotMatch(source, /from '\.\.\/reference\//, `${file} imports harness/reference`);
  }
});
