import { PROFILE_ENV } from '../profiles/load-profile.ts';
import { readProfileConfig } from '../profiles/profile-config.ts';
import type { BrokerCapabilities, StartedBrokerTarget } from './broker-target.ts';
import { parseTarget } from './parse-target.ts';

/**
 * The one broker of a cucumber run. The CLI starts it before cucumber and hands it over through the
 * environment (so that a target that cannot start is an error line, not a red scenario); a bare
 * `cucumber-js` run starts it from `BROKER` itself and owns it.
 */
export const RUN_TARGET_ENV = {
  url: 'MQTT_HARNESS_URL',
  spec: 'MQTT_HARNESS_TARGET',
  capabilities: 'MQTT_HARNESS_CAPABILITIES',
  endpoints: 'MQTT_HARNESS_ENDPOINTS',
} as const;

export interface RunTarget {
  readonly spec: string;
  readonly url: string;
  readonly capabilities: BrokerCapabilities;
  /** The target's other endpoints (`mq`, `amqp` …), see StartedBrokerTarget. */
  readonly endpoints?: Readonly<Record<string, string>>;
  /** Set when this process started the broker and must stop it. */
  readonly owned?: StartedBrokerTarget;
}

export function handOverTarget(started: StartedBrokerTarget): void {
  process.env[RUN_TARGET_ENV.url] = started.url;
  process.env[RUN_TARGET_ENV.spec] = started.spec;
  process.env[RUN_TARGET_ENV.capabilities] = JSON.stringify(started.capabilities);
  process.env[RUN_TARGET_ENV.endpoints] = JSON.stringify(started.endpoints ?? {});
}

export async function acquireRunTarget(): Promise<RunTarget> {
  const url = process.env[RUN_TARGET_ENV.url];
  if (url) {
    return {
      url,
      spec: process.env[RUN_TARGET_ENV.spec] ?? url,
      capabilities: JSON.parse(
        process.env[RUN_TARGET_ENV.capabilities] ?? '{"software":"unknown","p2p":"none"}',
      ),
      endpoints: JSON.parse(process.env[RUN_TARGET_ENV.endpoints] ?? '{}'),
    };
  }
  const configFile = process.env[PROFILE_ENV.config];
  const started = await parseTarget(
    process.env.BROKER,
    configFile ? readProfileConfig(configFile) : undefined,
  ).start();
  return {
    spec: started.spec,
    url: started.url,
    capabilities: started.capabilities,
    ...(started.endpoints ? { endpoints: started.endpoints } : {}),
    owned: started,
  };
}
