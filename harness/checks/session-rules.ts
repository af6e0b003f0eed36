import type { Ack, SessionProbe, WirePublish } from '../connection/session-probe.ts';
import { eventually } from '../eventually.ts';
import { expectationFailed, preconditionFailed } from '../expectation.ts';

/**
 * The session statements of MQTT 3.1.1 judged on one subscriber's wire (issue 12): what a session kept
 * while its client was away [MQTT-3.1.2-5], whose session a CONNECT gets [MQTT-3.1.3-2, MQTT-3.1.4-3],
 * how long its state lasts [MQTT-4.1.0-1, MQTT-4.1.0-2], and the order of the server's PUBRELs
 * [MQTT-4.6.0-4]. Each takes the probe and the connection number it judges; none opens a connection.
 */
export interface SessionView {
  readonly name: string;
  /** What the subscriber's probe recorded (a SessionProbe, or its recorded wire). */
  readonly probe: Pick<SessionProbe, 'publishes' | 'pubrels'>;
  /** The connection judged (1 = the first CONNECT). */
  readonly connection: number;
  /** The session-present flag of that connection's CONNACK, when it was a return. */
  readonly sessionPresent: boolean | undefined;
  readonly timeoutMs: number;
}

/** `payload` came on the judged connection (bounded wait), else `rule` is broken because of `why`. */
export async function expectSentOn(view: SessionView, payload: string, rule: string, why: string) {
  const sent = await arrival(view, payload);
  if (!sent)
    throw expectationFailed(
      `[${rule}] "${payload}" was not sent to "${view.name}" on its connection ${view.connection} within ` +
        `${view.timeoutMs} ms: ${why}; ${wire(view.probe)}`,
    );
  return `"${view.name}" was sent "${payload}" on connection ${view.connection} (QoS ${sent.qos}, id ${sent.packetId ?? '-'})`;
}

/**
 * A QoS 0 message for a persistent session away from the broker: the server MAY keep it [MQTT-3.1.2-5],
 * so what it did is recorded and never failed.
 */
export async function recordQos0Kept(view: SessionView, payload: string): Promise<string> {
  const sent = await arrival(view, payload);
  return sent
    ? `the server kept the QoS 0 "${payload}" for "${view.name}" and sent it on its return (it MAY)`
    : `the server did not keep the QoS 0 "${payload}" for "${view.name}" (it MAY discard QoS 0 messages)`;
}

/**
 * A client ID that has never connected gets a session of its own [MQTT-3.1.3-2]: nothing queued for
 * another client ID reaches it (checked after `quiet`, the quiet window). Only when nothing came is the
 * control needed: `ownerGets` brings the owner back and must show the broker did keep the message, else
 * a broker that kept nothing would pass, and the check is inconclusive. The CONNACK flag is [MQTT-3.2.2-x]'s
 * business and only recorded here.
 */
export async function expectOwnSession(
  view: SessionView,
  owner: string,
  payload: string,
  quiet: () => Promise<void>,
  ownerGets: () => Promise<boolean>,
): Promise<string> {
  await quiet();
  const taken = view.probe.publishes.find((p) => p.payload === payload);
  if (taken)
    throw expectationFailed(
      `[MQTT-3.1.3-2] "${view.name}", a client ID that never had a session, was given another client's: ` +
        `it was sent "${payload}", queued for "${owner}" (${describe(taken)}); a session belongs to its ` +
        `client ID only; ${flag(view)}; ${wire(view.probe)}`,
    );
  if (!(await ownerGets()))
    throw preconditionFailed(
      `"${owner}" came back and was not sent "${payload}" either, so the broker kept nothing to give away; ` +
        `${flag(view)}`,
      'MQTT-3.1.3-2',
    );
  return `"${view.name}" got nothing of "${owner}"'s, which "${owner}" was sent on its return; ${flag(view)}`;
}

/**
 * A persistent CONNECT resumed the stored session [MQTT-3.1.4-3]: the stored subscription delivers
 * `payload` without a new SUBSCRIBE. The session-present flag is recorded, not judged: a wrong flag on a
 * resumed session breaks [MQTT-3.2.2-2], judged in its own scenarios.
 */
export async function expectResumed(view: SessionView, payload: string): Promise<string> {
  const sent = await arrival(view, payload);
  if (!sent)
    throw expectationFailed(
      `[MQTT-3.1.4-3] "${view.name}" came back with cleanSession=0 and its session was not resumed: ` +
        `"${payload}" was not sent on its kept subscription within ${view.timeoutMs} ms; ${flag(view)}; ${wire(view.probe)}`,
    );
  return `"${view.name}" resumed its session: "${payload}" sent on its kept subscription; ${flag(view)}`;
}

/**
 * A clean CONNECT started a new session [MQTT-3.1.4-3]: the old subscription is gone, so `payload` does
 * not come (checked after the quiet window). The session-present flag is recorded ([MQTT-3.2.2-1]'s).
 */
export async function expectStartedAfresh(
  view: SessionView,
  payload: string,
  quiet: () => Promise<void>,
): Promise<string> {
  await quiet();
  const sent = view.probe.publishes.find((p) => p.payload === payload && p.connection === view.connection);
  if (sent)
    throw expectationFailed(
      `[MQTT-3.1.4-3] "${view.name}" came back with cleanSession=1 and the old session went on: ` +
        `"${payload}" was sent on the old subscription (${describe(sent)}); ${flag(view)}; ${wire(view.probe)}`,
    );
  return `"${view.name}" started a new session: the old subscription gone; ${flag(view)}`;
}

/**
 * The server's PUBRELs follow the order of the client's PUBRECs [MQTT-4.6.0-4]: `recs` are the PUBRECs as
 * the client sent them (one write). Fewer PUBRELs than PUBRECs leaves no order to judge.
 */
export async function expectPubrelOrder(
  view: SessionView,
  recs: readonly { cmd: Ack; messageId: number }[],
): Promise<string> {
  const order = recs.filter((r) => r.cmd === 'pubrec').map((r) => r.messageId);
  const rels = () =>
    view.probe.pubrels
      .filter((r) => r.connection === view.connection && order.includes(r.packetId))
      .map((r) => r.packetId);
  await eventually(() => (rels().length >= order.length ? true : undefined), {
    timeoutMs: view.timeoutMs,
    description: 'a PUBREL for every PUBREC',
  }).catch(() => undefined);
  const seen = rels();
  if (order.length < 2 || seen.length < order.length)
    throw preconditionFailed(
      `"${view.name}" sent PUBRECs ${order.join(', ') || 'none'} and got PUBRELs ${seen.join(', ') || 'none'}; ` +
        'the order needs at least two PUBRECs and a PUBREL for each ([MQTT-4.3.3-1] judges the PUBRELs themselves)',
      'MQTT-4.6.0-4',
    );
  if (seen.some((id, i) => id !== order[i]))
    throw expectationFailed(
      `[MQTT-4.6.0-4] "${view.name}" sent PUBRECs ${order.join(', ')} and was sent PUBRELs ${seen.join(', ')}; ` +
        'the server sends PUBRELs in the order the PUBRECs were received',
    );
  return `"${view.name}" sent PUBRECs ${order.join(', ')} and was sent PUBRELs in that order`;
}

/** The first PUBLISH of `payload` on the judged connection, waited for (bounded); undefined if none came. */
export async function arrival(view: SessionView, payload: string): Promise<WirePublish | undefined> {
  const find = () =>
    view.probe.publishes.find((p) => p.payload === payload && p.connection === view.connection);
  return eventually(find, { timeoutMs: view.timeoutMs, description: `"${payload}"` }).catch(() => undefined);
}

function describe(p: WirePublish): string {
  return `#${p.connection} QoS ${p.qos} DUP=${p.dup ? 1 : 0} id=${p.packetId ?? '-'}`;
}

/** The CONNACK's session-present flag, recorded as evidence ([MQTT-3.2.2-1/-2/-3] judge it). */
export function flag(view: SessionView): string {
  return `CONNACK said session present = ${view.sessionPresent === undefined ? '?' : view.sessionPresent ? 1 : 0}`;
}

function wire(probe: SessionView['probe']): string {
  const lines = probe.publishes.map((p) => `"${p.payload}" ${describe(p)}`);
  const rels = probe.pubrels.map((r) => `#${r.connection} PUBREL id=${r.packetId}`);
  return `on the wire: ${[...lines, ...rels].join('; ') || 'nothing'}`;
}
