import { randomBytes } from 'node:crypto';
import { UsageError } from '../errors.ts';
import type { ProfileConfig } from '../profiles/profile-config.ts';
import type { ReferenceAuth, ReferenceBrokerOptions } from '../reference/reference-options.ts';

/**
 * A vendor's profile config (`--profile-config`) as settings of the reference broker, so `embedded` can
 * stand in for the vendor's instance: its Group IDs and parent topics provisioned (added to the
 * harness's own), its duplicate-ID policy, and its login (PUB-4, SEC-3) with the secrets read from
 * the environment variables the config names, and its `deniedPublishTopic` denied (standard mode). The clients compute their logins elsewhere
 * (harness/auth); this only tells the broker what to accept.
 */
export function referenceSettings(
  config: ProfileConfig | undefined,
  env: NodeJS.ProcessEnv = process.env,
): Partial<ReferenceBrokerOptions> {
  if (!config) return {};
  const duplicateId = config.duplicateId === 'record' ? undefined : config.duplicateId;
  return {
    ...(config.provisioning?.groupIds ? { groupIds: config.provisioning.groupIds } : {}),
    ...(config.provisioning?.parentTopics ? { parentTopics: config.provisioning.parentTopics } : {}),
    ...(duplicateId ? { duplicateId } : {}),
    ...(config.auth ? { auth: referenceAuth(config.auth, env) } : {}),
    // Standard mode denies it, so `embedded` stands in for a broker whose ACL does [MQTT-3.3.5-2].
    ...(config.deniedPublishTopic ? { denyPublish: [config.deniedPublishTopic] } : {}),
  };
}

/**
 * The reference broker's mode for a run's profile: under `mqtt-3.1.1` it is a plain MQTT 3.1.1 broker
 * (harness/reference/standard-policy.ts), under `aliyun` — or when the run names no profile, since
 * `embedded`'s own profile is aliyun — it keeps the aliyun rules.
 */
export function referenceMode(profile: string | undefined): Partial<ReferenceBrokerOptions> {
  return profile === 'mqtt-3.1.1' ? { mode: 'standard' } : {};
}

function referenceAuth(auth: NonNullable<ProfileConfig['auth']>, env: NodeJS.ProcessEnv): ReferenceAuth {
  const secret = (key: 'secretKeyEnv' | 'tokenEnv' | 'writeTokenEnv') => {
    const name = auth[key];
    const value = name === undefined ? undefined : env[name];
    if (name !== undefined && !value)
      throw new UsageError(
        `the reference broker needs ${key === 'secretKeyEnv' ? 'the AccessKey secret' : 'the token'} from the environment variable ${name} (auth.${key}), which is not set`,
      );
    return value;
  };
  const secretKey = secret('secretKeyEnv');
  if (auth.mode === 'signature' && secretKey === undefined)
    throw new UsageError('auth.mode "signature" needs auth.secretKeyEnv in the profile config');
  const readToken = secret('tokenEnv');
  const writeToken = secret('writeTokenEnv');
  if (auth.mode === 'token' && readToken === undefined)
    throw new UsageError('auth.mode "token" needs auth.tokenEnv in the profile config');
  return {
    instanceId: auth.instanceId,
    // Token mode without a secret: the AccessKey exists, but nobody in this run can sign with it.
    accessKeys: { [auth.accessKeyId]: secretKey ?? randomBytes(24).toString('base64') },
    ...(readToken
      ? {
          tokens: writeToken
            ? { [readToken]: 'R' as const, [writeToken]: 'W' as const }
            : { [readToken]: 'RW' as const },
        }
      : {}),
  };
}
