import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { emqxAutoSubscribeTopics } from './emqx-auto-subscribe.ts';

test("docker-compose.yml's EMQX auto_subscribe is the container target's (P2P mode auto-subscribe)", () => {
  const compose = readFileSync(new URL('../../docker-compose.yml', import.meta.url), 'utf8');
  assert.ok(
    compose.includes(emqxAutoSubscribeTopics().replaceAll('${', () => '$${')),
    'docker-compose.yml and emqx-auto-subscribe.ts differ',
  );
  assert.match(
    emqxAutoSubscribeTopics(['harness']),
    /^\[\{topic = "harness\/p2p\/\$\{clientid\}", qos = 1\}\]$/,
  );
});
