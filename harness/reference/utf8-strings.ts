import type { Client } from 'aedes';

interface StringParser {
  packet: { cmd?: string };
  _pos: number;
  _list: { slice(start: number, end: number): Buffer };
  _parseString(maybeBuffer?: boolean): string | Buffer | null;
}

const strict = new TextDecoder('utf-8', { fatal: true });

/**
 * Correction: mqtt-packet decodes every string with Buffer#toString, so ill-formed UTF-8 (a lone
 * continuation byte, an overlong form, an encoded surrogate U+D800-U+DFFF) silently becomes U+FFFD and
 * Aedes delivers or grants the result, against [MQTT-1.5.3-1] (the receiver closes the connection).
 * Installed after CONNECT, so it checks the strings of later packets: topic names and topic filters.
 * A string that is not well-formed reads as unparseable, and the parser's error closes the connection.
 */
export function refuseIllFormedUtf8(
  client: Client,
  /** The packets (mqtt-packet's `cmd`) whose strings are let through unchecked, for a fault. */
  unchecked: ReadonlySet<string> = new Set(),
): void {
  const parser = (client as unknown as { _parser: StringParser })._parser;
  const parseString = parser._parseString.bind(parser);
  parser._parseString = (maybeBuffer?: boolean) => {
    const start = parser._pos + 2; // after the 16-bit length
    const result = parseString(maybeBuffer);
    if (typeof result !== 'string' || unchecked.has(parser.packet.cmd ?? '')) return result;
    try {
      strict.decode(parser._list.slice(start, parser._pos));
      return result;
    } catch {
      return null;
    }
  };
}
