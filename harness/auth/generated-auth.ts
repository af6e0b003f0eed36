import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PROFILE_ENV } from '../profiles/load-profile.ts';
import type { ProfileConfig } from '../profiles/profile-config.ts';

/** The environment variables a generated config names for its secrets. */
const SECRET_ENV = {
  secretKeyEnv: 'MQTT_HARNESS_GENERATED_SECRET',
  tokenEnv: 'MQTT_HARNESS_GENERATED_TOKEN',
} as const;

/** A throw-away auth profile config, switched on for this process until `remove()`. */
export interface GeneratedAuth {
  readonly file: string;
  readonly config: ProfileConfig;
  /** Deletes the file and restores the environment as it was. */
  remove(): void;
}

/**
 * A profile config with `auth` (PUB-4) and a fresh random secret, made the run's config as
 * `--profile-config` would (PROFILE_ENV.config), for checks that need authentication on without a
 * vendor's credentials: the mutation run and the authentication feature's own test. The secret lives
 * only in this process's environment, like a real one.
 */
export function generateAuthConfig(
  mode: 'signature' | 'token',
  env: NodeJS.ProcessEnv = process.env,
): GeneratedAuth {
  const key = mode === 'signature' ? 'secretKeyEnv' : 'tokenEnv';
  const variable = SECRET_ENV[key];
  const config: ProfileConfig = {
    profile: 'aliyun',
    auth: { mode, accessKeyId: 'LTAIgenerated', instanceId: 'mqtt-harness-generated', [key]: variable },
  };
  const dir = mkdtempSync(path.join(tmpdir(), 'mh-generated-auth-'));
  const file = path.join(dir, 'profile-config.json');
  writeFileSync(file, JSON.stringify(config));
  const saved = { config: env[PROFILE_ENV.config], secret: env[variable] };
  env[variable] = randomBytes(24).toString('base64');
  env[PROFILE_ENV.config] = file;
  return {
    file,
    config,
    remove() {
      restore(env, PROFILE_ENV.config, saved.config);
      restore(env, variable, saved.secret);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function restore(env: NodeJS.ProcessEnv, name: string, value: string | undefined): void {
  if (value === undefined) delete env[name];
  else env[name] = value;
}
