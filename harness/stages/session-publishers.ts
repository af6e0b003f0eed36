import type { ScenarioNamespace } from '../client/namespace.ts';
import { loginRefusal } from '../connection/connect-verdict.ts';
import { SessionProbe } from '../connection/session-probe.ts';
import { InfrastructureError } from '../errors.ts';

/**
 * The publishers of the QCS scenarios: raw-packet probes with clean sessions, connected on first use and
 * again after their connection ended. A publisher that cannot connect is an error (a refused login names
 * the login), never a verdict on the subscriber's session.
 */
export class SessionPublishers {
  readonly #probes = new Map<string, SessionProbe>();

  constructor(
    readonly url: string,
    readonly namespace: ScenarioNamespace,
    readonly timeoutMs: number,
  ) {}

  async online(name: string): Promise<SessionProbe> {
    let probe = this.#probes.get(name);
    if (!probe?.online) {
      probe ??= new SessionProbe(this.url, this.namespace.clientId(name), this.timeoutMs);
      this.#probes.set(name, probe);
      const outcome = await probe.connect({ clean: true });
      if (!outcome.accepted)
        throw (
          loginRefusal(outcome, probe) ??
          new InfrastructureError(
            `publisher "${name}" could not connect: ${outcome.failure ?? outcome.returnCode}`,
          )
        );
    }
    return probe;
  }

  killAll(): void {
    for (const probe of this.#probes.values()) probe.kill();
  }
}
