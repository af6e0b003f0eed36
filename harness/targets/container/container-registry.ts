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
/** Compose projects of ours: their containers and networks carry `com.docker.compose.project`. */
const projects = new Set<string>();
const COMPOSE_PROJECT_LABEL = 'com.docker.compose.project';
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
  install();
}

/** Registered before `up`, so that an abort during `up` removes what compose created so far. */
export function registerComposeProject(name: string): void {
  projects.add(name);
  install();
}

export function forgetComposeProject(name: string): void {
  projects.delete(name);
}

/** Removes every container and network of a compose project of ours (an abort, a failed `up`). */
export async function removeComposeProject(name: string): Promise<void> {
  try {
    const { dockerode } = (await getContainerRuntimeClient()).container;
    const filters = { label: [`${COMPOSE_PROJECT_LABEL}=${name}`] };
    const containers = await dockerode.listContainers({ all: true, filters });
    await Promise.allSettled(
      containers.map((c) => dockerode.getContainer(c.Id).remove({ force: true, v: true })),
    );
    const networks = await dockerode.listNetworks({ filters });
    await Promise.allSettled(networks.map((n) => dockerode.getNetwork(n.Id).remove()));
  } finally {
    projects.delete(name);
  }
}

function install(): void {
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
  await Promise.allSettled([
    ...[...live].map((id) => removeContainer(id)),
    ...[...projects].map((name) => removeComposeProject(name)),
  ]);
}

/**
 * On a plain exit nothing asynchronous runs any more: the docker CLI, where it is installed, is the
 * only way left. A signal has already removed them through the API (removeAllNow) by then.
 */
function removeAllNowSync(): void {
  const ids = [...live];
  for (const name of projects) {
    ids.push(...docker(['ps', '-aq', '--filter', `label=${COMPOSE_PROJECT_LABEL}=${name}`]).split(/\s+/));
  }
  if (ids.some(Boolean)) docker(['rm', '--force', '--volumes', ...ids.filter(Boolean)]);
  for (const name of projects) {
    const networks = docker(['network', 'ls', '-q', '--filter', `label=${COMPOSE_PROJECT_LABEL}=${name}`]);
    if (networks.trim()) docker(['network', 'rm', ...networks.trim().split(/\s+/)]);
  }
  live.clear();
  projects.clear();
}

function docker(args: string[]): string {
  try {
    return execFileSync('docker', args, {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
      timeout: 10_000,
    });
  } catch {
    // no CLI or engine gone: nothing more can be done from here
    return '';
  }
}
