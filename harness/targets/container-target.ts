import { getContainerRuntimeClient, Wait, type StartedTestContainer } from 'testcontainers';
import { InfrastructureError, UsageError } from '../errors.ts';
import { startedTarget, type BrokerTarget } from './broker-target.ts';
import { containerConfig, type ContainerConfig } from './container/container-config.ts';
import { ensureImage, imageVersion } from './container/container-images.ts';
import { forgetContainer, removeContainer } from './container/container-registry.ts';
import { HarnessContainer } from './container/harness-container.ts';
import { imageSpecConfig, IMAGE_SPEC_PREFIX } from './container/image-spec.ts';
import { MqttConnectWaitStrategy } from './container/mqtt-wait-strategy.ts';
import { requireContainerRuntime } from './container-runtime.ts';
import { waitForMqtt } from './readiness.ts';

export { containerConfig, type ContainerConfig };

/** After the broker's own readiness, a real CONNECT should succeed almost at once. */
const MQTT_READY_TIMEOUT_MS = 20_000;
/** Hosts on which the published ports can bind loopback only (a local engine). */
const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '::1']);

/** `container:NAME[:TAG]` or `container:image=REF[,…]` (the part after `container:`). */
export function containerTargetFor(rest: string): BrokerTarget {
  if (rest.startsWith(IMAGE_SPEC_PREFIX)) return containerTarget(imageSpecConfig(rest));
  const [name = '', tag, ...extra] = rest.split(':');
  if (extra.length > 0) {
    throw new UsageError(`"container:${rest}" has too many ":"; write container:NAME[:TAG]`);
  }
  return containerTarget(containerConfig(name, tag));
}

/**
 * A fresh container per run on an ephemeral host port bound to 127.0.0.1. testcontainers' reaper
 * (Ryuk) cannot be pulled where no registry is reachable, so it is switched off and the harness
 * removes its own containers: on stop, on a failed start and on Ctrl-C (container-registry.ts).
 */
export function containerTarget(config: ContainerConfig): BrokerTarget {
  return {
    spec: config.spec,
    async start() {
      await requireContainerRuntime(config.spec);
      // The documented switch; set before testcontainers first looks for its reaper.
      process.env.TESTCONTAINERS_RYUK_DISABLED ??= 'true';
      await ensureImage(config.spec, config);
      const container = await startContainer(config);
      try {
        const host = LOCAL_HOSTS.has(container.getHost()) ? '127.0.0.1' : container.getHost();
        const url = `mqtt://${host}:${container.getMappedPort(config.mqttPort)}`;
        await waitForMqtt(url, {
          timeoutMs: MQTT_READY_TIMEOUT_MS,
          what: config.image,
          // The container is removed on failure, so point at a run whose log stays visible.
          hint: `it started but takes no anonymous CONNECT; "docker run --rm -p 127.0.0.1::${config.mqttPort} ${config.image}" shows its log`,
        });
        const version = await imageVersion(config.image);
        const capabilities = version
          ? { ...config.capabilities, software: `${config.capabilities.software} ${version}` }
          : config.capabilities;
        return startedTarget(config.spec, url, capabilities, async () => {
          await container.stop({ remove: true, removeVolumes: true });
          forgetContainer(container.getId());
        });
      } catch (error) {
        await removeContainer(container.getId()).catch(() => undefined);
        throw error;
      }
    },
  };
}

async function startContainer(config: ContainerConfig): Promise<StartedTestContainer> {
  const host = (await getContainerRuntimeClient()).info.containerRuntime.host;
  const local = LOCAL_HOSTS.has(host);
  const builder = new HarnessContainer(config.image, config.spec, local);
  try {
    return await builder
      .withExposedPorts(...config.exposedPorts)
      .withEnvironment({ ...config.environment })
      .withCopyFilesToContainer([...config.files])
      .withTmpFs({ ...config.tmpFs })
      .withWaitStrategy(
        config.readyLog
          ? Wait.forLogMessage(config.readyLog)
          : new MqttConnectWaitStrategy(local ? '127.0.0.1' : host, config.mqttPort),
      )
      .withStartupTimeout(config.startupTimeoutMs)
      .start();
  } catch (error) {
    await builder.removeCreated();
    const cause =
      error instanceof InfrastructureError
        ? error.reason
        : error instanceof Error
          ? error.message
          : String(error);
    throw new InfrastructureError(`${config.spec} could not start ${config.image}: ${cause}`, {
      cause: error,
    });
  }
}
