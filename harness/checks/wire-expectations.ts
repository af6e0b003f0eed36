import { eventually } from '../eventually.ts';
import { expectationFailed } from '../expectation.ts';
import { quietWindowMs, waitQuietWindow } from '../net/quiet-window.ts';
import type { SessionProbe } from '../connection/session-probe.ts';

/** Waits the quiet window (harness/net/quiet-window.ts) sized from the fastest measured round trip. */
export async function quietWindow(fastestRoundTripMs: number): Promise<void> {
  await waitQuietWindow(quietWindowMs(fastestRoundTripMs));
}

/**
 * Expectations on what crossed the wire to one probe, judged from the packets as they arrived (DUP
 * flags, packet IDs, PUBRELs); every failure lists the whole wire as evidence.
 */
export class WireExpectations {
  constructor(
    readonly name: string,
    readonly probe: SessionProbe,
    readonly timeoutMs: number,
    readonly quiet: () => Promise<void>,
  ) {}

  /**
   * QoS 1 may arrive more than once, but it must arrive (QCS-1: at least once), after a reconnect: the
   * broker re-sends what it had sent unacknowledged when the session resumes [MQTT-4.4.0-1]. Nothing
   * within the wait breaks that re-send, not yet QCS-1: a broker may still deliver later on a timer
   * of its own (NATS re-sends after ~30 s), which the harness cannot wait for.
   */
  async deliveredAtLeastOnce(payload: string): Promise<void> {
    await eventually(() => this.probe.deliveries.find((p) => p.payload === payload), {
      timeoutMs: this.timeoutMs,
      description: () => `"${this.name}" to receive "${payload}"; ${this.describe()}`,
    }).catch(() => {
      throw expectationFailed(
        `[MQTT-4.4.0-1] "${payload}", unacknowledged, was not re-sent to "${this.name}" within ${this.timeoutMs} ms ` +
          `of the reconnect with cleanSession=0, which requires it (whether it arrives at least once later, QCS-1, ` +
          `was not judged); ${this.describe()}`,
      );
    });
  }

  /** Delivered to the application exactly once, whatever was re-sent [QCS-1, MQTT-4.3.3-2]. */
  async deliveredOnce(payload: string): Promise<void> {
    await eventually(() => this.probe.deliveries.find((p) => p.payload === payload), {
      timeoutMs: this.timeoutMs,
      description: () => `"${this.name}" to receive "${payload}"; ${this.describe()}`,
    });
    await this.quiet();
    const count = this.probe.deliveries.filter((p) => p.payload === payload).length;
    if (count !== 1)
      throw expectationFailed(
        `"${payload}" reached "${this.name}"'s application ${count} times; ${this.describe()}`,
      );
  }

  /**
   * Re-sent on connection `connection` with DUP=1 [MQTT-3.3.1-1] and, when it had been sent before,
   * with its original packet ID [MQTT-4.4.0-1].
   */
  async redeliveredWithDup(payload: string, connection: number): Promise<void> {
    const first = this.probe.publishes.find((p) => p.payload === payload);
    const again = await eventually(
      () => this.probe.publishes.find((p) => p.payload === payload && p.connection === connection),
      { timeoutMs: this.timeoutMs, description: `"${payload}" to be re-sent to "${this.name}"` },
    ).catch(() => {
      // Not re-sent at all breaks [MQTT-4.4.0-1]; the DUP flag of a re-send [MQTT-3.3.1-1] was not judged.
      throw expectationFailed(
        `[MQTT-4.4.0-1] "${payload}", unacknowledged, was not re-sent to "${this.name}" within ${this.timeoutMs} ms ` +
          `of the reconnect with cleanSession=0, which requires it; ${this.describe()}`,
      );
    });
    const problems = [
      ...(again.dup
        ? []
        : [{ rule: 'MQTT-3.3.1-1', what: 'DUP=0 on the re-sent PUBLISH (required: DUP=1)' }]),
      ...(first && first.connection < again.connection && first.packetId !== again.packetId
        ? [
            {
              rule: 'MQTT-4.4.0-1',
              what: `packet ID ${again.packetId} instead of the original ${first.packetId}`,
            },
          ]
        : []),
    ];
    if (problems.length > 0)
      throw expectationFailed(
        `[${problems.map((p) => p.rule).join(' ')}] "${payload}" was re-sent to "${this.name}" with ` +
          `${problems.map((p) => `${p.what} [${p.rule}]`).join(' and ')}; ${this.describe()}`,
      );
  }

  /** Never reached the application (checked after a quiet window). */
  async neverDelivered(payload: string): Promise<void> {
    await this.quiet();
    if (this.probe.deliveries.some((p) => p.payload === payload))
      throw expectationFailed(
        `"${payload}" reached "${this.name}", which must not happen; ${this.describe()}`,
      );
  }

  /**
   * Sent at most once (checked after a quiet window), counting the copies that reached the client and
   * those the broker sent into a black hole (`swallowed`, seen by the fault proxy): one copy arriving only
   * after a reconnect is a QoS 0 message the broker kept for the session, which it MAY [MQTT-3.1.2-5];
   * a second copy is a re-send [MQTT-4.3.1-1].
   */
  async notResent(payload: string, swallowed: readonly string[] = []): Promise<void> {
    await this.quiet();
    const arrived = this.probe.publishes.filter((p) => p.payload === payload).length;
    const lost = swallowed.filter((p) => p === payload).length;
    if (arrived + lost > 1)
      throw expectationFailed(
        `[MQTT-4.3.1-1] "${payload}" was sent to "${this.name}" ${arrived + lost} times ` +
          `(${arrived} arrived, ${lost} swallowed by the network); ${this.describe()}`,
      );
  }

  describe(): string {
    const lines = this.probe.publishes.map(
      (p) =>
        `#${p.connection} "${p.payload}" QoS ${p.qos} DUP=${p.dup ? 1 : 0} id=${p.packetId ?? '-'}` +
        (p.delivered ? '' : ' (re-send, not delivered again)'),
    );
    const rels = this.probe.pubrels.map((r) => `#${r.connection} PUBREL id=${r.packetId}`);
    return `on the wire: ${[...lines, ...rels].join('; ') || 'nothing'}`;
  }
}
