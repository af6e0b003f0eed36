/**
 * Reads the first packet of a connection as the reference broker's CONNECT check sees it: the checks
 * of §3.1 and §1.5.3 that mqtt-packet (Aedes' parser) leaves out. mqtt-packet already refuses a wrong
 * protocol name, the reserved flag, Will QoS / Retain without the Will flag and fields cut short; it
 * does not check the protocol level it does not know (it closes without the CONNACK 0x01 that
 * [MQTT-3.1.2-2] asks for), Will QoS 3, a password without a user name, bytes left after the last
 * field, or the UTF-8 of the strings.
 */
export type ConnectReading =
  /** The packet is not complete yet: wait for more bytes. */
  | { readonly kind: 'incomplete' }
  /** Not a CONNECT: hand it to Aedes as it is. */
  | { readonly kind: 'not-connect' }
  /** A CONNECT this check has nothing against (mqtt-packet may still refuse it, e.g. cut short). */
  | ({ readonly kind: 'pass'; readonly cutAt?: CutField } & Layout)
  /** An MQTT CONNECT with a protocol level the broker does not support [MQTT-3.1.2-2]. */
  | ({ readonly kind: 'unsupported-level'; readonly level: number } & Layout)
  /** A CONNECT to close without CONNACK; `rule` is the statement it breaks. */
  | ({ readonly kind: 'malformed'; readonly rule: string; readonly why: string } & Layout);

/** The field a CONNECT ends before although its flag announces it. */
export type CutField = 'client ID' | 'will' | 'user name' | 'password';

/** Where the parts of the CONNECT are in the bytes read (offsets from the start of the connection). */
export interface Layout {
  /** The protocol name's length prefix. */
  readonly nameAt: number;
  /** The CONNECT flags byte, when the packet reaches it. */
  readonly flagsAt?: number;
  /** Just after the CONNECT: where the next packet starts. */
  readonly end: number;
}

const CONNECT = 0x10;
const SUPPORTED_LEVELS = new Set([3, 4, 5]); // 3 and 5 are Aedes' own to answer (accept / CONNACK 0x01)
const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** `bytes` from the start of a connection (possibly more than the first packet). */
export function readConnect(bytes: Buffer): ConnectReading {
  if (bytes.length === 0) return { kind: 'incomplete' };
  if (bytes[0] !== CONNECT) return { kind: 'not-connect' };
  const header = remainingLength(bytes);
  if (header === 'incomplete') return { kind: 'incomplete' };
  const nameAt = header === 'malformed' ? 1 : header.start;
  if (header === 'malformed') return { kind: 'pass', nameAt, end: bytes.length }; // mqtt-packet closes it
  const end = header.start + header.length;
  if (bytes.length < end) return { kind: 'incomplete' };
  return readBody(new Reader(bytes.subarray(header.start, end)), { nameAt, end });
}

function readBody(reader: Reader, at: Layout): ConnectReading {
  const name = reader.bytes();
  const level = reader.byte();
  if (name?.toString('latin1') !== 'MQTT' || level === undefined) return { kind: 'pass', ...at };
  if (!SUPPORTED_LEVELS.has(level & 0x7f)) return { kind: 'unsupported-level', level, ...at };
  const layout = { ...at, flagsAt: at.nameAt + reader.position };
  const flags = reader.byte();
  if (flags === undefined || reader.skip(2) === undefined) return { kind: 'pass', ...layout };
  const bad = (rule: string, why: string): ConnectReading => ({ kind: 'malformed', rule, why, ...layout });
  const will = (flags & 0x04) !== 0;
  if (will && (flags & 0x18) === 0x18) return bad('MQTT-3.1.2-14', 'Will QoS 3');
  if ((flags & 0x40) !== 0 && (flags & 0x80) === 0)
    return bad('MQTT-3.1.2-22', 'a password flag without the user name flag');
  // Each string with the statement that makes it a UTF-8 string [MQTT-3.1.3-4] [MQTT-3.1.3-10] [MQTT-3.1.3-11].
  const strings: [string, string, Buffer | undefined][] = [['client ID', 'MQTT-3.1.3-4', reader.bytes()]];
  let cutAt: CutField | undefined = reader.failed ? 'client ID' : undefined;
  if (will) {
    strings.push(['will topic', 'MQTT-3.1.3-10', reader.bytes()]);
    reader.bytes(); // the will message is binary
    if (reader.failed) cutAt ??= 'will';
  }
  if ((flags & 0x80) !== 0) strings.push(['user name', 'MQTT-3.1.3-11', reader.bytes()]);
  if (reader.failed) cutAt ??= 'user name';
  if ((flags & 0x40) !== 0) reader.bytes(); // the password is binary
  if (reader.failed) cutAt ??= 'password';
  // Cut short: mqtt-packet closes it without CONNACK [MQTT-3.1.4-1].
  if (cutAt) return { kind: 'pass', cutAt, ...layout };
  for (const [field, fieldRule, value] of strings) {
    const problem = value && stringProblem(value);
    if (problem?.rule === 'MQTT-1.5.3-1')
      return bad(`${problem.rule} ${fieldRule}`, `${problem.why} in the ${field}`);
    if (problem) return bad(problem.rule, `${problem.why} in the ${field}`);
  }
  if (reader.left > 0)
    return bad(
      'MQTT-3.1.2-11 MQTT-3.1.2-18 MQTT-3.1.2-20',
      `${reader.left} bytes after the last field the flags announce (a field without its flag)`,
    );
  return { kind: 'pass', ...layout };
}

function stringProblem(value: Buffer): { rule: string; why: string } | undefined {
  let text: string;
  try {
    text = strictUtf8.decode(value);
  } catch {
    return { rule: 'MQTT-1.5.3-1', why: 'ill-formed UTF-8' };
  }
  return text.includes('\u0000') ? { rule: 'MQTT-1.5.3-2', why: 'U+0000' } : undefined;
}

/** The fixed header's remaining length [MQTT-2.2.3]: where the body starts and how long it is. */
function remainingLength(bytes: Buffer): { start: number; length: number } | 'incomplete' | 'malformed' {
  let length = 0;
  for (let i = 1; i <= 4; i++) {
    const byte = bytes[i];
    if (byte === undefined) return 'incomplete';
    length += (byte & 0x7f) * 128 ** (i - 1);
    if ((byte & 0x80) === 0) return { start: i + 1, length };
  }
  return 'malformed';
}

class Reader {
  #pos = 0;
  failed = false;

  constructor(readonly body: Buffer) {}

  get position(): number {
    return this.#pos;
  }

  get left(): number {
    return this.body.length - this.#pos;
  }

  byte(): number | undefined {
    const value = this.body[this.#pos];
    if (value === undefined) this.failed = true;
    else this.#pos += 1;
    return value;
  }

  skip(n: number): number | undefined {
    if (this.left < n) return undefined;
    this.#pos += n;
    return n;
  }

  /** A 16-bit length-prefixed field; undefined when it runs past the body. */
  bytes(): Buffer | undefined {
    if (this.left < 2) {
      this.failed = true;
      return undefined;
    }
    const length = this.body.readUInt16BE(this.#pos);
    if (this.left < 2 + length) {
      this.failed = true;
      return undefined;
    }
    const value = this.body.subarray(this.#pos + 2, this.#pos + 2 + length);
    this.#pos += 2 + length;
    return value;
  }
}
