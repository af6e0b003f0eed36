import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readdir, readFile, readlink } from 'node:fs/promises';
import net from 'node:net';
import { after, before, describe, test } from 'node:test';
import { promisify } from 'node:util';
import mqtt from 'mqtt';
import { InfrastructureError } from '../errors.ts';
import { eventually } from '../eventually.ts';
import type { StartedBrokerTarget } from './broker-target.ts';
import { parseTarget } from './parse-target.ts';
import { containerPreset, processBroker, processBrokers, type ProcessBroker } from '../brokers/registry.ts';
import { getContainerRuntimeClient } from 'testcontainers';
import { imageExists } from './container/container-images.ts';
import { CONTAINER_LABELS } from './container/container-registry.ts';
import { checkContainerRuntime } from './container-runtime.ts';
import { findExecutable } from './process/find-executable.ts';
import { processTarget } from './process/process-target.ts';

/**
 * One contract, every target that can run on this machine (the abstract-suite idea of
 * aedes-persistence): start, a real QoS1 round trip, stop — idempotent, port closed, no process left.
 */
const TARGETS = [
  'embedded:plain',
  ...processBrokers().map((broker) => `process:${broker.name}`),
  // The locally built images (no registry needed); vendor presets would need a pull.
  'container:local/mosquitto',
  'container:local/nats',
  'container:local/rabbitmq',
];
/** Ports that system services may hold here; a target must never take them. */
const SYSTEM_PORTS = new Set([1883, 8883, 4222, 5672, 4369, 25672, 15672]);
const run = promisify(execFile);

for (const spec of TARGETS) {
  const missing = await whyUnavailable(spec);
  describe(spec, { skip: missing ?? false }, () => {
    let started: StartedBrokerTarget | undefined;
    let port = 0;
    let bootMs = 0;
    /** The listening process and its temp dir, for process targets; undefined in-process. */
    let owner: { pid: number; dir: string } | undefined;

    before(async () => {
      const begin = Date.now();
      started = await parseTarget(spec).start();
      bootMs = Date.now() - begin;
      port = Number(new URL(started.url).port);
      // A container's port is held by Docker's proxy, not by a process of ours: checked by label instead.
      const pid = spec.startsWith('process:') ? await listenerPid(port) : undefined;
      if (pid !== undefined && pid !== process.pid) owner = { pid, dir: await readlink(`/proc/${pid}/cwd`) };
    });
    after(() => started?.stop());

    test('start() resolves with an mqtt:// url on 127.0.0.1 and a port of its own', (t) => {
      t.diagnostic(`${spec} ready in ${bootMs} ms`);
      const url = new URL(mustBeStarted(started).url);
      assert.equal(url.protocol, 'mqtt:');
      assert.equal(url.hostname, '127.0.0.1');
      assert.ok(port > 1024 && !SYSTEM_PORTS.has(port), `port ${port} is not a system port`);
      assert.equal(mustBeStarted(started).spec, spec);
      assert.ok(mustBeStarted(started).capabilities.software);
    });

    test('other endpoints it reports listen on loopback', async () => {
      for (const [kind, endpoint] of Object.entries(mustBeStarted(started).endpoints ?? {})) {
        const url = new URL(endpoint);
        assert.equal(url.hostname, '127.0.0.1', kind);
        assert.ok(!SYSTEM_PORTS.has(Number(url.port)), `${kind} port ${url.port} is not a system port`);
        assert.ok(await accepts(Number(url.port)), `${kind} endpoint ${endpoint} accepts TCP`);
      }
    });

    test('a client gets its own QoS1 publish back [MQTT-3.3.5-1]', async () => {
      await qos1RoundTrip(mustBeStarted(started).url);
    });

    test('leaving an `await using` scope stops it: port closed, process and helpers gone', async (t) => {
      const begin = Date.now();
      {
        await using _scope = mustBeStarted(started);
      }
      t.diagnostic(`${spec} stopped in ${Date.now() - begin} ms`);
      assert.equal(await accepts(port), false, `port ${port} is closed`);
      if (owner) {
        assert.equal(isAlive(owner.pid), false, `broker PID ${owner.pid} is gone`);
        assert.deepEqual(await processesUsing(owner.dir), [], `no process is left in ${owner.dir}`);
      }
      if (spec.startsWith('container:'))
        assert.deepEqual(await ourContainers(spec), [], 'no container is left');
    });

    test('stop() resolves and is idempotent', async () => {
      const target = mustBeStarted(started);
      await Promise.all([target.stop(), target.stop()]);
      await target.stop();
      assert.equal(await accepts(port), false);
    });
  });
}

void test('a process target whose binary is missing is an infrastructure error naming the apt package', async () => {
  let prepared = false;
  const broker: ProcessBroker = {
    name: 'nosuchbroker',
    capabilities: { software: 'nosuchbroker', p2p: 'none' },
    process: {
      executables: ['/nonexistent/mqtt-harness-nosuchbroker', 'mqtt-harness-nosuchbroker'],
      debianPackage: 'nosuchbroker-server',
      readyTimeoutMs: 1_000,
      prepare() {
        prepared = true;
        return Promise.reject(new Error('prepare must not run without a binary'));
      },
    },
  };
  await assert.rejects(processTarget(broker).start(), (error: unknown) => {
    assert.ok(error instanceof InfrastructureError);
    assert.match(error.reason, /nosuchbroker is not installed/);
    assert.match(error.reason, /apt-get install nosuchbroker-server/);
    return true;
  });
  assert.equal(prepared, false);
});

/** Why a target cannot run here, stated in the skip (never a silent skip); undefined when it can. */
async function whyUnavailable(spec: string): Promise<string | undefined> {
  if (spec.startsWith('container:')) {
    const entry = containerPreset(spec.slice('container:'.length));
    if (!entry) return `${spec} is no container preset`;
    const runtime = await checkContainerRuntime();
    if (!runtime.available) return `no Docker engine: ${runtime.reason}`;
    const image = `${entry.preset.image}:${entry.preset.tag}`;
    return (await imageExists(image))
      ? undefined
      : `${image} is not built here (${entry.preset.build ?? 'docker pull'})`;
  }
  const recipe = spec.startsWith('process:')
    ? processBroker(spec.slice('process:'.length))?.process
    : undefined;
  if (!recipe) return undefined;
  return (await findExecutable(recipe.executables))
    ? undefined
    : `${recipe.executables.join(' / ')} not installed (apt-get install ${recipe.debianPackage})`;
}

/** Containers of this test process for `spec`, running or not (`docker ps -a` by our labels). */
async function ourContainers(spec: string): Promise<string[]> {
  const client = await getContainerRuntimeClient();
  const containers = await client.container.dockerode.listContainers({
    all: true,
    filters: { label: [`${CONTAINER_LABELS.pid}=${process.pid}`, `${CONTAINER_LABELS.spec}=${spec}`] },
  });
  return containers.map((container) => `${container.Id.slice(0, 12)} ${container.State}`);
}

function mustBeStarted(target: StartedBrokerTarget | undefined): StartedBrokerTarget {
  assert.ok(target, 'the target started');
  return target;
}

async function qos1RoundTrip(url: string): Promise<void> {
  const id = randomBytes(4).toString('hex');
  const topic = `harness/contract/${id}`;
  const client = await mqtt.connectAsync(url, {
    clientId: `contract-${id}`,
    clean: true,
    reconnectPeriod: 0,
    connectTimeout: 5_000,
  });
  try {
    const received: { topic: string; payload: string; qos: number }[] = [];
    client.on('message', (topic, payload, packet) =>
      received.push({ topic, payload: payload.toString(), qos: packet.qos }),
    );
    const granted = await client.subscribeAsync(topic, { qos: 1 });
    assert.deepEqual(
      granted.map((grant) => grant.qos),
      [1],
    );
    await client.publishAsync(topic, `ping ${id}`, { qos: 1 });
    const message = await eventually(() => received[0], {
      timeoutMs: 5_000,
      description: `the QoS1 message on ${topic}`,
    });
    assert.deepEqual(message, { topic, payload: `ping ${id}`, qos: 1 });
  } finally {
    await client.endAsync();
  }
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.setTimeout(2_000, () => socket.destroy(new Error('timeout')));
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/** The PID listening on a loopback port, from `ss` (the target itself does not expose it). */
async function listenerPid(port: number): Promise<number | undefined> {
  const { stdout } = await run('ss', ['-ltnpH', `sport = :${port}`]);
  const match = /pid=(\d+)/.exec(stdout);
  return match ? Number(match[1]) : undefined;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * Processes whose working directory, command line or HOME is the target's temp dir: the broker's
 * helpers (RabbitMQ's epmd, erl_child_setup, inet_gethost) that a PID check alone would miss.
 */
async function processesUsing(dir: string): Promise<string[]> {
  const found: string[] = [];
  for (const pid of (await readdir('/proc')).filter((name) => /^\d+$/.test(name))) {
    if (Number(pid) === process.pid) continue;
    const [cwd, cmdline, environ] = await Promise.all([
      readlink(`/proc/${pid}/cwd`).catch(() => ''),
      readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => ''),
      readFile(`/proc/${pid}/environ`, 'utf8').catch(() => ''),
    ]);
    if (cwd.startsWith(dir) || cmdline.includes(dir) || environ.split('\0').includes(`HOME=${dir}`)) {
      found.push(`${pid} ${cmdline.replaceAll('\0', ' ').trim()}`);
    }
  }
  return found;
}
