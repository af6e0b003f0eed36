import type { Aedes, Client } from 'aedes';
import type { Fault } from './faults.ts';
import { refuseIllFormedUtf8 } from './utf8-strings.ts';

/** The packet fields the rewrites below touch, as mqtt-packet parses them. */
interface LoosePacket {
  cmd?: string;
  messageId?: number;
  topic?: string;
  subscriptions?: { topic: string; qos: number }[];
  unsubscriptions?: string[];
}

/**
 * SUBSCRIBE / UNSUBSCRIBE and topic matching: three corrections of Aedes (an empty UNSUBSCRIBE, the QoS
 * of each copy, ill-formed UTF-8 in utf8-strings.ts) and the faults (mutants) of the checks of §1.5.3,
 * §3.8-§3.10 and §4.7, hooked onto each client from outside like protocol-faults.ts.
 * A listener put first on the parser's `packet` event rewrites the packet before Aedes handles it; the
 * byte-level faults rewrite the first packet of a chunk before the parser sees it (the harness writes
 * each probe packet in one write, so that is the packet under test).
 */
export function installSubscriptionFaults(
  broker: Aedes,
  faults: readonly Fault[],
  /** A provisioned parent topic: where the faults hide the filters they move, so aliyun mode still grants them. */
  parent = 'ignored',
): void {
  const has = (fault: Fault) => faults.includes(fault);
  const preConnect = broker.preConnect.bind(broker);
  broker.preConnect = (client, packet, done) => {
    deliverAtGrantedQos(client, {
      retained: !has('retained-ignores-granted-qos'),
      live: !has('overlap-exact-filter-qos'),
    });
    if (!has('accept-ill-formed-utf8-topic')) refuseIllFormedUtf8(client, uncheckedStrings(has));
    const parser = parserOf(client);
    parser.prependListener('packet', (p: LoosePacket) => rewrite(client, p, has, parent));
    const bytes = byteRewrite(has);
    if (bytes) {
      const parse = parser.parse.bind(parser);
      parser.parse = (chunk: Buffer) => parse(bytes(chunk));
    }
    preConnect(client, packet, done);
  };
}

type Deliver = (packet: { topic: string; qos: number; retain: boolean }, done: () => void) => void;

interface Deliveries {
  deliver0: Deliver;
  deliverQoS: Deliver;
  subscriptions: Record<string, { qos: number }>;
}

/**
 * Correction: Aedes caps the QoS of a message it sends only by the subscription whose filter *equals*
 * the topic. So a retained message sent on SUBSCRIBE to a wildcard filter granted QoS 0 goes out at its
 * stored QoS [MQTT-3.8.4-6], and a message matching an exact filter at QoS 0 and a wildcard one at QoS 1
 * goes out at QoS 0 [MQTT-3.3.5-1]. Here each copy goes out at the lower of its published QoS and the
 * highest QoS among the client's matching subscriptions. The faults retained-ignores-granted-qos and
 * overlap-exact-filter-qos leave Aedes as it is, for retained and for live messages.
 */
function deliverAtGrantedQos(client: Client, fix: { retained: boolean; live: boolean }): void {
  const target = client as unknown as Deliveries;
  const { deliver0, deliverQoS } = target;
  const send = (original: Deliver) => (packet: Parameters<Deliver>[0], done: () => void) => {
    if (!(packet.retain ? fix.retained : fix.live)) return original(packet, done);
    const granted = Object.entries(target.subscriptions ?? {})
      .filter(([filter]) => matches(filter, packet.topic))
      .map(([, sub]) => sub.qos);
    const qos = granted.length > 0 ? Math.min(packet.qos, Math.max(...granted)) : packet.qos;
    if (qos === 0) return deliver0({ ...packet, qos }, done);
    // Aedes lowers the QoS to that of the filter equal to the topic, in a setImmediate of its own: that
    // subscription shows the capped QoS until then (restored in the setImmediate queued after it).
    const exact = target.subscriptions[packet.topic];
    if (exact && exact.qos < qos) {
      const shown = Object.assign(Object.create(Object.getPrototypeOf(exact) as object) as object, exact, {
        qos,
      });
      target.subscriptions[packet.topic] = shown;
      deliverQoS({ ...packet, qos }, done);
      setImmediate(() => {
        if (target.subscriptions[packet.topic] === shown) target.subscriptions[packet.topic] = exact;
      });
      return;
    }
    deliverQoS({ ...packet, qos }, done);
  };
  target.deliver0 = send(deliver0);
  target.deliverQoS = send(deliverQoS);
}

/** The packets whose strings a fault lets through as ill-formed UTF-8 [MQTT-3.3.2-1] [MQTT-3.8.3-1] [MQTT-3.10.3-1]. */
function uncheckedStrings(has: (fault: Fault) => boolean): Set<string> {
  const unchecked = new Set<string>();
  if (has('accept-ill-formed-topic-name')) unchecked.add('publish');
  if (has('accept-ill-formed-subscribe-filter')) unchecked.add('subscribe');
  if (has('accept-ill-formed-unsubscribe-filter')) unchecked.add('unsubscribe');
  return unchecked;
}

/** drop-inflight-on-unsubscribe: the clients that unsubscribed, whose PUBRECs are ignored from then on. */
const unsubscribed = new WeakSet<Client>();

function rewrite(client: Client, p: LoosePacket, has: (fault: Fault) => boolean, parent: string): void {
  /** Another filter of the same parent, that nothing publishes to. */
  const hidden = (filter: string) => {
    const [first = parent, ...rest] = filter === '' ? [] : filter.split('/');
    return [first, 'ignored', ...rest].join('/');
  };
  const held = Object.keys(
    (client as unknown as { subscriptions: Record<string, unknown> }).subscriptions ?? {},
  );
  if (p.cmd === 'unsubscribe') unsubscribed.add(client);
  // A QoS 2 delivery begun before the UNSUBSCRIBE is never completed [MQTT-3.10.4-3].
  if (p.cmd === 'pubrec' && has('drop-inflight-on-unsubscribe') && unsubscribed.has(client))
    p.cmd = 'pingreq';
  if (p.cmd === 'unsubscribe') {
    const filters = p.unsubscriptions ?? [];
    // Correction: Aedes answers an UNSUBSCRIBE with no filter, a protocol violation [MQTT-3.10.3-2];
    // an unknown command makes it close the connection.
    if (filters.length === 0) p.cmd = 'invalid';
    else if (has('no-unsuback-without-subscription') && !filters.some((f) => held.includes(f)))
      p.cmd = 'pingreq'; // answered with PINGRESP, never UNSUBACK [MQTT-3.10.4-5]
    else if (has('unsuback-wrong-id') && p.messageId !== undefined) p.messageId = otherId(p.messageId);
    else if (has('ignore-unsubscribe')) p.unsubscriptions = filters.map(hidden);
    else if (has('unsubscribe-first-filter-only')) p.unsubscriptions = filters.slice(0, 1);
    else if (has('unsubscribe-by-matching'))
      p.unsubscriptions = [
        ...new Set([...filters, ...held.filter((h) => filters.some((f) => matches(h, f)))]),
      ];
  }
  if (p.cmd === 'subscribe') {
    const subs = p.subscriptions ?? [];
    if (subs.length === 0 && has('ignore-empty-subscribe')) p.cmd = 'pingreq';
    // Only the low byte of the packet ID is echoed: IDs under 256 (the harness's health probe) still work.
    if (has('suback-id-low-byte') && p.messageId !== undefined) p.messageId = p.messageId & 0xff || 1;
    // Every filter after the first is subscribed under another name: the SUBACK still grants it.
    if (has('subscribe-first-filter-only')) subs.slice(1).forEach((s) => (s.topic = hidden(s.topic)));
    for (const s of subs) {
      // An identical filter makes a second subscription instead of replacing the first.
      if (has('keep-first-subscription') && held.includes(s.topic)) s.topic = hidden(s.topic);
      if (s.topic === '' && has('accept-empty-filter')) s.topic = hidden('');
      if (has('hash-excludes-parent') && s.topic.endsWith('/#')) s.topic = `${s.topic.slice(0, -1)}+/#`;
      // A wildcard filter is granted but subscribed where nothing publishes: never honoured [MQTT-3.8.3-2].
      if (has('grant-wildcards-unhonoured') && /[+#]/.test(s.topic)) s.topic = hidden(s.topic);
      s.topic = normalised(s.topic, has);
    }
  }
  if (p.cmd === 'publish' && p.topic !== undefined) p.topic = normalised(p.topic, has);
}

/** normalize-topics-nfc breaks [MQTT-4.7.3-4], strip-bom-in-topics [MQTT-1.5.3-3]. */
function normalised(topic: string, has: (fault: Fault) => boolean): string {
  const nfc = has('normalize-topics-nfc') ? topic.normalize('NFC') : topic;
  return has('strip-bom-in-topics') ? nfc.replaceAll('\uFEFF', '') : nfc;
}

/** The byte-level faults: the malformed packet is made well-formed before the parser can refuse it. */
function byteRewrite(has: (fault: Fault) => boolean): ((chunk: Buffer) => Buffer) | undefined {
  const subscribeFlags = has('accept-subscribe-flags');
  const unsubscribeFlags = has('accept-unsubscribe-flags');
  const qos3 = has('accept-subscribe-qos3');
  if (!subscribeFlags && !unsubscribeFlags && !qos3) return undefined;
  return (chunk) => {
    const type = (chunk[0] ?? 0) >> 4;
    if (type === 8 && subscribeFlags) chunk[0] = 0x82; // [MQTT-3.8.1-1]
    if (type === 10 && unsubscribeFlags) chunk[0] = 0xa2; // [MQTT-3.10.1-1]
    if (type === 8 && qos3) lowerRequestedQos(chunk); // [MQTT-3.8.3-4]
    return chunk;
  };
}

/** Rewrites each requested-QoS byte of the SUBSCRIBE at the start of `chunk` to a QoS of 0-2. */
function lowerRequestedQos(chunk: Buffer): void {
  let at = 1;
  let length = 0;
  for (let shift = 0; at < chunk.length; shift += 7) {
    const byte = chunk[at++] ?? 0;
    length += (byte & 0x7f) << shift;
    if ((byte & 0x80) === 0) break;
  }
  const end = Math.min(chunk.length, at + length);
  at += 2; // packet identifier
  while (at + 2 <= end) {
    at += 2 + chunk.readUInt16BE(at);
    if (at >= end) break;
    const qos = (chunk[at] ?? 0) & 0x03;
    chunk[at++] = qos === 3 ? 2 : qos;
  }
}

/** The fault's own wildcard matching: `filter` (held) matches `other` read as a topic. */
function matches(filter: string, other: string): boolean {
  const f = filter.split('/');
  const t = other.split('/');
  for (let i = 0; i < f.length; i++) {
    if (f[i] === '#') return true;
    if (i >= t.length || (f[i] !== '+' && f[i] !== t[i])) return false;
  }
  return f.length === t.length;
}

function otherId(id: number): number {
  return (id % 65_535) + 1;
}

function parserOf(client: Client): NodeJS.EventEmitter & { parse: (chunk: Buffer) => unknown } {
  return (client as unknown as { _parser: NodeJS.EventEmitter & { parse: (chunk: Buffer) => unknown } })
    ._parser;
}
