import assert from 'node:assert/strict';
import { test } from 'node:test';
import { containerConfig } from '../../targets/container/container-config.ts';
import { rabbitmqConfig, rabbitmqEnv } from './rabbitmq-process.ts';

void test('process:rabbitmq: loopback listeners, anonymous MQTT as guest, never the system epmd', () => {
  const conf = rabbitmqConfig({ amqpPort: 41000, mqttPort: 41001 });
  assert.match(conf, /^listeners\.tcp\.1 = 127\.0\.0\.1:41000$/m);
  assert.match(conf, /^mqtt\.listeners\.tcp\.1 = 127\.0\.0\.1:41001$/m);
  assert.match(conf, /^mqtt\.allow_anonymous = true$/m);
  const env = rabbitmqEnv('/tmp/r', { nodeName: 'harness_1@localhost', distPort: 41002, epmdPort: 41003 });
  assert.equal(env.ERL_EPMD_PORT, '41003');
  assert.equal(env.HOME, '/tmp/r');
});

void test('process:rabbitmq serves MQTT over WebSocket (rabbitmq_web_mqtt) on its own loopback port', () => {
  const conf = rabbitmqConfig({ amqpPort: 41000, mqttPort: 41001, webMqttPort: 41004 });
  assert.match(conf, /^web_mqtt\.tcp\.port = 41004$/m);
  assert.match(conf, /^web_mqtt\.tcp\.ip = 127\.0\.0\.1$/m);
  assert.doesNotMatch(rabbitmqConfig({ amqpPort: 41000, mqttPort: 41001 }), /web_mqtt/);
});

void test('container:rabbitmq enables the MQTT plugin from docker/rabbitmq; local/rabbitmq is built here', () => {
  const vendor = containerConfig('rabbitmq');
  assert.match(vendor.image, /^rabbitmq:3\.\d+\.\d+-management$/);
  assert.deepEqual(
    vendor.files.map((file) => file.target),
    ['/etc/rabbitmq/enabled_plugins', '/etc/rabbitmq/conf.d/90-harness.conf'],
  );
  assert.equal(containerConfig('local/rabbitmq').image, 'mqtt-harness/rabbitmq:local');
});
