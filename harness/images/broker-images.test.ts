import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { UsageError } from '../errors.ts';
import { BASE_IMAGE, BROKER_IMAGES, selectBrokerImages } from './broker-images.ts';

test('no name selects every image, names select those in table order', () => {
  assert.deepEqual(
    selectBrokerImages().map((image) => image.name),
    ['mosquitto', 'nats', 'rabbitmq'],
  );
  assert.deepEqual(
    selectBrokerImages(['rabbitmq', 'mosquitto']).map((image) => image.name),
    ['mosquitto', 'rabbitmq'],
  );
});

test('an unknown name is a usage error that lists the known ones', () => {
  assert.throws(
    () => selectBrokerImages(['mosquitto', 'emqx']),
    (error: unknown) =>
      error instanceof UsageError &&
      error.message === 'unknown image "emqx" (known: mosquitto, nats, rabbitmq)',
  );
});

test('the tags are the fixed ones the local/<name> container presets run', () => {
  assert.deepEqual(
    BROKER_IMAGES.map((image) => image.tag),
    ['mqtt-harness/mosquitto:local', 'mqtt-harness/nats:local', 'mqtt-harness/rabbitmq:local'],
  );
});

for (const image of BROKER_IMAGES) {
  test(`${image.name}: its Dockerfile builds on the base, pins ${image.version} and says so in its labels`, () => {
    const dockerfile = readFileSync(path.join(image.contextDir, 'Dockerfile'), 'utf8');
    assert.match(dockerfile, new RegExp(`^ARG BASE=${BASE_IMAGE.tag}$`, 'm'));
    assert.match(dockerfile, /^FROM \$\{BASE\}$/m);
    // The Debian package version is pinned (VERSION-debian_revision), and the label names the upstream one.
    assert.match(
      dockerfile,
      new RegExp(`^ARG \\w+_VERSION=${image.version.replaceAll('.', '\\.')}-\\S+$`, 'm'),
    );
    assert.match(dockerfile, new RegExp(`org\\.opencontainers\\.image\\.version="${image.version}"`));
    assert.match(dockerfile, new RegExp(`org\\.opencontainers\\.image\\.title="${image.name}"`));
    assert.match(dockerfile, /org\.opencontainers\.image\.vendor="mqtt-harness"/);
    assert.match(dockerfile, /--no-install-recommends/);
    assert.match(dockerfile, /rm -rf \/var\/lib\/apt\/lists\/\*/);
    assert.match(dockerfile, new RegExp(`^EXPOSE ${image.mqttPort}\\b`, 'm'));
    // No broker runs as root in the harness's images.
    assert.match(dockerfile, /^USER (?!root)\w+$/m);
  });
}

test('the base script exists where the table says', () => {
  assert.ok(existsSync(BASE_IMAGE.script), BASE_IMAGE.script);
});
