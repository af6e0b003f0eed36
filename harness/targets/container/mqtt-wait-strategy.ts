import type { WaitStrategy } from 'testcontainers';
import { waitForMqtt } from '../readiness.ts';

type WaitArgs = Parameters<WaitStrategy['waitUntilReady']>;

/**
 * Ready when a real MQTT CONNECT on the mapped port gets a CONNACK: the wait strategy of brokers that
 * print no reliable "started" line (and of images a vendor names with `container:image=…`). The
 * port alone proves nothing: Docker's proxy accepts on the host before the broker listens.
 */
export class MqttConnectWaitStrategy implements WaitStrategy {
  private startupTimeoutMs = 60_000;
  private timeoutSet = false;

  constructor(
    private readonly host: string,
    private readonly mqttPort: number,
  ) {}

  async waitUntilReady(container: WaitArgs[0], boundPorts: WaitArgs[1]): Promise<void> {
    const url = `mqtt://${this.host}:${boundPorts.getBinding(this.mqttPort)}`;
    let exited: string | undefined;
    const watch = setInterval(() => {
      container
        .inspect()
        .then((state) => {
          if (!state.State.Running) exited = `exited with code ${state.State.ExitCode}`;
        })
        .catch(() => undefined);
    }, 500);
    try {
      await waitForMqtt(url, {
        timeoutMs: this.startupTimeoutMs,
        what: `the container's MQTT port ${this.mqttPort}`,
        abandoned: () => exited,
        hint: `"docker logs ${container.id.slice(0, 12)}" shows why (the container is removed after a failed start)`,
      });
    } finally {
      clearInterval(watch);
    }
  }

  withStartupTimeout(startupTimeoutMs: number): this {
    this.startupTimeoutMs = startupTimeoutMs;
    this.timeoutSet = true;
    return this;
  }

  isStartupTimeoutSet(): boolean {
    return this.timeoutSet;
  }

  getStartupTimeout(): number {
    return this.startupTimeoutMs;
  }
}
