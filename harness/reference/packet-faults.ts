import type { Aedes, Client } from 'aedes';
import mqttPacket, { type Packet } from 'mqtt-packet';
import type { Fault } from './faults.ts';
import { topicFilterViolation } from './topic-syntax.ts';

/** The packets a client puts a packet identifier in, which must not be 0 [MQTT-2.3.1-1]. */
const NEEDS_PACKET_ID = new Set(['subscribe', 'unsubscribe', 'publish']);

type Write = typeof mqttPacket.writeToStream;
/** Writes `packet` to `stream` as the fault wants it, `write` being mqtt-packet's own writer. */
type Rewrite = (packet: Packet, stream: NodeJS.WritableStream, write: Write) => boolean;

/** The rewrite of each faulty client's stream: mqtt-packet's writer is shared, so it dispatches by stream. */
const rewrites = new WeakMap<object, Rewrite>();
let hooked = false;

/**
 * Packet identifiers and the packets the server writes (MQTT 3.1.1 §2.2, §2.3, §3.2, §3.9): one
 * correction of Aedes and the faults (mutants) that bend what goes out on the wire.
 *
 * Corrections:
 * - mqtt-packet reads a packet identifier of 0 in a SUBSCRIBE, UNSUBSCRIBE or QoS > 0 PUBLISH and Aedes
 *   answers it, against [MQTT-2.3.1-1]; here such a packet is unparseable, so the parser's error closes
 *   the connection [MQTT-4.8.0-1]. The fault `accept-packet-id-0` leaves Aedes as it is.
 * - Aedes drops repeated filters of one SUBSCRIBE (keeping the last) and answers with one return code
 *   per distinct filter, against [MQTT-3.8.4-5]; here the SUBACK gets one code per filter again, each the
 *   code of its filter's subscription capped at the QoS it asked for. The fault `suback-dedupes-filters`
 *   leaves Aedes as it is.
 *
 * Both the correction of the SUBACK and the write faults wrap mqtt-packet's `writeToStream`, which Aedes
 * calls for every packet it sends; the wrapper dispatches by stream, so it touches this broker's clients only.
 */
export function installPacketFaults(broker: Aedes, faults: readonly Fault[]): void {
  const has = (fault: Fault) => faults.includes(fault);
  const preConnect = broker.preConnect.bind(broker);
  broker.preConnect = (client, packet, done) => {
    if (!has('accept-packet-id-0')) refusePacketIdZero(client);
    const invalid = has('suback-code-0x8f') ? hideInvalidFilters(client) : undefined;
    const requested = has('suback-dedupes-filters') ? undefined : requestedFilters(client);
    const zeroed = has('publish-packet-id-0') ? zeroedPublishIds(client) : undefined;
    hookWriter();
    rewrites.set(client.conn, outgoing(has, packet.keepalive === 0, invalid, requested, zeroed));
    preConnect(client, packet, done);
  };
}

interface IdParser {
  packet: { cmd?: string; messageId?: number };
  _parseMessageId(): boolean;
  _emitError(error: Error): void;
}

function refusePacketIdZero(client: Client): void {
  const parser = (client as unknown as { _parser: IdParser })._parser;
  const parseId = parser._parseMessageId.bind(parser);
  parser._parseMessageId = () => {
    if (!parseId()) return false;
    if (parser.packet.messageId !== 0 || !NEEDS_PACKET_ID.has(parser.packet.cmd ?? '')) return true;
    parser._emitError(new Error(`packet identifier 0 in a ${parser.packet.cmd} [MQTT-2.3.1-1]`));
    return false;
  };
}

/**
 * suback-code-0x8f: an invalid filter ("a/#/b") is not a reason to close but is refused with a code;
 * it reaches Aedes renamed (wildcards spelled out) so Aedes does not close, and its place in the
 * SUBSCRIBE is remembered by packet ID for the SUBACK. Returns that record.
 */
function hideInvalidFilters(client: Client): Map<number, number[]> {
  const invalid = new Map<number, number[]>();
  const parser = (client as unknown as { _parser: NodeJS.EventEmitter })._parser;
  parser.prependListener(
    'packet',
    (p: { cmd?: string; messageId?: number; subscriptions?: { topic: string }[] }) => {
      if (p.cmd !== 'subscribe' || p.messageId === undefined) return;
      const at: number[] = [];
      p.subscriptions?.forEach((s, i) => {
        if (!topicFilterViolation(s.topic)) return;
        at.push(i);
        s.topic = s.topic.replaceAll('#', 'hash').replaceAll('+', 'plus');
      });
      if (at.length > 0) invalid.set(p.messageId, at);
    },
  );
  return invalid;
}

/** publish-packet-id-0: the client's QoS 1 flows in flight, and those sent with packet ID 0, oldest first. */
interface ZeroedIds {
  readonly unacknowledged: Set<number>;
  readonly zeroed: number[];
}

/**
 * publish-packet-id-0: the client's PUBACK 0 is read as the PUBACK of the oldest PUBLISH sent with ID 0,
 * so Aedes' own flows stay whole and only the wire shows the fault.
 */
function zeroedPublishIds(client: Client): ZeroedIds {
  const ids: ZeroedIds = { unacknowledged: new Set(), zeroed: [] };
  const parser = (client as unknown as { _parser: NodeJS.EventEmitter })._parser;
  parser.prependListener('packet', (p: { cmd?: string; messageId?: number }) => {
    if (p.cmd !== 'puback') return;
    if (p.messageId === 0 && ids.zeroed.length > 0) p.messageId = ids.zeroed.shift();
    if (p.messageId !== undefined) ids.unacknowledged.delete(p.messageId);
  });
  return ids;
}

/** What each SUBSCRIBE of the client asked for, by packet ID, before Aedes drops repeated filters. */
function requestedFilters(client: Client): Map<number, { topic: string; qos: number }[]> {
  const requested = new Map<number, { topic: string; qos: number }[]>();
  const parser = (client as unknown as { _parser: NodeJS.EventEmitter })._parser;
  parser.prependListener(
    'packet',
    (p: { cmd?: string; messageId?: number; subscriptions?: { topic: string; qos: number }[] }) => {
      if (p.cmd === 'subscribe' && p.messageId !== undefined && p.subscriptions)
        requested.set(
          p.messageId,
          p.subscriptions.map((s) => ({ topic: s.topic, qos: s.qos })),
        );
    },
  );
  return requested;
}

/** One return code per filter asked for [MQTT-3.8.4-5], from Aedes' one per distinct filter. */
function codePerFilter(granted: number[], asked: readonly { topic: string; qos: number }[]): number[] {
  if (granted.length === asked.length) return granted;
  const distinct = [...new Set(asked.map((a) => a.topic))];
  return asked.map((a) => {
    const code = granted[distinct.indexOf(a.topic)] ?? 0x80;
    return code === 0x80 ? code : Math.min(code, a.qos);
  });
}

function hookWriter(): void {
  if (hooked) return;
  hooked = true;
  const write = mqttPacket.writeToStream.bind(mqttPacket) as Write;
  mqttPacket.writeToStream = ((packet: Packet, stream: NodeJS.WritableStream, opts?: unknown) => {
    const rewrite = rewrites.get(stream);
    return rewrite ? rewrite(packet, stream, write) : write(packet, stream, opts as never);
  }) as Write;
}

/** What goes out on one connection: the SUBACK correction, then the faults. */
function outgoing(
  has: (fault: Fault) => boolean,
  keepAliveZero: boolean,
  invalid: Map<number, number[]> | undefined,
  requested: Map<number, { topic: string; qos: number }[]> | undefined,
  zeroed: ZeroedIds | undefined,
): Rewrite {
  let previousSubackId: number | undefined;
  let firstQos1Id: number | undefined;
  return (packet, stream, write) => {
    const p = packet as unknown as {
      cmd: string;
      granted?: number[];
      messageId?: number;
      returnCode?: number;
      qos?: number;
      topic?: string;
    };
    if (p.cmd === 'suback') {
      const asked = p.messageId === undefined ? undefined : requested?.get(p.messageId);
      if (asked && p.granted) p.granted = codePerFilter(p.granted, asked);
      if (p.messageId !== undefined) requested?.delete(p.messageId);
      // suback-code-0x8f: an invalid filter gets MQTT 5's "topic filter invalid" 0x8F [MQTT-3.9.3-2].
      const refused = p.messageId === undefined ? undefined : invalid?.get(p.messageId);
      if (refused && p.granted) p.granted = p.granted.map((c, i) => (refused.includes(i) ? 0x8f : c));
      // suback-id-of-previous: each SUBACK carries the ID of the SUBSCRIBE before [MQTT-2.3.1-7].
      if (has('suback-id-of-previous') && p.messageId !== undefined) {
        const id = p.messageId;
        p.messageId = previousSubackId ?? id;
        previousSubackId = id;
      }
      // suback-header-flags: the SUBACK goes out with the fixed-header flags 0010, not 0000 [MQTT-2.2.2-1].
      // Only SUBACKs granting QoS 2: the harness's health probe subscribes at a lower QoS.
      if (has('suback-header-flags') && p.granted?.includes(2)) {
        const bytes = mqttPacket.generate(p as unknown as Packet);
        bytes[0] = (bytes[0] ?? 0) | 0x02;
        return stream.write(bytes);
      }
    }
    if (p.cmd === 'publish') {
      // qos0-with-packet-id: a QoS 0 PUBLISH carries a packet identifier [MQTT-2.3.1-5]. Only on topics
      // with a level "qos0" (the [MQTT-2.3.1-5] scenario's): every check that compares payloads would
      // otherwise read the 2 extra bytes as another message and fail its own rule.
      if (has('qos0-with-packet-id') && !p.qos && /(^|\/)qos0(\/|$)/.test(String(p.topic))) {
        const bytes = mqttPacket.generate({ ...p, qos: 1, messageId: 1 } as unknown as Packet);
        bytes[0] = (bytes[0] ?? 0) & ~0x06;
        return stream.write(bytes);
      }
      // publish-packet-id-0: a QoS 1 PUBLISH to a client carries packet identifier 0 [MQTT-2.3.1-1].
      // Only while another QoS 1 PUBLISH to it is unacknowledged: a lone one shows the ID others judge.
      if (zeroed && p.qos === 1 && p.messageId !== undefined) {
        const alone = zeroed.unacknowledged.size === 0;
        zeroed.unacknowledged.add(p.messageId);
        if (!alone) {
          zeroed.zeroed.push(p.messageId);
          return stream.write(mqttPacket.generate({ ...p, messageId: 0 } as unknown as Packet));
        }
      }
      // reuse-inflight-packet-id: every QoS 1 PUBLISH to a client carries the ID of the first [MQTT-2.3.1-4].
      if (has('reuse-inflight-packet-id') && p.qos === 1 && p.messageId !== undefined) {
        firstQos1Id ??= p.messageId;
        p.messageId = firstQos1Id;
      }
    }
    // refuse-but-serve-keepalive-0: CONNACK 0x05 to a CONNECT with keep-alive 0, which is then served
    // like an accepted one instead of closed [MQTT-3.2.2-5].
    if (p.cmd === 'connack' && keepAliveZero && has('refuse-but-serve-keepalive-0')) p.returnCode = 5;
    // serve-without-connack-keepalive-0: a CONNECT with keep-alive 0 is accepted and served, but its
    // CONNACK never goes out [MQTT-3.1.4-4].
    if (p.cmd === 'connack' && keepAliveZero && has('serve-without-connack-keepalive-0')) return true;
    return write(p as unknown as Packet, stream);
  };
}
