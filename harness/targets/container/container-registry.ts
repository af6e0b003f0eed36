import { execFileSync } from 'node:child_process';
import { getContainerRuntimeClient } from 'testcontainers';
import { onAbort } from '../abort-cleanup.ts';

/**
 * Labels on every container the harness starts, so that `docker ps -a --filter label=…` finds ours
 * (and only ours): testcontainers' reaper (Ryuk) cannot be pulled where no registry is reachable, so
 * the harness removes its own containers — on stop, on a failed start and on Ctrl-C.
 */
export const CONTAINER_LABELS = {
  owner: 'org.mqtt-harness.owner',
  pid: 'org.mqtt-harness.pid',
  spec: 'org.mqtt-harness.spec',
} as const;
export const OWNER_VALUE = 'mqtt-harness';

const live = new Set<string>();
let installed = false;

export function containerLabels(spec: string): Record<string, string> {
  return {
    [CONTAINER_LABELS.owner]: OWNER_VALUE,
    [CONTAINER_LABELS.pid]: String(process.pid),
    [CONTAINER_LABELS.spec]: spec,
  };
}

/** Called as soon as the container exists (before it is started), so that no window is left open. */
export function registerContainer(id: string): void {
  live.add(id);
  if (installed) return;
  installed = true;
  onAbort({ now: removeAllNowSync, later: removeAllNow });
}

export function forgetContainer(id: string): void {
  live.delete(id);
}

/** Force-removes one container of ours (a failed start); a container already gone is fine. */
export async function removeContainer(id: string): Promise<void> {
  try {
    const client = await getContainerRuntimeClient();
    await client.container.getById(id).remove({ force: true, v: true });
  } catch (error) {
    if (!/no such container|404|is already in progress/i.test(String(error))) throw error;
  } finally {
    live.delete(id);
  }
}

async function removeAllNow(): Promise<void> {
  await Promise.allSettled([...live].map((id) => removeContainer(id)));
}

/**
 * On a plain exit nothing asynchronous runs any more: the docker CLI, where it is installed, is the
 * only way left. A signal has already removed them through the API (removeAllNow) by then.
 */
function removeAllNowSync(): void {
  if (live.size === 0) return;
  try {
    execFileSync('docker', ['rm', '--force', '--volumes', ...live], { stdio: 'ignore', timeout: 10_000 });
  } catch {
    // no CLI or engine gone: nothing more can be done from here
  }
  live.clear();
}
