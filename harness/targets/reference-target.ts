import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { UsageError } from '../errors.ts';
import { registerMemoryMq, unregisterMemoryMq } from '../mq/memory-registry.ts';
import { FAULTS, isFault, type Fault } from '../reference/faults.ts';
import { startReferenceBroker } from '../reference/reference-broker.ts';
import { REFERENCE_DEFAULTS, type ReferenceBrokerOptions } from '../reference/reference-options.ts';
import { startedTarget, type BrokerTarget } from './broker-target.ts';

/** `embedded:fault:` — the reference broker with faults switched on, for mutation runs and demos. */
export const FAULT_SPEC_PREFIX = 'embedded:fault:';

/**
 * Provisioning files read as data (never imported: harness does not depend on simulators): the
 * simulated solutions' Group IDs and parent topics, which their topic plans keep in step.
 */
const EXTRA_PROVISIONING = [new URL('../../simulators/provisioning.json', import.meta.url)];

function defaultProvisioning(): Pick<ReferenceBrokerOptions, 'groupIds' | 'parentTopics'> {
  const groupIds = [...REFERENCE_DEFAULTS.groupIds];
  const parentTopics = [...REFERENCE_DEFAULTS.parentTopics];
  for (const url of EXTRA_PROVISIONING) {
    const file = fileURLToPath(url);
    if (!existsSync(file)) continue;
    const extra = JSON.parse(readFileSync(file, 'utf8')) as { groupIds?: string[]; parentTopics?: string[] };
    groupIds.push(...(extra.groupIds ?? []));
    parentTopics.push(...(extra.parentTopics ?? []));
  }
  return { groupIds, parentTopics };
}

/**
 * `embedded` — the reference broker (aliyun rules, harness/reference) in this process on a free
 * loopback port, provisioned for the harness's own group `GID_harness` and parent topic `harness`,
 * and for the simulated solutions' groups and parent topics (simulators/provisioning.json).
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
