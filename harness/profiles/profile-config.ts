import { readFileSync } from 'node:fs';
import { UsageError } from '../errors.ts';
import type { DeclaredLimits, DuplicateIdPolicy, Profile, Provisioning } from './profile.ts';

/**
 * A vendor's own profile settings, as a JSON file (see harness/profiles/README.md):
 * ```json
 * { "profile": "aliyun",
 *   "provisioning": { "groupIds": ["GID_cert"], "parentTopics": ["cert"] },
 *   "duplicateId": "takeover",
 *   "deniedPublishTopic": "acl-test/denied",
 *   "limits": { "payloadBytes": 65536 },
 *   "auth": { "mode": "signature", "accessKeyId": "LTAI…", "instanceId": "mqtt-cn-…", "secretKeyEnv": "MQTT_SECRET_KEY" } }
 * ```
 * Secrets are never in the file: `secretKeyEnv` names the environment variable that holds the key, so a
 * config file can be committed and reports (which print the config) never contain a secret.
 */
export interface ProfileConfig {
  readonly profile?: string;
  readonly provisioning?: Partial<Provisioning>;
  readonly duplicateId?: DuplicateIdPolicy;
  readonly limits?: Partial<DeclaredLimits>;
  readonly auth?: ClientAuthConfig;
  /** [MQTT-3.3.5-2]: a topic name the run's login may not publish to (the broker's own authorization). */
  readonly deniedPublishTopic?: string;
}

/** PUB-4: how the harness's clients log in. */
export interface ClientAuthConfig {
  readonly mode: 'signature' | 'token';
  readonly accessKeyId: string;
  readonly instanceId: string;
  /** signature: the environment variable holding the AccessKey secret. */
  readonly secretKeyEnv?: string;
  /** token: the environment variable holding the token (sent as `R|<token>`). */
  readonly tokenEnv?: string;
  /** token: the environment variable holding the `W` (publish) token; absent → the `tokenEnv` token is sent for R and W. */
  readonly writeTokenEnv?: string;
}

const DUPLICATE_POLICIES: readonly DuplicateIdPolicy[] = ['refuse', 'takeover', 'record'];

export function readProfileConfig(file: string): ProfileConfig {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new UsageError(
      `cannot read the profile config ${file}: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  return validateProfileConfig(parsed, file);
}

export function validateProfileConfig(parsed: unknown, where: string): ProfileConfig {
  const fail = (what: string) => {
    throw new UsageError(`${where}: ${what} (see harness/profiles/README.md for the format)`);
  };
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
    return fail('the file must hold a JSON object');
  const config = parsed as Record<string, unknown>;
  const provisioning = config.provisioning as Record<string, unknown> | undefined;
  for (const key of ['groupIds', 'parentTopics']) {
    const list = provisioning?.[key];
    if (
      list !== undefined &&
      (!Array.isArray(list) || list.length === 0 || !list.every((v) => typeof v === 'string' && v))
    ) {
      fail(`provisioning.${key} must be a non-empty list of names`);
    }
  }
  if (
    config.duplicateId !== undefined &&
    !DUPLICATE_POLICIES.includes(config.duplicateId as DuplicateIdPolicy)
  ) {
    fail(`duplicateId must be one of ${DUPLICATE_POLICIES.join(', ')}`);
  }
  const denied = config.deniedPublishTopic;
  if (denied !== undefined) {
    const problem = topicNameProblem(denied);
    if (problem) fail(`deniedPublishTopic ${problem}`);
  }
  const auth = config.auth as Record<string, unknown> | undefined;
  if (auth !== undefined) {
    if (auth.mode !== 'signature' && auth.mode !== 'token') fail('auth.mode must be "signature" or "token"');
    if (typeof auth.accessKeyId !== 'string' || typeof auth.instanceId !== 'string') {
      fail('auth needs accessKeyId and instanceId');
    }
    for (const secret of ['secretKey', 'token', 'password']) {
      if (secret in auth)
        fail(`auth.${secret} must not be in a config file; name an environment variable (${secret}Env)`);
    }
  }
  return config as ProfileConfig;
}

/** The profile with a vendor's settings laid over it. */
export function applyProfileConfig(profile: Profile, config: ProfileConfig): Profile {
  const provisioning =
    profile.provisioning || config.provisioning
      ? {
          groupIds: config.provisioning?.groupIds ?? profile.provisioning?.groupIds ?? [],
          parentTopics: config.provisioning?.parentTopics ?? profile.provisioning?.parentTopics ?? [],
        }
      : undefined;
  return {
    ...profile,
    limits: { ...profile.limits, ...config.limits },
    duplicateId: config.duplicateId ?? profile.duplicateId,
    ...(provisioning ? { provisioning } : {}),
    ...(config.deniedPublishTopic === undefined ? {} : { deniedPublishTopic: config.deniedPublishTopic }),
  };
}

/** Why `value` cannot be a PUBLISH topic name [MQTT-4.7.3-1, -2; MQTT-3.3.2-2], or undefined. */
function topicNameProblem(value: unknown): string | undefined {
  if (typeof value !== 'string' || value === '') return 'must be a non-empty topic name';
  if (/[+#]/.test(value)) return `must be a topic name, not a filter ("${value}" has a wildcard)`;
  if (value.includes('\u0000')) return 'must not contain U+0000';
  if (Buffer.byteLength(value) > 65_535) return 'is longer than 65535 bytes';
  return undefined;
}
