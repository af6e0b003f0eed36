import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { InfrastructureError } from '../../errors.ts';
import { distinctFreePorts } from '../../net/free-port.ts';
import { registerChild, stopChild } from '../../targets/process/child-registry.ts';
import { findExecutable } from '../../targets/process/find-executable.ts';
import { acceptsTcp } from '../../targets/readiness.ts';
import { WEBSOCKET_ENDPOINT } from '../../targets/broker-target.ts';
import type { ProcessRecipe } from '../broker-module.ts';

/** How long our own epmd gets to exit on SIGTERM before SIGKILL. */
const EPMD_STOP_GRACE_MS = 2_000;

const run = promisify(execFile);

/** The real scripts: the /usr/sbin wrappers `su` to the rabbitmq user and so use its HOME and cookie. */
const RABBITMQ_BIN = '/usr/lib/rabbitmq/bin';
const PLUGINS_TIMEOUT_MS = 30_000;
/** MQTT, and MQTT over WebSocket (served on the path WEB_MQTT_PATH). */
const PLUGINS = ['rabbitmq_mqtt', 'rabbitmq_web_mqtt'];
const WEB_MQTT_PATH = '/ws';
const CTL_STOP_TIMEOUT_MS = 20_000;
const EPMD_READY_MS = 5_000;

/**
 * RabbitMQ 3.10 with the MQTT plugin as a separate Erlang node (harness/brokers/README.md): its own node name,
 * config, plugins file, data, distribution port, cookie (HOME) and epmd, so that the system RabbitMQ
 * (5672, epmd 4369) is never touched. We start that epmd ourselves rather than let the VM daemonise
 * one, so that it has a PID we own and dies with an aborted run.
 */
export const rabbitmqProcess: ProcessRecipe = {
  executables: [path.join(RABBITMQ_BIN, 'rabbitmq-server')],
  debianPackage: 'rabbitmq-server',
  // Boot takes 12-15 s here: the MQTT plugin waits for the leader election of its client-ID registry.
  readyTimeoutMs: 60_000,
  async prepare(dir, executable) {
    const bin = path.dirname(executable);
    const nextPort = distinctFreePorts();
    const amqpPort = await nextPort();
    const mqttPort = await nextPort();
    const distPort = await nextPort();
    const epmdPort = await nextPort();
    const webMqttPort = await nextPort();
    const env = rabbitmqEnv(dir, { nodeName: uniqueNodeName(), distPort, epmdPort });
    await writeFile(path.join(dir, 'rabbitmq.conf'), rabbitmqConfig({ amqpPort, mqttPort, webMqttPort }));
    // Replaces /etc/rabbitmq/rabbitmq-env.conf, which sets the system node's NODENAME and ERL_FLAGS.
    await writeFile(path.join(dir, 'rabbitmq-env.conf'), '');
    await run(path.join(bin, 'rabbitmq-plugins'), ['enable', '--offline', ...PLUGINS], {
      cwd: dir,
      env: { ...process.env, ...env },
      timeout: PLUGINS_TIMEOUT_MS,
    }).catch((error: unknown) => {
      throw new InfrastructureError(
        `rabbitmq-plugins could not enable ${PLUGINS.join(' and ')} (${firstLine(error)}); ` +
          'check that the rabbitmq-server package is complete ("apt-get install --reinstall rabbitmq-server")',
        { cause: error },
      );
    });
    const epmd = await startEpmd(dir, env, epmdPort);
    return {
      args: [],
      env,
      mqttPort,
      extra: {
        amqp: `amqp://127.0.0.1:${amqpPort}`,
        [WEBSOCKET_ENDPOINT]: `ws://127.0.0.1:${webMqttPort}${WEB_MQTT_PATH}`,
      },
      // web_mqtt starts after the MQTT listener: ready once both accept connections.
      readyPorts: { [WEBSOCKET_ENDPOINT]: webMqttPort },
      async gracefulStop() {
        await run(path.join(bin, 'rabbitmqctl'), ['stop'], {
          cwd: dir,
          env: { ...process.env, ...env },
          timeout: CTL_STOP_TIMEOUT_MS,
        });
      },
      afterStop: () => stopChild(epmd, EPMD_STOP_GRACE_MS),
    };
  },
};

export interface RabbitmqEnvOptions {
  nodeName: string;
  distPort: number;
  epmdPort: number;
}

/** The environment for rabbitmq-server, rabbitmq-plugins and rabbitmqctl alike: all paths under `dir`. */
export function rabbitmqEnv(dir: string, options: RabbitmqEnvOptions): Record<string, string> {
  return {
    RABBITMQ_NODENAME: options.nodeName,
    RABBITMQ_CONFIG_FILE: path.join(dir, 'rabbitmq.conf'),
    RABBITMQ_ADVANCED_CONFIG_FILE: path.join(dir, 'advanced.config'),
    RABBITMQ_CONF_ENV_FILE: path.join(dir, 'rabbitmq-env.conf'),
    RABBITMQ_ENABLED_PLUGINS_FILE: path.join(dir, 'enabled_plugins'),
    RABBITMQ_MNESIA_BASE: path.join(dir, 'mnesia'),
    RABBITMQ_LOG_BASE: path.join(dir, 'log'),
    RABBITMQ_DIST_PORT: String(options.distPort),
    ERL_EPMD_ADDRESS: '127.0.0.1',
    // Never the system epmd on 4369.
    ERL_EPMD_PORT: String(options.epmdPort),
    // The Erlang cookie lives in HOME: ours, not the system node's.
    HOME: dir,
    RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS: '-kernel inet_dist_use_interface {127,0,0,1}',
  };
}

export function rabbitmqConfig(ports: { amqpPort: number; mqttPort: number; webMqttPort?: number }): string {
  return [
    `listeners.tcp.1 = 127.0.0.1:${ports.amqpPort}`,
    'loopback_users.guest = false',
    `mqtt.listeners.tcp.1 = 127.0.0.1:${ports.mqttPort}`,
    'mqtt.allow_anonymous = true',
    'mqtt.default_user = guest',
    'mqtt.default_pass = guest',
    'mqtt.vhost = /',
    'mqtt.exchange = amq.topic',
    // MQTT over WebSocket (rabbitmq_web_mqtt, path /ws): the chapter 6 scenarios' endpoint.
    ...(ports.webMqttPort === undefined
      ? []
      : [`web_mqtt.tcp.port = ${ports.webMqttPort}`, 'web_mqtt.tcp.ip = 127.0.0.1']),
    'log.console = true',
    'log.file = false',
    '',
  ].join('\n');
}

/** Unique per start, so two harness runs (or two starts in one run) never share a node. */
function uniqueNodeName(): string {
  return `harness_${process.pid}_${randomBytes(4).toString('hex')}@localhost`;
}

/** Our own epmd in the foreground: a PID we can stop, registered so an aborted run kills it too. */
async function startEpmd(dir: string, env: Record<string, string>, port: number): Promise<ChildProcess> {
  const epmdPath = await findExecutable(['epmd']);
  if (!epmdPath) {
    throw new InfrastructureError(
      'epmd (the Erlang port mapper) is not installed; install it with "apt-get install erlang-base"',
    );
  }
  const epmd = spawn(epmdPath, ['-port', String(port), '-address', '127.0.0.1'], {
    cwd: dir,
    env: { ...process.env, ...env },
    stdio: 'ignore',
    detached: true,
  });
  registerChild(epmd);
  const deadline = Date.now() + EPMD_READY_MS;
  while (!(await acceptsTcp(port))) {
    if (epmd.exitCode !== null || Date.now() > deadline) {
      await stopChild(epmd, EPMD_STOP_GRACE_MS);
      throw new InfrastructureError(
        `epmd did not listen on 127.0.0.1:${port} within ${EPMD_READY_MS / 1000} s; ` +
          'check that loopback TCP works and retry',
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return epmd;
}

function firstLine(error: unknown): string {
  const text =
    error &&
    typeof error === 'object' &&
    'stderr' in error &&
    typeof error.stderr === 'string' &&
    error.stderr
      ? error.stderr
      : error instanceof Error
        ? error.message
        : String(error);
  return text.trim().split('\n')[0] ?? 'no output';
}
