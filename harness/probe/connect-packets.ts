import { remainingLength } from '../connection/encode-connect.ts';

/**
 * CONNECT packets written byte by byte with every field under the caller's control, including the
 * ones no client library lets through: another protocol name or level, the reserved flag, flags that
 * disagree with the fields present, strings that are not well-formed UTF-8 [MQTT-1.5.3-1] or contain
 * U+0000 [MQTT-1.5.3-2]. Strings are given as bytes (Buffer) when they must be ill-formed.
 */
export interface ConnectShape {
  readonly protocolName?: string;
  readonly level?: number;
  readonly clean?: boolean;
  readonly keepalive?: number;
  readonly clientId: string | Buffer;
  readonly will?: {
    readonly topic: string | Buffer;
    readonly message: string | Buffer;
    readonly qos?: number;
    readonly retain?: boolean;
  };
  readonly username?: string | Buffer;
  readonly password?: Buffer;
  /** Bits OR-ed into the flags byte after they are computed from the fields (the reserved bit, will QoS …). */
  readonly setFlags?: number;
  /** Bits cleared from the flags byte (a field present without its flag). */
  readonly clearFlags?: number;
  /** Fields left out although their flag is set. */
  readonly omit?: readonly ('clientId' | 'will' | 'username' | 'password')[];
}

/** The CONNECT flag bits [MQTT-3.1.2.3]. */
export const CONNECT_FLAG = {
  reserved: 0x01,
  cleanSession: 0x02,
  will: 0x04,
  willQos1: 0x08,
  willQos2: 0x10,
  willRetain: 0x20,
  password: 0x40,
  username: 0x80,
} as const;

export function encodeConnectShape(shape: ConnectShape): Buffer {
  const omitted = (field: 'clientId' | 'will' | 'username' | 'password') =>
    shape.omit?.includes(field) ?? false;
  const { will } = shape;
  let flags =
    ((shape.clean ?? true) ? CONNECT_FLAG.cleanSession : 0) |
    (will ? CONNECT_FLAG.will | ((will.qos ?? 0) << 3) | (will.retain ? CONNECT_FLAG.willRetain : 0) : 0) |
    (shape.username === undefined ? 0 : CONNECT_FLAG.username) |
    (shape.password === undefined ? 0 : CONNECT_FLAG.password);
  flags = (flags | (shape.setFlags ?? 0)) & ~(shape.clearFlags ?? 0) & 0xff;
  const keepalive = Buffer.alloc(2);
  keepalive.writeUInt16BE(shape.keepalive ?? 30);
  const body = Buffer.concat([
    lengthPrefixed(shape.protocolName ?? 'MQTT'),
    Buffer.from([shape.level ?? 4, flags]),
    keepalive,
    ...(omitted('clientId') ? [] : [lengthPrefixed(shape.clientId)]),
    ...(will && !omitted('will') ? [lengthPrefixed(will.topic), lengthPrefixed(will.message)] : []),
    ...(shape.username !== undefined && !omitted('username') ? [lengthPrefixed(shape.username)] : []),
    ...(shape.password !== undefined && !omitted('password') ? [lengthPrefixed(shape.password)] : []),
  ]);
  return packet(0x10, body);
}

/** A packet of `firstByte` (type and flags) with `body` as its variable header and payload. */
export function packet(firstByte: number, body: Buffer = Buffer.alloc(0)): Buffer {
  return Buffer.concat([Buffer.from([firstByte]), remainingLength(body.length), body]);
}

/** A QoS 0 or 1 PUBLISH, written by hand so it can follow a CONNECT in the same write. */
export function publishPacket(topic: string, payload: string, qos: 0 | 1, packetId = 1): Buffer {
  const id = Buffer.alloc(2);
  id.writeUInt16BE(packetId);
  const body = Buffer.concat([lengthPrefixed(topic), ...(qos === 1 ? [id] : []), Buffer.from(payload)]);
  return packet(0x30 | (qos << 1), body);
}

/** A 16-bit length prefix and the bytes (UTF-8 for a string, as given for a Buffer) [MQTT-1.5.3]. */
export function lengthPrefixed(value: string | Buffer): Buffer {
  const bytes = typeof value === 'string' ? Buffer.from(value, 'utf8') : value;
  const length = Buffer.alloc(2);
  length.writeUInt16BE(bytes.length);
  return Buffer.concat([length, bytes]);
}
