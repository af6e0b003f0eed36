import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { TestClient } from '../connection/test-client.ts';
import { eventually } from '../eventually.ts';
import { RawClient } from '../connection/raw-client.ts';
import { SessionProbe } from '../connection/session-probe.ts';
import { clearRunContext, handOverRunContext } from '../run/run-context.ts';
import { readProfileConfig, type ProfileConfig } from '../profiles/profile-config.ts';
import { DeviceSession } from '../connection/device-session.ts';
import type { StartedBrokerTarget } from '../targets/broker-target.ts';
import { parseTarget } from '../targets/parse-target.ts';
import { clientLogin } from './credentials.ts';
import { runCredentials } from './run-login.ts';

/** CONNACK 4 (bad user name or password) or 5 (not authorized) [MQTT-3.2.2-5]. */
const REFUSED_LOGIN = [4, 5];
const SECRET = 'login-test-secret-5f1c';
const TOKEN = 'login-test-token-9a2e';
const AUTH = { accessKeyId: 'LTAIlogin', instanceId: 'mqtt-cn-login' };

/**
 * PUB-4 / SEC-3 end to end: the reference broker started from a profile config (as `certify --broker
 * embedded --profile-config FILE` does) and the harness's clients logging in from the same config.
 */
function withConfig(config: ProfileConfig, env: Record<string, string>) {
  let broker: StartedBrokerTarget;
  const saved = { ...process.env };
  const dir = mkdtempSync(path.join(tmpdir(), 'mh-auth-'));
  before(async () => {
    const file = path.join(dir, 'profile-config.json');
    writeFileSync(file, JSON.stringify(config));
    Object.assign(process.env, env);
    broker = await parseTarget('embedded', readProfileConfig(file)).start();
    // The run context as the CLI hands it over for `--profile-config FILE`: every client logs in from it.
    handOverRunContext({
      target: { spec: broker.spec, url: broker.url, capabilities: broker.capabilities },
      profileConfig: file,
      mq: { kind: 'none', reason: 'not used here' },
    });
  });
  after(async () => {
    await broker.stop();
    rmSync(dir, { recursive: true, force: true });
    clearRunContext();
    for (const key of Object.keys(env)) delete process.env[key];
    Object.assign(process.env, saved);
  });
  return { url: () => broker.url };
}

describe('signature authentication (PUB-4)', () => {
  const broker = withConfig(
    { auth: { mode: 'signature', ...AUTH, secretKeyEnv: 'MH_LOGIN_SECRET' } },
    { MH_LOGIN_SECRET: SECRET },
  );

  test('every harness client logs in with the run credentials and is accepted', async () => {
    const client = new TestClient('a', broker.url(), 'GID_harness@@@login-tc', 2_000);
    assert.equal((await client.connect()).accepted, true);
    await client.close();
    const session = new DeviceSession(broker.url(), 'GID_harness@@@login-ds', true, { onMessage() {} });
    await session.connect();
    await session.close();
    const probe = new SessionProbe(broker.url(), 'GID_harness@@@login-sp', 2_000);
    assert.equal((await probe.connect({ clean: true })).accepted, true);
    probe.kill();
    const raw = new RawClient(broker.url(), 2_000);
    assert.equal((await raw.connect({ clientId: 'GID_harness@@@login-rc' })).accepted, true);
    raw.destroy();
  });

  test('a wrong signature, a signature for another client ID and no login are refused', async () => {
    const clientId = 'GID_harness@@@login-bad';
    const credentials = runCredentials();
    assert.ok(credentials);
    const attempts = [
      clientLogin({ ...credentials, secretKey: 'not-the-secret' }, clientId),
      clientLogin(credentials, 'GID_harness@@@someone-else'),
      { username: 'anonymous', password: Buffer.from('') },
    ];
    for (const login of attempts) {
      const raw = new RawClient(broker.url(), 2_000);
      const outcome = await raw.connect({ clientId, ...login });
      raw.destroy();
      assert.equal(outcome.accepted, false);
      assert.ok(REFUSED_LOGIN.includes(outcome.returnCode ?? -1), `CONNACK ${outcome.returnCode}`);
    }
  });
});

describe('token authentication (PUB-4, SEC-3 temporary credentials)', () => {
  const broker = withConfig(
    { auth: { mode: 'token', ...AUTH, tokenEnv: 'MH_LOGIN_TOKEN' } },
    { MH_LOGIN_TOKEN: TOKEN },
  );

  test('R|token|W|token subscribes and publishes; a token sent with R only cannot publish', async () => {
    const topic = 'harness/login/token';
    const listener = new RawClient(broker.url(), 2_000);
    assert.equal((await listener.connect({ clientId: 'GID_harness@@@login-l' })).accepted, true);
    assert.deepEqual(await listener.subscribe([topic], 1), [1]);

    const credentials = runCredentials();
    assert.ok(credentials);
    const readerId = 'GID_harness@@@login-r';
    const reader = new RawClient(broker.url(), 2_000);
    const outcome = await reader.connect({ clientId: readerId, ...clientLogin(credentials, readerId, 'R') });
    assert.equal(outcome.accepted, true, 'R|token logs in');
    assert.deepEqual(await reader.subscribe([topic], 1), [1], 'R allows subscribing');
    await reader.publish(topic, 'from-r-only', 1);
    // The reader's PUBLISH was settled (refused or dropped) before the writer even connects.
    const writer = new TestClient('w', broker.url(), 'GID_harness@@@login-w', 2_000);
    await writer.connectOrFail();
    await writer.publish(topic, 'from-rw', { qos: 1 });
    await eventually(() => listener.publishes.find((p) => p.payload.toString() === 'from-rw'), {
      timeoutMs: 2_000,
      description: () => 'the R|token|W|token message to arrive',
    });
    const leaked = listener.publishes.filter((p) => p.payload.toString() === 'from-r-only');
    assert.equal(leaked.length, 0, 'a client with only R published a message');
    await writer.close();
    listener.destroy();
    reader.destroy();
  });
});
