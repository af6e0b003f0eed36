import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { DeviceSession } from '../connection/device-session.ts';
import { RawClient } from '../connection/raw-client.ts';
import { TestClient } from '../connection/test-client.ts';
import { startReferenceBroker } from './reference-broker.ts';
import { REFERENCE_DEFAULTS } from './reference-options.ts';

/** A throwaway self-signed certificate, or undefined when openssl is not installed. */
function selfSigned(): { key: Buffer; cert: Buffer } | undefined {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'mqtt-harness-tls-'));
  try {
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-days',
        '1',
        '-subj',
        '/CN=127.0.0.1',
        '-keyout',
        path.join(dir, 'key.pem'),
        '-out',
        path.join(dir, 'cert.pem'),
      ],
      { stdio: 'ignore' },
    );
    return { key: readFileSync(path.join(dir, 'key.pem')), cert: readFileSync(path.join(dir, 'cert.pem')) };
  } catch {
    return undefined;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

test('SEC-1: given a key and certificate the reference broker listens with TLS', async (t) => {
  const tls = selfSigned();
  if (!tls) return t.skip('openssl is not installed');
  const broker = await startReferenceBroker({ ...REFERENCE_DEFAULTS, tls });
  const client = new RawClient(broker.url);
  try {
    assert.match(broker.url, /^mqtts:\/\//);
    assert.equal((await client.connect({ clientId: 'GID_harness@@@tls1' })).accepted, true);
    // The MQTT.js-based clients reach the same TLS listener through the same transport.
    const testClient = new TestClient('tls', broker.url, 'GID_harness@@@tls2', 5_000);
    assert.equal((await testClient.connect()).accepted, true);
    await testClient.close();
    const session = new DeviceSession(broker.url, 'GID_harness@@@tls3', true, { onMessage: () => undefined });
    await session.connect();
    await session.close();
  } finally {
    client.destroy();
    await broker.close();
  }
});
