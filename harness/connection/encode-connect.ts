/** The fields of a well-formed MQTT 3.1.1 CONNECT, as a raw probe writes them. */
export interface ConnectFields {
  readonly clientId: string;
  readonly clean?: boolean;
  readonly keepalive?: number;
  readonly username?: string;
  readonly password?: Buffer;
}

/**
 * MQTT 3.1.1 CONNECT encoded by hand [MQTT-3.1]: mqtt-packet refuses some CONNECTs a conformance
 * probe must be able to send (an empty client ID with cleanSession=0 [MQTT-3.1.3-8], for one) and
 * reports that as an unhandled stream error. Strings are written as given (UTF-8, 16-bit length).
 */
export function encodeConnect(options: ConnectFields): Buffer {
  const string = (value: string | Buffer) => {
    const bytes = typeof value === 'string' ? Buffer.from(value, 'utf8') : value;
    const length = Buffer.alloc(2);
    length.writeUInt16BE(bytes.length & 0xffff);
    return Buffer.concat([length, bytes]);
  };
  const flags =
    ((options.clean ?? true) ? 0x02 : 0) |
    (options.username === undefined ? 0 : 0x80) |
    (options.password === undefined ? 0 : 0x40);
  const keepalive = Buffer.alloc(2);
  keepalive.writeUInt16BE(options.keepalive ?? 30);
  const body = Buffer.concat([
    string('MQTT'),
    Buffer.from([4, flags]),
    keepalive,
    string(options.clientId),
    ...(options.username === undefined ? [] : [string(options.username)]),
    ...(options.password === undefined ? [] : [string(options.password)]),
  ]);
  return Buffer.concat([Buffer.from([0x10]), remainingLength(body.length), body]);
}

/** The variable-length "remaining length" of the fixed header [MQTT-2.2.3]. */
export function remainingLength(length: number): Buffer {
  const bytes: number[] = [];
  let rest = length;
  do {
    let byte = rest % 128;
    rest = Math.floor(rest / 128);
    if (rest > 0) byte |= 0x80;
    bytes.push(byte);
  } while (rest > 0);
  return Buffer.from(bytes);
}
