import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { ProfileConfig } from '../profiles/profile-config.ts';

/** The environment variables a generated config names for its secrets. */
const SECRET_ENV = {
  secretKeyEnv: 'MQTT_HARNESS_GENERATED_SECRET',
  tokenEnv: 'MQTT_HARNESS_GENERATED_TOKEN',
} as const;

/** A throw-away auth profile config and its secret, set in this process's environment until `remove()`. */
export interface GeneratedAuth {
  readonly file: string;
  readonly config: ProfileConfig;
  /** Deletes the file and restores the secret's environment variable as it was. */
  remove(): void;
}

/**
 * A profile config with `auth` (PUB-4) and a fresh random secret, for checks that need authentication
 * on without a vendor's credentials: the mutation run and the authentication feature's own test. The
 * caller names `file` as the run context's `profileConfig` (as `--profile-config` would). The secret
 * lives only in this process's environment, like a real one, never in the run context: the config
 * names the variable, and the login is computed where a client connects.
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
  const saved = env[variable];
  env[variable] = randomBytes(24).toString('base64');
  return {
    file,
    config,
    remove() {
      if (saved === undefined) delete env[variable];
      else env[variable] = saved;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
