import { GenericContainer } from 'testcontainers';
import { containerLabels, registerContainer, removeContainer } from './container-registry.ts';

/**
 * Limits for one broker on a 2-core machine shared with the harness itself: a broker may use one
 * core and 1 GiB (EMQX and RabbitMQ idle at 200-400 MB), so the clients keep the other core.
 */
export const CONTAINER_LIMITS = { memoryGiB: 1, cpus: 1 } as const;

/**
 * testcontainers' GenericContainer with the harness's rules: published ports bind 127.0.0.1 only
 * (never reachable from the network; a test broker is anonymous), resource limits, our labels, and
 * the container registered for removal as soon as it exists.
 */
export class HarnessContainer extends GenericContainer {
  constructor(image: string, spec: string, loopbackOnly: boolean) {
    super(image);
    this.loopbackOnly = loopbackOnly;
    this.withLabels(containerLabels(spec)).withResourcesQuota({
      memory: CONTAINER_LIMITS.memoryGiB,
      cpu: CONTAINER_LIMITS.cpus,
    });
  }

  private readonly loopbackOnly: boolean;
  private createdId: string | undefined;

  /** After a failed start: testcontainers removes a container that fails its wait, not one that fails earlier. */
  async removeCreated(): Promise<void> {
    if (this.createdId) await removeContainer(this.createdId).catch(() => undefined);
  }

  protected override beforeContainerCreated(): Promise<void> {
    // testcontainers binds every exposed port to all interfaces ({ HostPort: "0" }); only the host
    // IP changes here. A remote engine (DOCKER_HOST=tcp://…) keeps all interfaces: its loopback
    // would be out of our reach.
    if (this.loopbackOnly) {
      for (const bindings of Object.values(this.hostConfig.PortBindings ?? {}) as { HostIp?: string }[][]) {
        for (const binding of bindings) binding.HostIp = '127.0.0.1';
      }
    }
    return Promise.resolve();
  }

  protected override containerCreated(containerId: string): Promise<void> {
    this.createdId = containerId;
    registerContainer(containerId);
    return Promise.resolve();
  }
}
