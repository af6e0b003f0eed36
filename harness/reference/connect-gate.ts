import type { Aedes, Client } from 'aedes';
import mqttPacket, { type Packet } from 'mqtt-packet';
import { readConnect, type ConnectReading } from './connect-reader.ts';
import type { Fault } from './faults.ts';

/** CONNACK 0x01 (unacceptable protocol version), session present 0 [MQTT-3.1.2-2] [MQTT-3.2.2-4]. */
const CONNACK_UNACCEPTABLE_VERSION = Buffer.from([0x20, 0x02, 0x00, 0x01]);

/** MQTT 5's CONNACK reason code 0x81 (malformed packet): no MQTT 3.1.1 return code (fault only). */
const CONNACK_MALFORMED = Buffer.from([0x20, 0x02, 0x00, 0x81]);

interface Parser {
  parse(chunk: Buffer): unknown;
}

/**
 * The reference broker's CONNECT check (connect-reader.ts), in front of Aedes' parser on every new
 * connection: it holds the bytes until the first packet is complete, answers an unsupported protocol
 * level with CONNACK 0x01 and closes [MQTT-3.1.2-2] [MQTT-3.2.2-5], closes a CONNECT that breaks §3.1
 * or §1.5.3 without CONNACK [MQTT-3.1.4-1], and hands everything else to Aedes untouched. The faults
 * of the CONNECT statements switch single checks off, or bend the packet so Aedes accepts it.
 */
export function installConnectGate(broker: Aedes, faults: readonly Fault[]): void {
  const handle = broker.handle;
  broker.handle = (conn, req) => {
    const client = handle(conn, req);
    gate(broker, client, (fault) => faults.includes(fault));
    return client;
  };
}

function gate(broker: Aedes, client: Client, has: (fault: Fault) => boolean): void {
  const parser = (client as unknown as { _parser: Parser })._parser;
  const parse = parser.parse.bind(parser);
  const conn = client.conn as unknown as NodeJS.WritableStream & { destroy(): void };
  let pending = Buffer.alloc(0);
  parser.parse = (chunk: Buffer) => {
    pending = Buffer.concat([pending, chunk]);
    const reading = readConnect(pending);
    if (reading.kind === 'incomplete') return;
    const bytes = pending;
    pending = Buffer.alloc(0);
    // accept-packets-before-connect: what comes before a CONNECT is dropped, the connection kept [MQTT-3.1.0-1].
    if (reading.kind === 'not-connect' && has('accept-packets-before-connect')) return;
    parser.parse = parse;
    if (reading.kind === 'unsupported-level' && !has('close-on-unsupported-level')) {
      refuseLevel(broker, conn, bytes, reading.end, has, () => (parser.parse = () => undefined));
      return;
    }
    if (reading.kind === 'malformed' && !faultLets(reading, has)) {
      // connack-0x81-on-malformed: MQTT 5's "malformed packet" CONNACK, a code 3.1.1 lacks [MQTT-3.2.2-6].
      if (has('connack-0x81-on-malformed')) conn.write(CONNACK_MALFORMED, () => conn.destroy());
      else conn.destroy();
      return;
    }
    if (reading.kind === 'not-connect') return parse(bytes);
    return parse(bend(bytes, reading, has));
  };
}

/** CONNACK 0x01, then close; the faults answer it wrongly or keep going. */
function refuseLevel(
  broker: Aedes,
  conn: NodeJS.WritableStream & { destroy(): void },
  bytes: Buffer,
  end: number,
  has: (fault: Fault) => boolean,
  swallow: () => void,
): void {
  const connack = Buffer.from(CONNACK_UNACCEPTABLE_VERSION);
  if (has('session-present-on-refusal')) connack[2] = 0x01; // breaks [MQTT-3.2.2-4]
  // process-after-refused-connect: PUBLISHes written after the refused CONNECT are delivered [MQTT-3.1.4-5].
  if (has('process-after-refused-connect')) publishRest(broker, bytes.subarray(end));
  if (has('open-after-refusal')) {
    swallow(); // breaks [MQTT-3.2.2-5]: the connection stays open, deaf
    conn.write(connack);
    return;
  }
  conn.write(connack, () => conn.destroy());
}

/** Whether a fault lets this malformed CONNECT through to Aedes (which then accepts it). */
function faultLets(reading: ConnectReading & { kind: 'malformed' }, has: (fault: Fault) => boolean): boolean {
  const rules = reading.rule.split(' ');
  return (
    (rules.includes('MQTT-3.1.2-14') && has('accept-will-qos-3')) ||
    (rules.includes('MQTT-3.1.2-22') && has('accept-password-without-user-name')) ||
    (rules.includes('MQTT-3.1.2-11') && has('accept-will-fields-without-flag')) ||
    (rules.includes('MQTT-3.1.2-18') && has('accept-user-name-without-flag')) ||
    (rules.includes('MQTT-3.1.2-20') && has('accept-password-without-flag')) ||
    (rules.includes('MQTT-1.5.3-2') && has('accept-nul-in-connect-strings')) ||
    (rules.includes('MQTT-1.5.3-1') && has('accept-ill-formed-utf8')) ||
    (rules.includes('MQTT-3.1.3-4') && has('accept-ill-formed-client-id')) ||
    (rules.includes('MQTT-3.1.3-10') && has('accept-ill-formed-will-topic')) ||
    (rules.includes('MQTT-3.1.3-11') && has('accept-ill-formed-user-name'))
  );
}

/** The faults that rewrite a CONNECT mqtt-packet would refuse into one it accepts. */
function bend(bytes: Buffer, reading: ConnectReading, has: (fault: Fault) => boolean): Buffer {
  if (reading.kind === 'incomplete' || reading.kind === 'not-connect') return bytes;
  const out = Buffer.from(bytes);
  // accept-any-protocol-name: a 4-byte name other than MQTT is read as MQTT [MQTT-3.1.2-1].
  if (has('accept-any-protocol-name') && out.readUInt16BE(reading.nameAt) === 4)
    out.write('MQTT', reading.nameAt + 2, 'latin1');
  const at = reading.flagsAt;
  if (at === undefined || out[at] === undefined) return out;
  let flags = out[at] as number;
  const will = (flags & 0x04) !== 0;
  if (has('accept-reserved-connect-flag')) flags &= ~0x01; // [MQTT-3.1.2-3]
  if (has('accept-will-qos-without-will') && !will) flags &= ~0x18; // [MQTT-3.1.2-13]
  if (has('accept-will-retain-without-will') && !will) flags &= ~0x20; // [MQTT-3.1.2-15]
  const cut = reading.kind === 'pass' ? reading.cutAt : undefined;
  if (has('accept-will-flag-without-will') && cut === 'will') flags &= ~0x3c; // [MQTT-3.1.2-9]
  if (has('accept-user-name-flag-without-name') && cut === 'user name') flags &= ~0xc0; // [MQTT-3.1.2-19]
  if (has('accept-password-flag-without-password') && cut === 'password') flags &= ~0x40; // [MQTT-3.1.2-21]
  out[at] = flags;
  // accept-connect-without-client-id: a CONNECT whose payload ends before the client ID gets an empty
  // one appended, which Aedes accepts (cleanSession 1) with an ID of its own [MQTT-3.1.3-3].
  if (has('accept-connect-without-client-id') && cut === 'client ID' && (out[1] ?? 0x80) < 0x7e)
    return Buffer.concat([
      Buffer.from([0x10, (out[1] ?? 0) + 2]),
      out.subarray(2, reading.end),
      Buffer.alloc(2),
      out.subarray(reading.end),
    ]);
  return out;
}

function publishRest(broker: Aedes, rest: Buffer): void {
  const parser = mqttPacket.parser({ protocolVersion: 4 });
  parser.on('packet', (packet: Packet) => {
    if (packet.cmd !== 'publish') return;
    broker.publish({ ...packet, qos: 0, retain: false, dup: false }, () => undefined);
  });
  parser.on('error', () => undefined);
  parser.parse(rest);
}
