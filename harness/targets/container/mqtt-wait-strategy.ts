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
        .then(async (state) => {
          if (state.State.Running) return;
          const output = await lastLogLines(container);
          exited = `exited with code ${state.State.ExitCode}: ${output}`;
        })
        .catch(() => undefined);
    }, 500);
    try {
      await waitForMqtt(url, {
        timeoutMs: this.startupTimeoutMs,
        what: `the container's MQTT port ${this.mqttPort}`,
        abandoned: () => exited,
        hint: 'the container is removed after a failed start; its last log lines are above',
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

/** The container's last log lines on one line (Docker multiplexes stdout/stderr in 8-byte framed chunks). */
async function lastLogLines(container: WaitArgs[0], count = 3): Promise<string> {
  const raw = (await container.logs({ stdout: true, stderr: true, tail: count, follow: false })) as unknown;
  const buffer = Buffer.isBuffer(raw) ? raw : Buffer.from(String(raw));
  const chunks: string[] = [];
  for (let at = 0; at + 8 <= buffer.length;) {
    const size = buffer.readUInt32BE(at + 4);
    chunks.push(buffer.subarray(at + 8, at + 8 + size).toString());
    at += 8 + size;
  }
  const text = (chunks.length > 0 ? chunks.join('') : buffer.toString()).trim();
  return text.split('\n').slice(-count).join(' | ') || '(no output)';
}
