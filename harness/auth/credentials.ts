import { createHmac } from 'node:crypto';
import { UsageError } from '../errors.ts';
import type { ClientAuthConfig } from '../profiles/profile-config.ts';

/** The CONNECT username and password of one client. The password is a secret: never log or report it. */
export interface ClientLogin {
  readonly username: string;
  readonly password: Buffer;
}

/**
 * What the harness's clients log in with (PUB-4, SEC-3), secrets resolved. Built from a profile config's
 * `auth` by `credentialsFromConfig`; held in memory only, never serialised.
 */
export interface ClientCredentials {
  readonly mode: 'signature' | 'token';
  readonly accessKeyId: string;
  readonly instanceId: string;
  /** signature: the AccessKey secret. */
  readonly secretKey?: string;
  /** token: the token sent as `R|<token>`. */
  readonly readToken?: string;
  /** token: the token sent as `W|<token>`; absent → the read token again (a token applied for R and W). */
  readonly writeToken?: string;
}

/** A token login's permissions: `R` subscribe, `W` publish (PUB-4). Signature logins carry both. */
export type TokenPermissions = 'R' | 'RW';

/**
 * PUB-4 — the one place the harness computes a login. Signature: username
 * `Signature|<AccessKeyId>|<InstanceId>`, password Base64(HMAC-SHA1(secret, clientId)). Token: username
 * `Token|<AccessKeyId>|<InstanceId>`, password `R|<token>` or `R|<token>|W|<token>`.
 * Written from the public docs, independently of the reference broker's check (the oracle stays
 * independent of the thing under test).
 */
export function clientLogin(
  credentials: ClientCredentials,
  clientId: string,
  permissions: TokenPermissions = 'RW',
): ClientLogin {
  const { mode, accessKeyId, instanceId } = credentials;
  if (mode === 'signature') {
    const secret = required(credentials.secretKey, 'the AccessKey secret (secretKeyEnv)');
    const signature = createHmac('sha1', secret).update(clientId, 'utf8').digest('base64');
    return { username: `Signature|${accessKeyId}|${instanceId}`, password: Buffer.from(signature) };
  }
  const read = required(credentials.readToken, 'the token (tokenEnv)');
  const write = credentials.writeToken ?? read;
  const password = permissions === 'R' ? `R|${read}` : `R|${read}|W|${write}`;
  return { username: `Token|${accessKeyId}|${instanceId}`, password: Buffer.from(password) };
}

/**
 * A profile config's `auth` with its secrets read from the environment variables it names (the file
 * itself never holds one). A variable that is not set is a usage error saying which one to set.
 */
export function credentialsFromConfig(
  auth: ClientAuthConfig,
  env: NodeJS.ProcessEnv = process.env,
): ClientCredentials {
  const read = (key: 'secretKeyEnv' | 'tokenEnv' | 'writeTokenEnv', needed: boolean) => {
    const name = auth[key];
    if (name === undefined) {
      if (needed)
        throw new UsageError(
          `auth.mode "${auth.mode}" needs auth.${key} in the profile config: the name of the environment variable that holds the ${key === 'secretKeyEnv' ? 'AccessKey secret' : 'token'}`,
        );
      return undefined;
    }
    const value = env[name];
    if (!value)
      throw new UsageError(
        `the profile config's auth.${key} names the environment variable ${name}, which is not set; export it before the run`,
      );
    return value;
  };
  const base = { mode: auth.mode, accessKeyId: auth.accessKeyId, instanceId: auth.instanceId } as const;
  if (auth.mode === 'signature') return { ...base, secretKey: read('secretKeyEnv', true) };
  const writeToken = read('writeTokenEnv', false);
  return { ...base, readToken: read('tokenEnv', true), ...(writeToken ? { writeToken } : {}) };
}

/** The secrets of a set of credentials, for checks that a report or transcript holds none of them. */
export function secretsOf(credentials: ClientCredentials): string[] {
  return [credentials.secretKey, credentials.readToken, credentials.writeToken].filter(
    (secret): secret is string => secret !== undefined,
  );
}

function required(value: string | undefined, what: string): string {
  if (value === undefined) throw new UsageError(`the run's credentials have no ${what}`);
  return value;
}
