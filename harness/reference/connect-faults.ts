import type { Aedes, Client } from 'aedes';
import type { Fault } from './faults.ts';

/** PINGRESP as mqtt-packet writes it: one chunk of two bytes. */
const PINGRESP = [0xd0, 0x00];
/** Packet types whose fixed-header flags must be 0 [MQTT-2.2.2-1] (PUBLISH, PUBREL, SUBSCRIBE, UNSUBSCRIBE differ). */
const FLAGS_ZERO = new Set([1, 2, 4, 5, 7, 9, 11, 12, 13, 14]);

/** Packet types MQTT 3.1.1 reserves. */
const RESERVED_TYPES = new Set([0, 15]);

/**
 * The faults of the statements about an accepted connection — second CONNECT, PINGREQ, reserved
 * header flags, keep-alive, DISCONNECT — hooked onto Aedes from outside (as protocol-faults.ts does),
 * so the correct broker's code is untouched. The CONNECT faults themselves live in connect-gate.ts.
 */
export function installConnectFaults(broker: Aedes, faults: readonly Fault[]): void {
  const has = (fault: Fault) => faults.includes(fault);
  const mine: readonly Fault[] = [
    'ignore-second-connect',
    'drop-every-other-pingresp',
    'ignore-reserved-header-flags',
    'lax-keepalive',
    'will-despite-disconnect',
    'refuse-one-character-client-id',
    'same-id-for-empty-client-ids',
    'refuse-online-client-id',
    'refuse-empty-client-id-with-0x03',
    'ignore-unexpected-packets',
    'accept-disconnect-flags',
  ];
  if (!mine.some(has)) return;
  const preConnect = broker.preConnect.bind(broker);
  broker.preConnect = (client, packet, done) => {
    const parser = (client as unknown as { _parser: NodeJS.EventEmitter & { parse(b: Buffer): unknown } })
      ._parser;
    // ignore-second-connect: a second CONNECT is answered like a PINGREQ, the connection kept [MQTT-3.1.0-2].
    if (has('ignore-second-connect'))
      parser.prependListener('packet', (p: { cmd: string }) => rename(p, 'connect', 'pingreq'));
    // will-despite-disconnect: DISCONNECT ends the connection as a network failure would: the will is published [MQTT-3.14.4-3].
    if (has('will-despite-disconnect'))
      parser.prependListener('packet', (p: { cmd: string }) => rename(p, 'disconnect', 'unknown'));
    // lax-keepalive: the keep-alive timer runs at twice the time the client asked for [MQTT-3.1.2-24].
    if (has('lax-keepalive') && packet.keepalive) packet.keepalive *= 2;
    // ignore-unexpected-packets: a packet only a server sends is answered like a PINGREQ, and a reserved
    // packet type (0, 15) is dropped; the connection stays open [MQTT-4.8.0-1].
    if (has('ignore-unexpected-packets')) {
      for (const cmd of ['connack', 'suback', 'unsuback', 'pingresp'])
        parser.prependListener('packet', (p: { cmd: string }) => rename(p, cmd, 'pingreq'));
      const parse = parser.parse.bind(parser);
      parser.parse = (chunk: Buffer) => (RESERVED_TYPES.has((chunk[0] ?? 0) >> 4) ? 0 : parse(chunk));
    }
    if (has('drop-every-other-pingresp')) dropPingresp(client); // [MQTT-3.12.4-1]
    // ignore-reserved-header-flags: a control packet with wrong fixed-header flags is read as if they were 0 [MQTT-2.2.2-2].
    if (has('ignore-reserved-header-flags')) {
      const parse = parser.parse.bind(parser);
      parser.parse = (chunk: Buffer) => parse(clearHeaderFlags(chunk));
    }
    // accept-disconnect-flags: a DISCONNECT with reserved flags set is read as a DISCONNECT, so the
    // will is discarded instead of published as for a connection closed on an error [MQTT-3.14.1-1].
    if (has('accept-disconnect-flags')) {
      const parse = parser.parse.bind(parser);
      parser.parse = (chunk: Buffer) =>
        parse((chunk[0] ?? 0) >> 4 === 14 ? Buffer.from([0xe0, ...chunk.subarray(1)]) : chunk);
    }
    // refuse-one-character-client-id: a 1-character client ID is refused (closed) [MQTT-3.1.3-5].
    if (has('refuse-one-character-client-id') && packet.clientId.length === 1)
      return done(new Error('fault: one-character client ID'), false);
    // same-id-for-empty-client-ids: every empty client ID becomes the same one, so they take each other over [MQTT-3.1.3-6].
    if (has('same-id-for-empty-client-ids') && packet.clientId === '' && packet.clean)
      packet.clientId = 'reference-empty-client-id';
    // refuse-online-client-id: a CONNECT with the ID of a connected client is refused, the first kept [MQTT-3.1.4-2].
    if (has('refuse-online-client-id') && Object.hasOwn(onlineClients(broker), packet.clientId))
      return done(new Error('fault: client ID online'), false);
    // refuse-empty-client-id-with-0x03: an empty client ID is refused, but with CONNACK 0x03, not 0x02 [MQTT-3.1.3-9].
    if (has('refuse-empty-client-id-with-0x03') && packet.clientId === '') {
      const conn = client.conn as unknown as NodeJS.WritableStream;
      conn.write(Buffer.from([0x20, 0x02, 0x00, 0x03]), () =>
        done(new Error('fault: empty client ID'), false),
      );
      return;
    }
    preConnect(client, packet, done);
  };
}

function onlineClients(broker: Aedes): Record<string, unknown> {
  return (broker as unknown as { clients: Record<string, unknown> }).clients;
}

function rename(packet: { cmd: string }, from: string, to: string): void {
  if (packet.cmd === from) packet.cmd = to;
}

function clearHeaderFlags(chunk: Buffer): Buffer {
  const first = chunk[0];
  if (first === undefined || !FLAGS_ZERO.has(first >> 4) || (first & 0x0f) === 0) return chunk;
  const out = Buffer.from(chunk);
  out[0] = first & 0xf0;
  return out;
}

function dropPingresp(client: Client): void {
  const conn = client.conn as unknown as { write: (chunk: unknown, ...rest: unknown[]) => boolean };
  const write = conn.write.bind(conn);
  let pingresps = 0;
  conn.write = (chunk: unknown, ...rest: unknown[]) => {
    const isPingresp =
      Buffer.isBuffer(chunk) && chunk.length === 2 && chunk[0] === PINGRESP[0] && chunk[1] === PINGRESP[1];
    // Every second one is dropped: the first PINGREQ of a connection (the harness's health check) is answered.
    if (!isPingresp || ++pingresps % 2 === 1) return write(chunk, ...rest);
    const callback = rest.find((arg) => typeof arg === 'function') as (() => void) | undefined;
    callback?.();
    return true;
  };
}
