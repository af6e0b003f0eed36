import { UsageError } from '../errors.ts';
import { ALIYUN } from './aliyun.ts';
import { MQTT_3_1_1 } from './mqtt-3.1.1.ts';
import type { Profile } from './profile.ts';
import { applyProfileConfig, readProfileConfig, type ProfileConfig } from './profile-config.ts';

export const PROFILES: Readonly<Record<string, Profile>> = {
  [MQTT_3_1_1.name]: MQTT_3_1_1,
  [ALIYUN.name]: ALIYUN,
};

/** A profile by name; an unknown name is a one-line usage error. */
export function profileByName(name: string): Profile {
  const profile = PROFILES[name];
  if (!profile)
    throw new UsageError(`unknown profile "${name}"; use one of: ${Object.keys(PROFILES).join(', ')}`);
  return profile;
}

export interface LoadedProfile {
  readonly profile: Profile;
  /** The vendor's settings, when a config file was given (auth references, never secrets). */
  readonly config?: ProfileConfig;
}

/** A profile by name, with a vendor's config file laid over it when one is given. */
export function loadProfile(name: string, configFile?: string): LoadedProfile {
  const config = configFile ? readProfileConfig(configFile) : undefined;
  const profile = profileByName(name);
  if (config?.profile && config.profile !== profile.name) {
    throw new UsageError(`${configFile} is for profile "${config.profile}", not "${profile.name}"`);
  }
  return config ? { profile: applyProfileConfig(profile, config), config } : { profile };
}

/**
 * The profile of a cucumber run: the one the run context names (`--profile`, harness/run/run-context.ts),
 * else the one the broker implements natively (the reference broker: aliyun), else plain MQTT 3.1.1;
 * with the context's `--profile-config` laid over it.
 */
export function runProfile(
  nativeProfile: string | undefined,
  chosen: { readonly profile?: string; readonly profileConfig?: string } = {},
): LoadedProfile {
  const name = chosen.profile || nativeProfile || MQTT_3_1_1.name;
  const config = chosen.profileConfig;
  const key = `${name}|${config ?? ''}`;
  // Every scenario asks; the config file is read once per run.
  if (cached?.key !== key) cached = { key, loaded: loadProfile(name, config) };
  return cached.loaded;
}

let cached: { key: string; loaded: LoadedProfile } | undefined;
