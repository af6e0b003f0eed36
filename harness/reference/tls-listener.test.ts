import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DeviceSession } from '../connection/device-session.ts';
import { RawClient } from '../connection/raw-client.ts';
import { TestClient } from '../connection/test-client.ts';
import { startReferenceBroker } from './reference-broker.ts';
import { REFERENCE_DEFAULTS } from './reference-options.ts';
import { selfSignedCertificate } from './self-signed-certificate.ts';

/** A throwaway self-signed certificate (selfSignedCertificate), or undefined when openssl is not installed. */
function selfSigned(): { key: Buffer; cert: Buffer } | undefined {
  try {
    const made = selfSignedCertificate('127.0.0.1');
    made.remove();
    return { key: made.key, cert: made.cert };
  } catch {
    return undefined;
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
