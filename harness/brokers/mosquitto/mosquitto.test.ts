import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import type { IPublishPacket } from 'mqtt-packet';
import { RawClient } from '../../connection/raw-client.ts';
import { loadKnownDeviations } from '../../report/known-deviations.ts';
import { HARNESS_DENIED_PUBLISH_TOPIC } from '../../targets/broker-target.ts';
import { containerConfig } from '../../targets/container/container-config.ts';
import { parseTarget } from '../../targets/parse-target.ts';
import { findExecutable } from '../../targets/process/find-executable.ts';
import { mosquitto, mosquittoAcl, mosquittoConfig } from './mosquitto.ts';

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

void test('process:mosquitto denies publishing to the harness topic by ACL and declares it [MQTT-3.3.5-2]', async () => {
  const acl = mosquittoAcl(HARNESS_DENIED_PUBLISH_TOPIC);
  assert.equal(
    acl.split('\n')[0],
    `topic deny ${HARNESS_DENIED_PUBLISH_TOPIC}`,
    'before any user: anonymous',
  );
  assert.match(acl, /^topic readwrite #$/m);
  const dir = await mkdtemp(path.join(os.tmpdir(), 'mosquitto-test-'));
  try {
    const prepared = await mosquitto.process!.prepare(dir, 'mosquitto');
    assert.equal(prepared.capabilities?.deniedPublishTopic, HARNESS_DENIED_PUBLISH_TOPIC);
    const written = await readFile(path.join(dir, 'mosquitto.conf'), 'utf8');
    assert.match(written, new RegExp(`^acl_file ${path.join(dir, 'mosquitto.acl')}$`, 'm'));
    assert.equal(await readFile(path.join(dir, 'mosquitto.acl'), 'utf8'), acl);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

void test('process:mosquitto with the ACL: the denied topic is acknowledged and delivered to nobody; "#" and "$ops" still work', async (t) => {
  if (!(await findExecutable(['mosquitto']))) return t.skip('mosquitto is not installed');
  const started = await parseTarget('process:mosquitto').start();
  const listener = new RawClient(started.url);
  const sender = new RawClient(started.url);
  try {
    assert.equal(started.capabilities.deniedPublishTopic, HARNESS_DENIED_PUBLISH_TOPIC);
    await listener.connect({ clientId: 'acl-listener' });
    await sender.connect({ clientId: 'acl-sender' });
    assert.deepEqual(await listener.subscribe(['#', '$ops/#', HARNESS_DENIED_PUBLISH_TOPIC], 1), [1, 1, 1]);
    assert.equal(await sender.publish(HARNESS_DENIED_PUBLISH_TOPIC, 'denied', 1), 'acknowledged');
    assert.equal((await sender.publishQos2(HARNESS_DENIED_PUBLISH_TOPIC, 'denied')).answer, 'pubrec');
    // Markers published after it arrive, so the denied message's absence is not a matter of timing.
    assert.equal(await sender.publish('$ops/acl', 'marker', 1), 'acknowledged');
    assert.equal(await sender.publish('acl/allowed', 'marker', 1), 'acknowledged');
    await listener.waitForPacket(
      (p): p is IPublishPacket => p.cmd === 'publish' && p.topic === 'acl/allowed',
    );
    const topics = listener.publishes.map((p) => p.topic);
    assert.ok(topics.includes('$ops/acl'), topics.join(' '));
    assert.ok(!topics.includes(HARNESS_DENIED_PUBLISH_TOPIC), topics.join(' '));
  } finally {
    listener.destroy();
    sender.destroy();
    await started.stop();
  }
});
