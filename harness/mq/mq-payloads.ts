import { randomBytes } from 'node:crypto';

/**
 * Payloads the MQ scenarios send (MQM-2): written in the Gherkin, made here. Binary ones hold bytes
 * that are not valid UTF-8, so a broker that re-encodes the payload as text changes them.
 */
export type PayloadSpec =
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'binary' }
  | { readonly kind: 'empty' }
  | { readonly kind: 'largest' }
  | { readonly kind: 'hex'; readonly hex: string };

/** Matches the Gherkin forms: `the text "hi"`, `binary bytes`, `an empty payload`, `the largest allowed payload`, `the bytes FF 00`. */
export const PAYLOAD_PATTERN =
  /the text "[^"]*"|binary bytes|an empty payload|the largest allowed payload|the bytes (?:[0-9A-F]{2} ?)+/;

export function parsePayloadSpec(text: string): PayloadSpec {
  const quoted = /^the text "([^"]*)"$/.exec(text);
  if (quoted) return { kind: 'text', text: quoted[1] ?? '' };
  if (text === 'binary bytes') return { kind: 'binary' };
  if (text === 'an empty payload') return { kind: 'empty' };
  if (text === 'the largest allowed payload') return { kind: 'largest' };
  if (text.startsWith('the bytes '))
    return { kind: 'hex', hex: text.slice('the bytes '.length).replaceAll(' ', '') };
  throw new Error(`unknown payload "${text}" (scenario defect)`);
}

/** Every byte value once, then invalid UTF-8 sequences (lone continuation, overlong, surrogate). */
const BINARY = Buffer.concat([
  Buffer.from(Array.from({ length: 256 }, (_, i) => i)),
  Buffer.from([0x80, 0xc0, 0xaf, 0xed, 0xa0, 0x80, 0xff, 0xfe, 0x00]),
]);

/** The bytes of a payload; `largest` is the profile's PUB-1 limit in random bytes (a fresh draw each time). */
export function makePayload(spec: PayloadSpec, largestBytes: number): Buffer {
  switch (spec.kind) {
    case 'text':
      return Buffer.from(spec.text, 'utf8');
    case 'binary':
      return Buffer.from(BINARY);
    case 'empty':
      return Buffer.alloc(0);
    case 'largest':
      return randomBytes(largestBytes);
    case 'hex':
      return Buffer.from(spec.hex, 'hex');
  }
}
