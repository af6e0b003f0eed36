import { InfrastructureError } from '../errors.ts';
import { eventually } from '../eventually.ts';
import { SessionProbe } from '../connection/session-probe.ts';

/**
 * Watches the wills of a scenario's subscribers: the broker's own word that it has noticed a
 * connection is gone, so "the socket died" becomes an observed event rather than a guess about timing.
 */
export class WillWatcher {
  private constructor(
    private readonly probe: SessionProbe,
    private readonly timeoutMs: number,
  ) {}

  static async start(url: string, clientId: string, filter: string, timeoutMs: number): Promise<WillWatcher> {
    const probe = new SessionProbe(url, clientId, timeoutMs);
    const outcome = await probe.connect({ clean: true });
    if (!outcome.accepted) {
      throw new InfrastructureError(
        `the will watcher could not connect: ${outcome.failure ?? outcome.returnCode}`,
      );
    }
    await probe.subscribe(filter, 1);
    return new WillWatcher(probe, timeoutMs);
  }

  /** Runs `death`, then waits (bounded) for the will on `topic` it causes; false when none came in time. */
  async noticed(topic: string, death: () => void): Promise<boolean> {
    const count = () => this.probe.publishes.filter((p) => p.topic === topic).length;
    const before = count();
    death();
    return eventually(() => (count() > before ? true : undefined), {
      timeoutMs: this.timeoutMs,
      description: `a will on "${topic}"`,
    }).catch(() => false);
  }

  close(): void {
    this.probe.kill();
  }
}
