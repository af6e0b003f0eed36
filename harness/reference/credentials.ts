import { createHmac, timingSafeEqual } from 'node:crypto';
import type { ReferenceAuth } from './reference-options.ts';

/** What a login may do: `R` subscribe, `W` publish (PUB-4 token permissions; a signature allows both). */
export type Permissions = ReadonlySet<'R' | 'W'>;

const BOTH: Permissions = new Set(['R', 'W']);

/**
 * PUB-4 / SEC-3. Signature: username `Signature|<AccessKeyId>|<InstanceId>`, password
 * Base64(HMAC-SHA1(secret, clientId)). Token: username `Token|<AccessKeyId>|<InstanceId>`, password
 * `R|<token>` or `R|<token>|W|<token>`. Returns the permissions, or undefined when the login is bad.
 * Nothing here logs or returns a secret.
 */
export function verifyLogin(
  auth: ReferenceAuth,
  clientId: string,
  username: string | undefined,
  password: Buffer | undefined,
  faults: { readonly acceptAnySignature?: boolean } = {},
): Permissions | undefined {
  const [mode, accessKeyId, instanceId, ...extra] = (username ?? '').split('|');
  if (extra.length > 0 || instanceId !== auth.instanceId || accessKeyId === undefined) return undefined;
  const secret = auth.accessKeys[accessKeyId];
  if (secret === undefined || password === undefined) return undefined;
  if (mode === 'Signature') {
    if (faults.acceptAnySignature) return BOTH; // the `accept-any-signature` fault (mutation run only)
    const expected = Buffer.from(createHmac('sha1', secret).update(clientId).digest('base64'));
    return expected.length === password.length && timingSafeEqual(expected, password) ? BOTH : undefined;
  }
  if (mode === 'Token') return tokenPermissions(auth, password.toString('utf8'));
  return undefined;
}

function tokenPermissions(auth: ReferenceAuth, password: string): Permissions | undefined {
  const parts = password.split('|');
  if (parts.length !== 2 && parts.length !== 4) return undefined;
  const granted = new Set<'R' | 'W'>();
  for (let i = 0; i < parts.length; i += 2) {
    const kind = parts[i];
    const token = parts[i + 1];
    if ((kind !== 'R' && kind !== 'W') || token === undefined || !auth.tokens?.[token]?.includes(kind))
      return undefined;
    granted.add(kind);
  }
  return granted.has('R') ? granted : undefined;
}
