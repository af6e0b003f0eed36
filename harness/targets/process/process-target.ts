import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { PreparedBroker } from '../../brokers/broker-module.ts';
import type { ProcessBroker } from '../../brokers/registry.ts';
import { InfrastructureError } from '../../errors.ts';
import { startedTarget, type BrokerTarget } from '../broker-target.ts';
import { waitForMqtt, waitForTcp } from '../readiness.ts';
import { registerChild, registerScratchDir } from './child-registry.ts';
import { findExecutable } from './find-executable.ts';

const STOP_GRACE_MS = 5_000;

/** `process:<name>` — the local binary, a generated config, a free port, its own temp dir, stopped by PID. */
export function processTarget(broker: ProcessBroker): BrokerTarget {
  const { name, process: recipe } = broker;
  const spec = `process:${name}`;
  return {
    spec,
    async start() {
      const executable = await findExecutable(recipe.executables);
      if (!executable) {
        throw new InfrastructureError(
          `${name} is not installed (looked for ${recipe.executables.join(', ')}); install it with ` +
            `"apt-get install ${recipe.debianPackage}" or choose another --broker`,
        );
      }
      const dir = await mkdtemp(path.join(os.tmpdir(), `mqtt-harness-${name}-`));
      const forgetDir = registerScratchDir(dir);
      let child: ChildProcess | undefined;
      let prepared: PreparedBroker | undefined;
      const output: string[] = [];
      try {
        prepared = await recipe.prepare(dir, executable);
        child = spawn(executable, [...prepared.args], {
          cwd: dir,
          env: { ...process.env, ...prepared.env },
          stdio: ['ignore', 'pipe', 'pipe'],
          detached: true, // its own process group, so the group can be killed as a whole
        });
        registerChild(child);
        const keep = (chunk: Buffer) => {
          output.push(chunk.toString());
          if (output.length > 200) output.shift();
        };
        child.stdout?.on('data', keep);
        child.stderr?.on('data', keep);
        let spawnError: string | undefined;
        child.once('error', (error) => (spawnError = error.message));
        const running = child;
        const ready = prepared;
        const deadline = Date.now() + recipe.readyTimeoutMs;
        const abandoned = () =>
          spawnError ??
          (running.exitCode !== null
            ? `exited with code ${running.exitCode}: ${lastLines(output.join(''))}`
            : undefined);
        const hint = `its config and output are kept in ${dir}`;
        await waitForMqtt(`mqtt://127.0.0.1:${prepared.mqttPort}`, {
          timeoutMs: recipe.readyTimeoutMs,
          what: `${name} (port ${prepared.mqttPort})`,
          abandoned,
          hint,
        });
        for (const [endpoint, port] of Object.entries(prepared.readyPorts ?? {}))
          await waitForTcp(port, {
            timeoutMs: Math.max(0, deadline - Date.now()),
            what: `${name} (${endpoint} port ${port})`,
            abandoned,
            hint,
          });
        const started = startedTarget(
          spec,
          `mqtt://127.0.0.1:${prepared.mqttPort}`,
          { ...broker.capabilities, ...prepared.capabilities },
          async () => {
            await stopProcess(running, ready);
            await rm(dir, { recursive: true, force: true });
            forgetDir();
          },
        );
        return prepared.extra ? { ...started, endpoints: prepared.extra } : started;
      } catch (error) {
        if (child) await stopProcess(child, {});
        await prepared?.afterStop?.().catch(() => undefined);
        // Kept (not removed) so that the config and the broker's output can be read after a failed start.
        forgetDir();
        await writeFile(path.join(dir, 'broker-output.log'), output.join('')).catch(() => undefined);
        throw error;
      }
    },
  };
}

async function stopProcess(
  child: ChildProcess,
  prepared: Pick<PreparedBroker, 'gracefulStop' | 'afterStop'>,
) {
  if (child.exitCode === null && child.signalCode === null) {
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    if (prepared.gracefulStop) await prepared.gracefulStop().catch(() => undefined);
    signalGroup(child, 'SIGTERM');
    const timedOut = await Promise.race([
      exited.then(() => false),
      new Promise<boolean>((resolve) => setTimeout(() => resolve(true), STOP_GRACE_MS).unref()),
    ]);
    if (timedOut) {
      signalGroup(child, 'SIGKILL');
      await exited;
    }
  }
  await prepared.afterStop?.().catch(() => undefined);
}

function signalGroup(child: ChildProcess, signal: NodeJS.Signals) {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    child.kill(signal);
  }
}

function lastLines(text: string, count = 3): string {
  return text.trim().split('\n').slice(-count).join(' | ') || '(no output)';
}
