import { preconditionFailed } from '../expectation.ts';
import { InfrastructureError } from '../errors.ts';
import type { PublishedMessage, PublishMoment } from '../checks/cell-evidence.ts';
import { FaultProxy } from '../probe/fault-proxy.ts';
import type { ConnectOutcome } from '../connection/connect-outcome.ts';
import { loginRefusal } from '../connection/connect-verdict.ts';
import { SessionProbe, type ProbeConnectOptions } from '../connection/session-probe.ts';

/** Where a subscriber is in the life of its session; decides what Table 2-1 says about a message. */
export type ActorState = 'online' | 'away after DISCONNECT' | 'away after socket death' | 'back';

/**
 * One subscribing actor of the QCS scenarios: its raw-packet probe, its fault proxy when its network
 * is faulty, and what the judgement needs from its connections (granted QoS, session-present flags).
 */
export class SessionActor {
  readonly filters = new Set<string>();
  readonly granted: number[] = [];
  /** The session-present flag of every CONNACK after the first [MQTT-3.2.2-1, MQTT-3.2.2-2]. */
  readonly sessionPresentOnReturn: boolean[] = [];
  state: ActorState = 'online';
  connects = 0;

  private constructor(
    readonly name: string,
    readonly probe: SessionProbe,
    readonly proxy?: FaultProxy,
  ) {}

  /** A probe for `clientId`, behind a fresh fault proxy when `faulty`. */
  static async create(
    name: string,
    url: string,
    clientId: string,
    receiveTimeoutMs: number,
    faulty: boolean,
  ): Promise<SessionActor> {
    const proxy = faulty ? await FaultProxy.start(url) : undefined;
    const probe = new SessionProbe(proxy?.url ?? url, clientId, receiveTimeoutMs);
    return new SessionActor(name, probe, proxy);
  }

  /** What a message published now tests: online, offline (and how it left), or a kept subscription. */
  get moment(): PublishMoment {
    return this.state === 'back' ? 'back, not resubscribed' : this.state;
  }

  /** Connects with a will; a refusal leaves the check inconclusive, an unreachable broker or a refused login is an error. */
  async connect(clean: boolean, will: NonNullable<ProbeConnectOptions['will']>): Promise<ConnectOutcome> {
    const outcome = await this.probe.connect({ clean, will });
    this.connects += 1;
    if (!outcome.accepted) {
      const why = outcome.failure ?? `CONNACK return code ${outcome.returnCode}`;
      if (outcome.failure?.startsWith('cannot reach')) throw new InfrastructureError(why);
      // A refused login says nothing about delivery: an error naming the login, never a QCS failure.
      const login = loginRefusal(outcome, this.probe);
      if (login) throw login;
      // A server may refuse a CONNECT (CONNACK return codes 1–5, [MQTT-3.2.2]); the session checks
      // need it accepted, so a refusal leaves them inconclusive (the connect rules judge CONNACK).
      throw preconditionFailed(
        `"${this.name}" (cleanSession=${clean}) was refused: ${why}; the check needs the connection accepted`,
      );
    }
    return outcome;
  }

  /**
   * What was published to this actor while it could receive it and has not arrived: online, or back on
   * a session the broker said it kept (after a return, only a kept session has a subscription).
   */
  undelivered(published: readonly PublishedMessage[]): PublishedMessage[] {
    const kept = this.sessionPresentOnReturn.at(-1) === true;
    return published.filter(
      (m) =>
        m.subscriber === this.name &&
        (m.moment === 'online' || (kept && m.moment === 'back, not resubscribed')) &&
        !this.probe.publishes.some((p) => p.payload === m.payload),
    );
  }

  /** A QoS 2 flow the subscriber is not holding up, still running on to PUBREL. */
  get releasing(): boolean {
    return !this.probe.withholding('pubrec') && this.probe.awaitingRelease > 0;
  }

  faultyProxy(): FaultProxy {
    if (!this.proxy)
      throw new Error(
        `"${this.name}" is not behind a fault proxy; connect it "through a faulty network" (scenario defect)`,
      );
    return this.proxy;
  }
}
