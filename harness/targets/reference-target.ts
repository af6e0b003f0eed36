import { UsageError } from '../errors.ts';
import { registerMemoryMq, unregisterMemoryMq } from '../mq/memory-registry.ts';
import { FAULTS, isFault, type Fault } from '../reference/faults.ts';
import { startReferenceBroker } from '../reference/reference-broker.ts';
import { REFERENCE_DEFAULTS, type ReferenceBrokerOptions } from '../reference/reference-options.ts';
import { startedTarget, type BrokerTarget } from './broker-target.ts';
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

/**
 * `embedded` — the reference broker (aliyun rules, harness/reference) in this process on a free
 * loopback port, provisioned for the harness's own group `GID_harness` and parent topic `harness`,
 * and for the simulated solutions' groups and parent topics (harness/profiles/solution-provisioning.ts).
 */
export function referenceTarget(
  spec = 'embedded',
  overrides: Partial<ReferenceBrokerOptions> = {},
): BrokerTarget {
  const provisioned = defaultProvisioning();
  const options: ReferenceBrokerOptions = {
    ...REFERENCE_DEFAULTS,
    ...overrides,
    // A vendor's groups and parent topics (reference-settings.ts) come on top of the harness's own.
    groupIds: [...new Set([...provisioned.groupIds, ...(overrides.groupIds ?? [])])],
    parentTopics: [...new Set([...provisioned.parentTopics, ...(overrides.parentTopics ?? [])])],
  };
  return {
    spec,
    async start() {
      const broker = await startReferenceBroker(options);
      // The broker's own MQ, named in `endpoints` so the run's scenarios (same process) can reach it.
      const mqRef = registerMemoryMq(broker.mq);
      const started = startedTarget(
        spec,
        broker.url,
        {
          software: options.faults?.length
            ? `reference (aedes) with faults ${options.faults.join(', ')}`
            : 'reference (aedes)',
          p2p: 'native',
          profile: 'aliyun',
        },
        async () => {
          unregisterMemoryMq(mqRef);
          await broker.close();
        },
      );
      return { ...started, endpoints: { mq: mqRef } };
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
