import fc from 'fast-check';
import { RawClient } from '../connection/raw-client.ts';
import { describeConnect, readConnect } from '../connection/connect-verdict.ts';
import { expectedClientId } from '../profiles/expected-outcome.ts';
import { harnessHome, measure, type Profile } from '../profiles/profile.ts';
import { CHARACTER_CLASSES, identifier, identifierCharacter } from './character-classes.ts';
import {
  PropertyMismatch,
  runProperty,
  type PropertyOptions,
  type PropertyResult,
} from './property-result.ts';
import { clientIdScheme } from '../profiles/client-id-scheme.ts';

/**
 * Client IDs concentrated near the declared length limit and over awkward character classes: the
 * broker must accept exactly those the profile's rules allow (CID-1, CID-2, CID-3, CID-5, PUB-3).
 * Each case is one real CONNECT over a socket; the oracle is the profile, never the reference broker.
 */
export function clientIdArbitrary(profile: Profile): fc.Arbitrary<string> {
  const home = harnessHome(profile);
  const { separator } = clientIdScheme(profile);
  const limit = profile.limits.clientIdLength?.max ?? 64;
  const group = fc.oneof(
    { arbitrary: fc.constant(home.groupId), weight: 8 },
    { arbitrary: fc.constant('GID_unprovisioned'), weight: 1 },
    { arbitrary: fc.constant(''), weight: 1 },
    {
      arbitrary: fc.constantFrom(...CHARACTER_CLASSES_RESERVED).map((c) => `${home.groupId}${c}`),
      weight: 1,
    },
  );
  const sep = fc.oneof(
    { arbitrary: fc.constant(separator), weight: 10 },
    { arbitrary: fc.constantFrom('@@', '', '@@@@', '@@@x@@@'), weight: 1 },
  );
  const char = identifierCharacter({ invisible: true, reserved: true });
  return fc
    .tuple(group, sep)
    .chain(([g, s]) => {
      const room = limit - measure(g + s, 'characters');
      const nearLimit = identifier(room - 2, room + 2, CHARACTER_CLASSES.ascii).chain((base) =>
        fc.tuple(fc.constant(base), char, fc.nat()).map(([b, c, at]) => replaceAt(b, at, c)),
      );
      const short = identifier(0, 12, char);
      return fc
        .oneof({ arbitrary: nearLimit, weight: 3 }, { arbitrary: short, weight: 2 })
        .map((device) => `${g}${s}${device}`);
    })
    .filter((id) => Buffer.byteLength(id) <= 65_535 && !id.includes('\u0000'));
}

/** Which rule a broker most likely misapplied when it refused an ID the profile allows. */
function ruleWronglyApplied(profile: Profile, clientId: string): string {
  const limit = profile.limits.clientIdLength;
  if (limit && measure(clientId, limit.unit) >= limit.max - 2) return 'CID-2';
  return /^[\x21-\x7e]*$/.test(clientId) ? 'CID-1' : 'CID-3';
}

const CHARACTER_CLASSES_RESERVED = ['/', ':', ',', '%'] as const;

/** Replaces the character at `at` (mod length) so the length near the limit is kept. */
function replaceAt(text: string, at: number, char: string): string {
  const chars = [...text];
  if (chars.length === 0) return char;
  chars[at % chars.length] = char;
  return chars.join('');
}

/** The rules the client ID property judges (certify names them when the property could not run). */
export const CLIENT_ID_PROPERTY_RULES = ['CID-1', 'CID-2', 'CID-3', 'CID-5', 'PUB-3'] as const;

export async function checkClientIdProperty(
  url: string,
  profile: Profile,
  options: PropertyOptions,
): Promise<PropertyResult> {
  return runProperty(
    'client IDs near the limit and over awkward characters are accepted exactly when the profile allows them',
    CLIENT_ID_PROPERTY_RULES,
    clientIdArbitrary(profile),
    async (clientId) => {
      const expected = expectedClientId(profile, clientId);
      const client = new RawClient(url);
      try {
        const outcome = await client.connect({ clientId });
        // The one reading shared with the CID scenarios: no answer, or a refused login on an ID
        // the profile allows, is an error (connect-verdict.ts), never a verdict on the ID.
        const accepted = readConnect(outcome, { url, clientId, mustAccept: expected.allowed }) === 'accepted';
        if (accepted !== expected.allowed) {
          throw new PropertyMismatch(
            expected.allowed ? ruleWronglyApplied(profile, clientId) : expected.rule,
            `client ID ${JSON.stringify(clientId)} (${measure(clientId, 'characters')} characters, ${measure(clientId, 'bytes')} bytes) was ` +
              `${accepted ? 'accepted' : `refused (${describeConnect(outcome)})`}; the profile ` +
              (expected.allowed ? 'allows it' : `refuses it by ${expected.rule}: ${expected.why}`),
          );
        }
        if (outcome.accepted) await client.disconnect();
      } finally {
        client.destroy();
      }
    },
    options,
  );
}
