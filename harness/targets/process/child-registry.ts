import type { ChildProcess } from 'node:child_process';
import { rmSync } from 'node:fs';
import { onAbort } from '../abort-cleanup.ts';

/**
 * Every broker process the harness started, so that they are stopped (by PID) even when the run is
 * aborted: on normal exit, on an uncaught error and on Ctrl-C / SIGTERM.
 */
const live = new Set<ChildProcess>();
/** Temp dirs of live brokers, removed on an abort (a normal stop removes its own). */
const scratchDirs = new Set<string>();
let installed = false;

export function registerScratchDir(dir: string): () => void {
  scratchDirs.add(dir);
  installHandlers();
  return () => scratchDirs.delete(dir);
}

export function registerChild(child: ChildProcess): void {
  live.add(child);
  child.once('exit', () => live.delete(child));
  installHandlers();
}

/** SIGTERM, then SIGKILL after `graceMs`; resolves once the child has exited (at once if it had). */
export function stopChild(child: ChildProcess, graceMs: number): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

export function killAllChildrenNow(): void {
  for (const child of live) {
    if (child.pid !== undefined && child.exitCode === null) {
      try {
        // Process-group kill: brokers such as RabbitMQ start helpers of their own.
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        child.kill('SIGKILL');
      }
    }
  }
  live.clear();
  for (const dir of scratchDirs) rmSync(dir, { recursive: true, force: true });
  scratchDirs.clear();
}

function installHandlers(): void {
  if (installed) return;
  installed = true;
  onAbort({ now: killAllChildrenNow });
}
