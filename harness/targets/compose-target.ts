import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { DockerComposeEnvironment, type StartedDockerComposeEnvironment } from 'testcontainers';
import { composeBroker } from '../brokers/registry.ts';
import { InfrastructureError, UsageError } from '../errors.ts';
import { startedTarget, type BrokerTarget } from './broker-target.ts';
import { requireContainerRuntime } from './container-runtime.ts';
import { waitForMqtt } from './readiness.ts';

const MQTT_PORT = 1883;
const COMPOSE_FILE = 'docker-compose.yml';
/** The repository root, where docker-compose.yml lives (this file is harness/targets/). */
export const PROJECT_ROOT = fileURLToPath(new URL('../../', import.meta.url));
/** Covers the compose wait (listening ports); pulling images is not counted. */
const STARTUP_TIMEOUT_MS = 120_000;
const MQTT_READY_TIMEOUT_MS = 30_000;

/**
 * The service names of a compose file: the keys directly under the top-level `services:` (enough for
 * our own docker-compose.yml without a YAML dependency; flow-style `services: {…}` is not supported).
 */
export function composeServices(fileText: string): string[] {
  const services: string[] = [];
  let inServices = false;
  let indent: number | undefined;
  for (const line of fileText.split(/\r?\n/)) {
    if (/^\s*(#.*)?$/.test(line)) continue;
    const leading = line.length - line.trimStart().length;
    if (leading === 0) {
      inServices = /^services:\s*(#.*)?$/.test(line);
      continue;
    }
    if (!inServices) continue;
    indent ??= leading;
    if (leading !== indent) continue;
    const key = /^\s+(?:"([^"]+)"|'([^']+)'|([^\s:#'"][^:#]*?))\s*:(?:\s|$)/.exec(line);
    const name = key?.[1] ?? key?.[2] ?? key?.[3];
    if (name) services.push(name);
  }
  return services;
}

/** `compose:SERVICE` — one service of the repository's docker-compose.yml, in its own compose project. */
export function composeTarget(service: string): BrokerTarget {
  const spec = `compose:${service}`;
  const services = composeServices(readComposeFile());
  if (!services.includes(service)) {
    throw new UsageError(
      `unknown compose service "${service}"; ${COMPOSE_FILE} defines ${services.join(', ') || 'none'} ` +
        `(use e.g. --broker compose:${services[0] ?? 'emqx'})`,
    );
  }
  return {
    spec,
    async start() {
      await requireContainerRuntime(spec);
      const environment = await upService(spec, service);
      try {
        const container = environment.getContainer(`${service}-1`);
        const url = `mqtt://${container.getHost()}:${container.getMappedPort(MQTT_PORT)}`;
        await waitForMqtt(url, {
          timeoutMs: MQTT_READY_TIMEOUT_MS,
          what: `compose service ${service}`,
          // The project is taken down on failure, so point at a run whose log stays visible.
          hint: `"docker compose -f ${PROJECT_ROOT + COMPOSE_FILE} up ${service}" shows its log`,
        });
        // A service of a known broker module has its capabilities (EMQX: auto-subscribe, configured in
        // docker-compose.yml); any other service is plain MQTT named after itself.
        const capabilities = composeBroker(service)?.capabilities ?? { software: service, p2p: 'none' };
        return startedTarget(spec, url, capabilities, async () => {
          await environment.down();
        });
      } catch (error) {
        await environment.down().catch(() => undefined);
        throw error;
      }
    },
  };
}

function readComposeFile(): string {
  try {
    return readFileSync(PROJECT_ROOT + COMPOSE_FILE, 'utf8');
  } catch (error) {
    throw new InfrastructureError(`cannot read ${PROJECT_ROOT + COMPOSE_FILE} for compose targets`, {
      cause: error,
    });
  }
}

/** A fresh compose project per run, so runs never share containers; its reaper removes it on abort. */
async function upService(spec: string, service: string): Promise<StartedDockerComposeEnvironment> {
  try {
    return await new DockerComposeEnvironment(PROJECT_ROOT, COMPOSE_FILE)
      .withStartupTimeout(STARTUP_TIMEOUT_MS)
      .up([service]);
  } catch (error) {
    const cause = error instanceof Error ? error.message : String(error);
    throw new InfrastructureError(
      `${spec} did not start: ${cause}; check "docker compose version" and ` +
        `"docker compose -f ${PROJECT_ROOT + COMPOSE_FILE} up ${service}"`,
      { cause: error },
    );
  }
}
