import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);
const VERSION_TIMEOUT_MS = 10_000;

/**
 * Which Compose this machine has. testcontainers runs `docker compose` (the v2 CLI plugin), which
 * Debian 12 does not package; Debian has the older standalone `docker-compose` 1.29, which
 * testcontainers' compose client can run instead (its `standalone` executable option).
 */
export type ComposeImplementation =
  { kind: 'plugin' | 'standalone'; version: string } | { kind: 'none'; reason: string };

export const NO_COMPOSE_REASON =
  'compose targets need Docker Compose: neither "docker compose" (the v2 plugin, which testcontainers runs; ' +
  'not packaged by Debian 12) nor "docker-compose" (Debian\'s 1.29: apt-get install docker-compose) is installed';

let cached: Promise<ComposeImplementation> | undefined;

export function composeImplementation(): Promise<ComposeImplementation> {
  return (cached ??= detect());
}

async function detect(): Promise<ComposeImplementation> {
  const plugin = await version('docker', ['compose', 'version', '--short']);
  if (plugin) return { kind: 'plugin', version: plugin };
  const standalone = await version('docker-compose', ['version', '--short']);
  if (standalone) return { kind: 'standalone', version: standalone };
  return { kind: 'none', reason: NO_COMPOSE_REASON };
}

async function version(command: string, args: string[]): Promise<string | undefined> {
  try {
    const { stdout } = await run(command, args, { timeout: VERSION_TIMEOUT_MS });
    return stdout.trim().split('\n')[0] || undefined;
  } catch {
    return undefined;
  }
}
