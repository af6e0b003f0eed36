import { Readable } from 'node:stream';
import type { Aedes, Client } from 'aedes';
import type { Fault } from './faults.ts';

type Done = (error?: Error | null) => void;
interface PublishPacket {
  cmd?: string;
  topic: string;
  payload: Buffer | string;
  qos: number;
  retain: boolean;
  dup?: boolean;
  messageId?: number;
  brokerId?: string | null;
}
type Deliver = (packet: PublishPacket, done: () => void) => void;

interface AedesInternals {
  publish(packet: PublishPacket, client: Client | null, done: Done): void;
  persistence: {
    storeRetained(packet: PublishPacket): Promise<unknown>;
    createRetainedStreamCombi(patterns: string[]): Readable;
    incomingGetPacket(client: Client, packet: PublishPacket): Promise<unknown>;
    outgoingStream(client: Client): Readable;
  };
  preConnect: (client: Client, packet: ConnectPacket, done: (e: Error | null, ok: boolean) => void) => void;
}
interface ConnectPacket {
  clientId?: string;
  will?: { retain: boolean };
}
interface ClientInternals {
  deliverQoS: Deliver;
  deliver0: Deliver;
  _parser: NodeJS.EventEmitter & { parse(buf: Buffer): unknown };
}

/**
 * The reference broker's PUBLISH handling (issue 12): one correction of Aedes and the faults (mutants) of
 * the PUBLISH, retain, QoS flow, ordering and will checks, hooked onto Aedes from outside.
 *
 * Correction: Aedes copies the DUP flag of an incoming PUBLISH into every copy it sends to subscribers,
 * against [MQTT-3.3.1-3] (and [MQTT-3.3.1-2] for QoS 0 copies); the broker's own re-sends get DUP=1
 * from session-delivery.ts, so a message taken from a client is stored with DUP=0.
 */
export function installPublishFaults(broker: Aedes, faults: readonly Fault[]): void {
  const has = (fault: Fault) => faults.includes(fault);
  const internals = broker as unknown as AedesInternals;
  const { persistence } = internals;

  const publish = internals.publish.bind(broker);
  const reused = new Set<string>();
  internals.publish = (packet, client, done) => {
    if (!client) return publish(packet, client, done);
    if (!has('propagate-dup')) packet.dup = false;
    const empty = Buffer.byteLength(packet.payload) === 0;
    // retain-every-message: a message without RETAIN replaces the retained one [MQTT-3.3.1-12].
    if (has('retain-every-message') && !packet.retain && !empty)
      void persistence.storeRetained({ ...packet, retain: true });
    // swallow-empty-retained: the retained message is cleared but the empty message goes nowhere [MQTT-3.3.1-10].
    if (has('swallow-empty-retained') && packet.retain && empty) {
      void persistence.storeRetained(packet).then(() => done(), done);
      return;
    }
    // forget-qos1-packet-id: a QoS 1 packet ID seen before is acknowledged but dropped [MQTT-4.3.2-2].
    if (has('forget-qos1-packet-id') && packet.qos === 1) {
      const key = `${client.id}\u0000${packet.messageId}`;
      if (reused.has(key)) return done();
      reused.add(key);
    }
    publish(packet, client, done);
  };

  if (has('qos0-retained-ignored')) {
    // A non-empty retained QoS 0 message neither replaces nor clears the one before [MQTT-3.3.1-7].
    const store = persistence.storeRetained.bind(persistence);
    persistence.storeRetained = (packet) =>
      packet.qos === 0 && Buffer.byteLength(packet.payload) > 0 ? Promise.resolve() : store(packet);
  }
  if (has('retained-at-qos0') || has('no-retained-for-wildcards')) {
    const combi = persistence.createRetainedStreamCombi.bind(persistence);
    persistence.createRetainedStreamCombi = (patterns) => {
      // no-retained-for-wildcards: a wildcard subscription is sent no retained message [MQTT-3.3.1-6].
      const kept = has('no-retained-for-wildcards') ? patterns.filter((p) => !/[+#]/.test(p)) : patterns;
      if (kept.length === 0) return Readable.from([]);
      // retained-at-qos0: the retained message loses its QoS [MQTT-3.3.1-5].
      const stream = combi(kept) as AsyncIterable<PublishPacket>;
      return has('retained-at-qos0') ? mapStream(stream, (p) => ({ ...p, qos: 0 })) : Readable.from(stream);
    };
  }
  if (has('redeliver-qos2-repeat')) {
    // A QoS 2 PUBLISH repeated (DUP=1) before its PUBREL is taken as new and passed on again [MQTT-4.3.3-2].
    const get = persistence.incomingGetPacket.bind(persistence);
    persistence.incomingGetPacket = (client, packet) =>
      packet.cmd === 'publish' && packet.dup ? Promise.reject(new Error('fault')) : get(client, packet);
  }

  if (has('resend-without-dup') || has('resend-qos1-with-new-id') || has('resend-reversed')) {
    // What a resumed session is sent again (session-delivery.ts gives it DUP=1 and the original ID).
    const outgoing = persistence.outgoingStream.bind(persistence);
    persistence.outgoingStream = (client) =>
      Readable.from(
        (async function* () {
          const packets: PublishPacket[] = [];
          for await (const packet of outgoing(client) as AsyncIterable<PublishPacket>) {
            const resend = (packet.cmd ?? 'publish') === 'publish' && packet.messageId !== undefined;
            // resend-without-dup: a re-sent PUBLISH has DUP=0 [MQTT-3.3.1-1] (what Aedes does).
            if (resend && has('resend-without-dup')) packets.push({ ...packet, dup: false });
            // resend-qos1-with-new-id: a re-sent QoS 1 PUBLISH gets another packet ID [MQTT-4.4.0-1].
            else if (resend && packet.qos === 1 && has('resend-qos1-with-new-id'))
              packets.push({ ...packet, messageId: ((packet.messageId ?? 0) % 65_535) + 1 });
            else packets.push(packet);
          }
          // resend-reversed: the re-sends go out last first [MQTT-4.6.0-1].
          yield* has('resend-reversed') ? packets.reverse() : packets;
        })(),
      );
  }

  const preConnect = internals.preConnect.bind(broker);
  const wills = new Map<string, ConnectPacket['will']>();
  internals.preConnect = (client, packet, done) => {
    // will-kept-after-publish: a will stays with the client ID and is published again when a later
    // connection without a will ends [MQTT-3.1.2-12].
    if (has('will-kept-after-publish') && packet.clientId) {
      if (packet.will) wills.set(packet.clientId, packet.will);
      else if (wills.has(packet.clientId)) packet.will = wills.get(packet.clientId);
    }
    // will-never-retained / will-always-retained: the Will Retain flag is ignored [MQTT-3.1.2-17, -16].
    if (packet.will && has('will-never-retained')) packet.will.retain = false;
    if (packet.will && has('will-always-retained')) packet.will.retain = true;
    installClientFaults(client as unknown as ClientInternals, has);
    preConnect(client, packet, done);
  };
}

function installClientFaults(client: ClientInternals, has: (fault: Fault) => boolean): void {
  const parser = client._parser;
  // The packets of one read, rewritten before Aedes parses them (they arrive whole on a loopback socket).
  const rewrites: ((packets: Buffer[]) => Buffer[])[] = [];
  // accept-qos3-publish: a PUBLISH with QoS 3 is read as QoS 1 [MQTT-3.3.1-4].
  if (has('accept-qos3-publish'))
    rewrites.push(
      fixFirstByte(
        (b) => b >> 4 === 3 && (b & 6) === 6,
        (b) => b & ~4,
      ),
    );
  // accept-pubrel-flags: a PUBREL with flags other than 0010 is read as a valid one [MQTT-3.6.1-1].
  if (has('accept-pubrel-flags'))
    rewrites.push(
      fixFirstByte(
        (b) => b >> 4 === 6,
        () => 0x62,
      ),
    );
  // Several PUBLISH packets of one read handled last first: their acknowledgements and deliveries too.
  if (has('deliver-burst-reversed')) rewrites.push(reverse((b) => b >> 4 === 3));
  // unordered-mixed-burst: a read whose PUBLISH packets go to several topics is handled last first, as if
  // topics sharing a read were unordered; a read of one topic keeps its order [MQTT-4.6.0-5].
  if (has('unordered-mixed-burst'))
    rewrites.push((packets) => {
      const publishes = packets.filter((p) => (p[0] ?? 0) >> 4 === 3);
      return new Set(publishes.map(topicOf)).size > 1 ? reverse((b) => b >> 4 === 3)(packets) : packets;
    });
  // pubrecs-in-id-order: the PUBRECs of one read are handled in packet-ID order, so the PUBRELs follow the
  // PUBLISHes, not the PUBRECs [MQTT-4.6.0-4].
  if (has('pubrecs-in-id-order'))
    rewrites.push((packets) => {
      const recs = packets
        .filter((p) => (p[0] ?? 0) >> 4 === 5)
        .sort((a, b) => a.readUInt16BE(2) - b.readUInt16BE(2));
      return packets.map((p) => ((p[0] ?? 0) >> 4 === 5 ? (recs.shift() ?? p) : p));
    });
  if (rewrites.length > 0) {
    const parse = parser.parse.bind(parser);
    parser.parse = (buf: Buffer) => {
      const packets = splitPackets(buf);
      if (!packets) return parse(buf);
      return parse(Buffer.concat(rewrites.reduce((all, rewrite) => rewrite(all), packets)));
    };
  }
  // wrong-ack-id: PUBACK and PUBREC carry another packet ID than the PUBLISH [MQTT-2.3.1-6].
  if (has('wrong-ack-id'))
    parser.prependListener('packet', (p: PublishPacket) => {
      if (p.cmd === 'publish' && p.qos > 0 && p.messageId) p.messageId = (p.messageId % 65_535) + 1;
    });
  // wrong-pubrel-id: the PUBREL answering a PUBREC carries another packet ID [MQTT-4.3.3-1].
  if (has('wrong-pubrel-id'))
    parser.prependListener('packet', (p: PublishPacket) => {
      if (p.cmd === 'pubrec' && p.messageId) p.messageId = (p.messageId % 65_535) + 1;
    });

  const deliverQoS = client.deliverQoS;
  const deliver0 = client.deliver0;
  // Retained messages for a new subscription come with brokerId null (Aedes' subscribe handler).
  const retained = (p: PublishPacket) => p.brokerId === null;
  if (has('dup-on-qos0')) client.deliver0 = (p, done) => deliver0({ ...p, dup: true }, done); // [MQTT-3.3.1-2]
  if (has('propagate-dup')) client.deliver0 = (p, done) => deliver0({ ...p, dup: false }, done); // QoS 0 stays clean
  // qos1-sent-as-dup: every QoS 1 PUBLISH to a subscriber goes out with DUP=1 [MQTT-4.3.2-1].
  if (has('qos1-sent-as-dup'))
    client.deliverQoS = (p, done) => deliverQoS(p.qos === 1 ? { ...p, dup: true } : p, done);
  if (has('retained-without-flag'))
    // [MQTT-3.3.1-8]
    client.deliverQoS = (p, done) => deliverQoS(retained(p) ? { ...p, retain: false } : p, done);
  if (has('retain-flag-on-live')) {
    // [MQTT-3.3.1-9]
    client.deliverQoS = (p, done) => deliverQoS(retained(p) ? p : { ...p, retain: true }, done);
    client.deliver0 = (p, done) => deliver0(retained(p) ? p : { ...p, retain: true }, done);
  }
}

/** The packets of a read, or undefined when it does not end on a packet boundary (then left alone). */
function splitPackets(buf: Buffer): Buffer[] | undefined {
  const packets: Buffer[] = [];
  let at = 0;
  while (at < buf.length) {
    let length = 0;
    let i = at + 1;
    for (let shift = 0; i < buf.length; shift += 7) {
      const byte = buf[i++] ?? 0;
      length += (byte & 0x7f) << shift;
      if ((byte & 0x80) === 0) break;
    }
    if (i + length > buf.length) return undefined;
    packets.push(buf.subarray(at, i + length));
    at = i + length;
  }
  return packets;
}

function fixFirstByte(match: (b: number) => boolean, fix: (b: number) => number) {
  return (packets: Buffer[]) =>
    packets.map((p) =>
      match(p[0] ?? 0) ? Buffer.concat([Buffer.from([fix(p[0] ?? 0)]), p.subarray(1)]) : p,
    );
}

/** The topic name of a PUBLISH packet's bytes (after the fixed header's remaining length). */
function topicOf(packet: Buffer): string {
  let at = 1;
  while (at < 5 && ((packet[at] ?? 0) & 0x80) !== 0) at++;
  const length = packet.readUInt16BE(at + 1);
  return packet.subarray(at + 3, at + 3 + length).toString('utf8');
}

/** The packets `match` picks swap places last-first; the others keep theirs. */
function reverse(match: (b: number) => boolean) {
  return (packets: Buffer[]) => {
    const picked = packets.filter((p) => match(p[0] ?? 0)).reverse();
    return packets.map((p) => (match(p[0] ?? 0) ? (picked.shift() ?? p) : p));
  };
}

function mapStream(stream: AsyncIterable<PublishPacket>, map: (p: PublishPacket) => PublishPacket): Readable {
  return Readable.from(
    (async function* () {
      for await (const packet of stream) yield map(packet);
    })(),
  );
}
