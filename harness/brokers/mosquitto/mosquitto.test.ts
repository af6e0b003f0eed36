import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { loadKnownDeviations } from '../../report/known-deviations.ts';
import { containerConfig } from '../../targets/container/container-config.ts';
import { mosquitto, mosquittoConfig } from './mosquitto.ts';

void test('process:mosquitto listens on its own loopback port, anonymous, without persistence', () => {
  const conf = mosquittoConfig(41234);
  assert.match(conf, /^listener 41234 127\.0\.0\.1$/m);
  assert.match(conf, /^allow_anonymous true$/m);
  assert.match(conf, /^persistence false$/m);
});

void test('process:mosquitto also serves MQTT over WebSocket on a second loopback port, its websocket endpoint', async () => {
  const conf = mosquittoConfig(41234, 41235);
  assert.match(conf, /^listener 41234 127\.0\.0\.1\nlistener 41235 127\.0\.0\.1\nprotocol websockets$/m);
  const dir = await mkdtemp(path.join(os.tmpdir(), 'mosquitto-test-'));
  try {
    const prepared = await mosquitto.process!.prepare(dir, 'mosquitto');
    const webSocket = prepared.extra?.websocket ?? '';
    const port = Number(/^ws:\/\/127\.0\.0\.1:(\d+)$/.exec(webSocket)?.[1]);
    assert.ok(port > 0 && port !== prepared.mqttPort, `a second port: ${webSocket}`);
    const written = await readFile(path.join(dir, 'mosquitto.conf'), 'utf8');
    assert.match(written, new RegExp(`^listener ${port} 127\\.0\\.0\\.1\nprotocol websockets$`, 'm'));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

void test('container:mosquitto runs a pinned 2.x image with the anonymous 1883 config from docker/', () => {
  const config = containerConfig('mosquitto');
  assert.match(config.image, /^eclipse-mosquitto:2\.\d+\.\d+$/);
  assert.deepEqual(config.exposedPorts, [1883]);
  assert.match('1732000000: mosquitto version 2.0.22 running', config.readyLog ?? /^$/);
  const [file] = config.files;
  assert.equal(file?.target, '/mosquitto/config/mosquitto.conf');
  assert.ok(file && existsSync(file.source), `${file?.source} exists`);
  const conf = readFileSync(file.source, 'utf8');
  assert.match(conf, /^listener 1883 0\.0\.0\.0$/m);
  assert.match(conf, /^allow_anonymous true$/m);
});

void test('container:local/mosquitto is the locally built image, never pulled, ready by a CONNECT', () => {
  const config = containerConfig('local/mosquitto');
  assert.equal(config.image, 'mqtt-harness/mosquitto:local');
  assert.equal(config.readyLog, undefined);
  assert.match(config.waitStrategy, /MQTT CONNECT/);
  assert.match(config.build ?? '', /mqtt-harness images build mosquitto/);
  assert.deepEqual(config.capabilities, { software: 'mosquitto', p2p: 'none' });
});

void test('its known deviations load and cover the process and the local container target', async () => {
  assert.ok(mosquitto.knownDeviations);
  const known = await loadKnownDeviations(mosquitto.knownDeviations);
  assert.ok(known.deviations.length > 0);
  const targets = [known.target].flat();
  assert.ok(targets.includes('process:mosquitto'));
  assert.ok(targets.includes('container:local/mosquitto'));
});
