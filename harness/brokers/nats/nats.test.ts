import assert from 'node:assert/strict';
import { test } from 'node:test';
import { containerConfig } from '../../targets/container/container-config.ts';
import { natsConfig } from './nats.ts';

void test('process:nats: MQTT and the client port on loopback, JetStream in the run directory', () => {
  const conf = natsConfig({
    serverName: 'harness_nats_1',
    clientPort: 41000,
    mqttPort: 41001,
    storeDir: '/tmp/x/js',
  });
  assert.match(conf, /^server_name: harness_nats_1$/m);
  assert.match(conf, /^port: 41000$/m);
  assert.match(conf, /^mqtt \{ listen: "127\.0\.0\.1:41001" \}$/m);
  assert.match(conf, /^jetstream \{ store_dir: "\/tmp\/x\/js" \}$/m);
});

void test('process:nats also serves MQTT over WebSocket on a loopback port without TLS', () => {
  const options = { serverName: 'n', clientPort: 41000, mqttPort: 41001, storeDir: '/tmp/x/js' };
  assert.match(
    natsConfig({ ...options, webSocketPort: 41002 }),
    /^websocket \{ listen: "127\.0\.0\.1:41002", no_tls: true \}$/m,
  );
  assert.doesNotMatch(natsConfig(options), /websocket/);
});

void test('container:local/nats is the locally built image', () => {
  const config = containerConfig('local/nats');
  assert.equal(config.image, 'mqtt-harness/nats:local');
  assert.match(config.build ?? '', /images build nats/);
});
