import { UsageError } from '../errors.ts';
import { redactUrl } from '../net/redact-url.ts';
import type { ProfileConfig } from '../profiles/profile-config.ts';
import type { BrokerTarget } from './broker-target.ts';
import {
  containerPresets,
  DEFAULT_CONTAINER_PRESET,
  processBroker,
  processBrokers,
} from '../brokers/registry.ts';
import { containerTargetFor } from './container-target.ts';
import { composeTarget } from './compose-target.ts';
import { embeddedPlainTarget } from './embedded-target.ts';
import { FAULT_SPEC_PREFIX, faultyReferenceTarget, referenceTarget } from './reference-target.ts';
import { referenceMode, referenceSettings } from './reference-settings.ts';
import { processTarget } from './process/process-target.ts';
import { urlTarget } from './url-target.ts';
import { multiNodeTarget, splitNodeCount } from './multi-node.ts';

export const DEFAULT_TARGET = 'embedded';

/** The forms a target string may take, for help texts and the "unknown target" error. */
export function targetForms(): string[] {
  return [
    'embedded                 the reference broker in this process (default)',
    'embedded:plain           plain Aedes in this process',
    'embedded:fault:F[,F…]    the reference broker with faults (mutants) switched on',
    'mqtt://host:port         an existing broker (also mqtts://, ws://, wss://)',
    ...processBrokers().map(
      ({ name }) => `process:${name.padEnd(16)} the local ${name} binary, own config and port`,
    ),
    ...containerPresets().map(
      ({ name, preset }) =>
        `container:${name.padEnd(14)} ${preset.image}:${preset.tag} (Docker${name === DEFAULT_CONTAINER_PRESET ? ', the default' : ''}); add :tag for another tag`,
    ),
    'container:image=REF[,port=N][,ready=REGEX][,env.K=V]  any broker image (Docker)',
    'compose:SERVICE          a service of docker-compose.yml (Docker)',
    'TARGET*N                 N independent nodes of TARGET, e.g. process:mosquitto*3 (fleets, bench)',
  ];
}

/**
 * One string names a broker everywhere (`--broker`, `BROKER=`). A profile config (`--profile-config`)
 * configures the reference broker (`embedded`, `embedded:fault:…`) like the vendor's instance: its
 * provisioning, duplicate-ID policy and login; the run's profile (`--profile`) its mode (mqtt-3.1.1:
 * a plain MQTT 3.1.1 broker); other targets are what they are.
 */
export function parseTarget(
  spec: string | undefined,
  profileConfig?: ProfileConfig,
  profile?: string,
): BrokerTarget {
  const text = (spec ?? DEFAULT_TARGET).trim() || DEFAULT_TARGET;
  const multi = splitNodeCount(text);
  if (multi) {
    const node = () => parseTarget(multi.single, profileConfig, profile);
    // The spec is what reports show: the nodes keep the login, the name never carries it.
    return multiNodeTarget(
      `${redactUrl(multi.single)}*${multi.nodes}`,
      Array.from({ length: multi.nodes }, node),
    );
  }
  const reference = () => ({ ...referenceSettings(profileConfig), ...referenceMode(profile) });
  if (text === 'embedded') return referenceTarget(text, reference());
  if (text === 'embedded:plain') return embeddedPlainTarget(text);
  if (text.startsWith(FAULT_SPEC_PREFIX)) return faultyReferenceTarget(text, reference());
  if (/^(mqtts?|wss?):\/\//.test(text)) {
    assertUrl(text);
    return urlTarget(text);
  }
  if (text === 'container') return containerTargetFor(DEFAULT_CONTAINER_PRESET);
  if (text.startsWith('container:')) return containerTargetFor(text.slice('container:'.length));
  const [kind, name, ...rest] = text.split(':');
  if (kind === 'process' && name && rest.length === 0) {
    const broker = processBroker(name);
    if (broker) return processTarget(broker);
  }
  if (kind === 'compose' && name && rest.length === 0) return composeTarget(name);
  throw new UsageError(`unknown broker target "${text}"; valid forms:\n  ${targetForms().join('\n  ')}`);
}

function assertUrl(text: string) {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new UsageError(`"${text}" is not a valid URL; write it as mqtt://host:port`);
  }
  if (!url.hostname) throw new UsageError(`"${text}" has no host; write it as mqtt://host:port`);
}
