import { UsageError } from '../errors.ts';
import { registerMemoryMq, unregisterMemoryMq } from '../mq/memory-registry.ts';
import { FAULTS, isFault, type Fault } from '../reference/faults.ts';
import { startReferenceBroker } from '../reference/reference-broker.ts';
import { REFERENCE_DEFAULTS, type ReferenceBrokerOptions } from '../reference/reference-options.ts';
import {
  HARNESS_DENIED_PUBLISH_TOPIC,
  startedTarget,
  WEBSOCKET_ENDPOINT,
  type BrokerTarget,
} from './broker-target.ts';
import { SOLUTION_PROVISIONING } from '../profiles/solution-provisioning.ts';

/** `embedded:fault:` — the reference broker with faults switched on, for mutation runs and demos. */
export const FAULT_SPEC_PREFIX = 'embedded:fault:';

/** The harness's own group and parent topic, and the simulated solutions' (their topic plans name them from there). */
function defaultProvisioning(): Pick<ReferenceBrokerOptions, 'groupIds' | 'parentTopics'> {
  return {
    groupIds: [...REFERENCE_DEFAULTS.groupIds, ...SOLUTION_PROVISIONING.groupIds],
    parentTopics: [...REFERENCE_DEFAULTS.parentTopics, ...SOLUTION_PROVISIONING.parentTopics],
  };
}

/** The reference broker's options: the defaults, the harness's and the solutions' provisioning, and `overrides`. */
export function referenceOptions(overrides: Partial<ReferenceBrokerOptions> = {}): ReferenceBrokerOptions {
  const provisioned = defaultProvisioning();
  return {
    ...REFERENCE_DEFAULTS,
    ...overrides,
    // A vendor's groups and parent topics (reference-settings.ts) come on top of the harness's own.
    groupIds: [...new Set([...provisioned.groupIds, ...(overrides.groupIds ?? [])])],
    parentTopics: [...new Set([...provisioned.parentTopics, ...(overrides.parentTopics ?? [])])],
  };
}

/**
 * `embedded` — the reference broker (aliyun rules, harness/reference) in this process on a free
 * loopback port, provisioned for the harness's own group `GID_harness` and parent topic `harness`,
 * and for the simulated solutions' groups and parent topics (harness/profiles/solution-provisioning.ts).
 * With `mode: 'standard'` (a run under the mqtt-3.1.1 profile, reference-settings.ts) it is a plain
 * MQTT 3.1.1 broker instead, and says so in its capabilities.
 */
export function referenceTarget(
  spec = 'embedded',
  overrides: Partial<ReferenceBrokerOptions> = {},
): BrokerTarget {
  const standard = overrides.mode === 'standard';
  // Standard mode denies a topic of its own unless told one (--profile-config's deniedPublishTopic).
  const options = referenceOptions(
    standard ? { denyPublish: [HARNESS_DENIED_PUBLISH_TOPIC], ...overrides } : overrides,
  );
  // Aliyun mode denies it too, by TOP-2: its parent topic is not provisioned.
  const deniedPublishTopic = standard
    ? options.denyPublish?.[0]
    : options.parentTopics.includes(HARNESS_DENIED_PUBLISH_TOPIC.split('/')[0] ?? '')
      ? undefined
      : HARNESS_DENIED_PUBLISH_TOPIC;
  return {
    spec,
    async start() {
      // MQTT over WebSocket too, on a free port: the chapter 6 scenarios' endpoint.
      const broker = await startReferenceBroker(options, { webSocketPort: 0 });
      // The broker's own MQ, named in `endpoints` so the run's scenarios (same process) can reach it.
      const mqRef = registerMemoryMq(broker.mq);
      const started = startedTarget(
        spec,
        broker.url,
        {
          software: `reference (aedes${standard ? ', standard mode' : ''})${options.faults?.length ? ` with faults ${options.faults.join(', ')}` : ''}`,
          // Standard mode has no native P2P: a P2P topic is a topic like any other.
          p2p: standard ? 'none' : 'native',
          profile: standard ? 'mqtt-3.1.1' : 'aliyun',
          ...(deniedPublishTopic === undefined ? {} : { deniedPublishTopic }),
        },
        async () => {
          unregisterMemoryMq(mqRef);
          await broker.close();
        },
      );
      const endpoints: Record<string, string> = { mq: mqRef };
      if (broker.webSocketUrl !== undefined) endpoints[WEBSOCKET_ENDPOINT] = broker.webSocketUrl;
      return { ...started, endpoints };
    },
  };
}

/** `embedded:fault:accept-long-client-id,takeover-duplicate-id` → the reference broker with those faults. */
export function faultyReferenceTarget(
  spec: string,
  overrides: Partial<ReferenceBrokerOptions> = {},
): BrokerTarget {
  const names = spec.slice(FAULT_SPEC_PREFIX.length).split(',').filter(Boolean);
  const unknown = names.filter((name) => !isFault(name));
  if (names.length === 0 || unknown.length > 0) {
    throw new UsageError(
      `unknown fault${unknown.length === 1 ? '' : 's'} "${unknown.join(',')}" in "${spec}"; faults: ${Object.keys(FAULTS).join(', ')}`,
    );
  }
  return referenceTarget(spec, { ...overrides, faults: names as Fault[] });
}
