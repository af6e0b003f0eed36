import { measure, type Profile } from './profile.ts';

/** What the profile's declared rules say about one client ID or topic: allowed, or which rule refuses it. */
export type Expected =
  { readonly allowed: true } | { readonly allowed: false; readonly rule: string; readonly why: string };

const ALLOWED: Expected = { allowed: true };
const refused = (rule: string, why: string): Expected => ({ allowed: false, rule, why });

/**
 * CID-3: "invisible" as a user would read it — control characters, format characters (zero-width,
 * bidi marks, soft hyphen), anything Unicode calls whitespace or default-ignorable.
 */
const INVISIBLE = /[\p{Cc}\p{Cf}\p{White_Space}\p{Default_Ignorable_Code_Point}]/u;

export function firstInvisible(text: string): string | undefined {
  return INVISIBLE.exec(text)?.[0];
}

export function codePointName(char: string): string {
  return `U+${(char.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;
}

/** The oracle for a CONNECT: would the profile's rules accept this client ID? */
export function expectedClientId(profile: Profile, clientId: string): Expected {
  const shape = profile.clientId;
  const limit = profile.limits.clientIdLength;
  if (shape) {
    const at = clientId.indexOf(shape.separator);
    // Exactly one separator, overlaps counted ("a@@@@b" holds two), both parts non-empty [CID-1].
    if (at < 0 || clientId.indexOf(shape.separator, at + 1) >= 0)
      return refused('CID-1', `needs exactly one "${shape.separator}"`);
    if (at === 0 || at + shape.separator.length === clientId.length)
      return refused('CID-1', 'empty Group ID or Device ID');
  }
  if (limit && shape && measure(clientId, limit.unit) > limit.max) {
    return refused('CID-2', `${measure(clientId, limit.unit)} ${limit.unit}, over ${limit.max}`);
  }
  const invisible = shape?.forbidInvisible ? firstInvisible(clientId) : undefined;
  if (invisible) return refused('CID-3', `contains the invisible ${codePointName(invisible)}`);
  const reserved = shape?.reservedCharacters.find((char) => clientId.includes(char));
  if (reserved) return refused('PUB-3', `contains the reserved "${reserved}"`);
  const groups = profile.provisioning?.groupIds;
  if (shape && groups && !groups.includes(clientId.slice(0, clientId.indexOf(shape.separator)))) {
    return refused('CID-5', 'its Group ID is not provisioned');
  }
  return ALLOWED;
}

/** The oracle for a PUBLISH topic or a SUBSCRIBE filter: within TOP-2, TOP-3 and PUB-3? */
export function expectedTopic(profile: Profile, topic: string): Expected {
  const limit = profile.limits.topicLength;
  if (limit && measure(topic, limit.unit) > limit.max) {
    return refused('TOP-3', `${measure(topic, limit.unit)} ${limit.unit}, over ${limit.max}`);
  }
  const reserved = profile.clientId?.reservedCharacters.find((char) => char !== '/' && topic.includes(char));
  if (reserved) return refused('PUB-3', `contains the reserved "${reserved}"`);
  const parents = profile.provisioning?.parentTopics;
  const parent = topic.split('/')[0] ?? '';
  if (parents && !parents.includes(parent))
    return refused('TOP-2', `parent topic "${parent}" is not provisioned`);
  return ALLOWED;
}
