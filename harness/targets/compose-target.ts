import { randomBytes } from 'node:crypto';
import { DockerComposeEnvironment, type StartedDockerComposeEnvironment } from 'testcontainers';
import { composeBroker, containerPresets } from '../brokers/registry.ts';
import { InfrastructureError, UsageError } from '../errors.ts';
import { startedTarget, type BrokerTarget } from './broker-target.ts';
import {
  COMPOSE_FILE,
  composeServiceImage,
  composeServices,
  hasLocalOverride,
  LOCAL_OVERRIDE_FILE,
  PROJECT_ROOT,
  readComposeFile,
} from './compose/compose-file.ts';
import { composeImplementation, type ComposeImplementation } from './compose/compose-implementation.ts';
import { ensureImage, imageExists, imageVersion } from './container/container-images.ts';
import { registerComposeProject, removeComposeProject } from './container/container-registry.ts';
import { requireContainerRuntime } from './container-runtime.ts';
import { waitForMqtt } from './readiness.ts';

export { composeServices, PROJECT_ROOT };

const MQTT_PORT = 1883;
/** Covers the compose wait (listening ports); pulling images is not counted. */
const STARTUP_TIMEOUT_MS = 120_000;
const MQTT_READY_TIMEOUT_MS = 30_000;

/** `compose:SERVICE` — one service of the repository's docker-compose.yml, in its own compose project. */
export function composeTarget(service: string): BrokerTarget {
  const spec = `compose:${service}`;
  const services = composeServices(readComposeFile());
  if (!services.includes(service)) {
    throw new UsageError(
      `unknown compose service "${service}"; ${COMPOSE_FILE} defines ${services.join(', ') || 'none'} ` +
        `(use e.g. --broker compose:${services[0] ?? 'SERVICE'})`,
    );
  }
  return {
    spec,
    async start() {
      await requireContainerRuntime(spec);
      const compose = await composeImplementation();
      if (compose.kind === 'none') throw new InfrastructureError(`${spec}: ${compose.reason}`);
      // The reaper (Ryuk) cannot be pulled without a registry; the harness removes its own project.
      process.env.TESTCONTAINERS_RYUK_DISABLED ??= 'true';
      const { files, image } = await composeFilesFor(spec, service);
      const project = `mqttharness${process.pid}${randomBytes(3).toString('hex')}`;
      registerComposeProject(project);
      let environment: StartedDockerComposeEnvironment | undefined;
      try {
        environment = await upService(spec, service, files, project, compose);
        const container = environment.getContainer(containerName(compose, project, service));
        const url = `mqtt://127.0.0.1:${container.getMappedPort(MQTT_PORT)}`;
        await waitForMqtt(url, {
          timeoutMs: MQTT_READY_TIMEOUT_MS,
          what: `compose service ${service}`,
          // The project is taken down on failure, so point at a run whose log stays visible.
          hint: `"docker-compose -f ${PROJECT_ROOT + COMPOSE_FILE} up ${service}" shows its log`,
        });
        // A known broker has its module's capabilities (EMQX: auto-subscribe, configured in
        // docker-compose.yml); any other service is plain MQTT named after itself.
        const known = composeBroker(service)?.capabilities ?? { software: service, p2p: 'none' as const };
        const version = await imageVersion(image);
        const capabilities = version ? { ...known, software: `${known.software} ${version}` } : known;
        const running = environment;
        return startedTarget(spec, url, capabilities, async () => {
          await running.down({ removeVolumes: true });
          await removeComposeProject(project);
        });
      } catch (error) {
        await environment?.down({ removeVolumes: true }).catch(() => undefined);
        await removeComposeProject(project).catch(() => undefined);
        throw error;
      }
    },
  };
}

/**
 * docker-compose.yml alone when the service's pinned image is here (or can be pulled); with
 * docker-compose.local.yml when only the locally built image is here — so `compose:mosquitto` runs
 * where no registry is reachable. The report then names the local image's version.
 */
async function composeFilesFor(spec: string, service: string): Promise<{ files: string[]; image: string }> {
  const image = composeServiceImage(readComposeFile(), service) ?? service;
  if (await imageExists(image)) return { files: [COMPOSE_FILE], image };
  const local = hasLocalOverride()
    ? composeServiceImage(readComposeFile(LOCAL_OVERRIDE_FILE), service)
    : undefined;
  if (local && (await imageExists(local)))
    return { files: [COMPOSE_FILE, LOCAL_OVERRIDE_FILE], image: local };
  try {
    await ensureImage(spec, { image });
  } catch (error) {
    const build = containerPresets().find(({ preset }) => `${preset.image}:${preset.tag}` === local)?.preset
      .build;
    if (!(error instanceof InfrastructureError) || !local) throw error;
    throw new InfrastructureError(
      `${error.reason}; or build ${local} (${LOCAL_OVERRIDE_FILE} then runs it) with "${build ?? 'mqtt-harness images build'}"`,
      { cause: error },
    );
  }
  return { files: [COMPOSE_FILE], image };
}

/** Compose v2 names containers `<project>-<service>-1`, Debian's 1.29 `<project>_<service>_1`. */
function containerName(compose: ComposeImplementation, project: string, service: string): string {
  return compose.kind === 'standalone' ? `${project}_${service}_1` : `${service}-1`;
}

/** A fresh compose project per run, so runs never share containers. */
async function upService(
  spec: string,
  service: string,
  files: string[],
  project: string,
  compose: ComposeImplementation,
): Promise<StartedDockerComposeEnvironment> {
  let environment = new DockerComposeEnvironment(PROJECT_ROOT, files)
    .withProjectName(project)
    .withStartupTimeout(STARTUP_TIMEOUT_MS);
  if (compose.kind === 'standalone')
    environment = environment.withClientOptions({ executable: { standalone: true } });
  try {
    return await environment.up([service]);
  } catch (error) {
    const cause = error instanceof Error ? error.message.trim().split('\n')[0] : String(error);
    throw new InfrastructureError(
      `${spec} did not start: ${cause}; check "${compose.kind === 'standalone' ? 'docker-compose' : 'docker compose'} ` +
        `-f ${PROJECT_ROOT + COMPOSE_FILE} up ${service}"`,
      { cause: error },
    );
  }
}
