import { clientIdScheme } from '../harness/profiles/client-id-scheme.ts';
import { measure, type LengthLimit, type Profile } from '../harness/profiles/profile.ts';
import type { ParentTopic, TopicPlan } from './topic-plans.ts';

/** Parent topics a plan declares with more than one value of `key`, and those values. */
function mixedParents(plan: TopicPlan, key: (parent: ParentTopic) => string): [string, string[]][] {
  const valuesOf = new Map<string, Set<string>>();
  for (const parent of plan.parents)
    valuesOf.set(parent.name, (valuesOf.get(parent.name) ?? new Set()).add(key(parent)));
  return [...valuesOf].filter(([, values]) => values.size > 1).map(([name, values]) => [name, [...values]]);
}

/** `has 65 characters (TOP-3 limit 64)` when `text` is over a declared `limit`, counted in its unit. */
function overLimit(text: string, limit: LengthLimit | undefined, rule: string): string | undefined {
  if (!limit) return undefined;
  const length = measure(text, limit.unit);
  return length > limit.max ? `has ${length} ${limit.unit} (${rule} limit ${limit.max})` : undefined;
}

/** TOP-4: no parent topic carries both uplink and downlink, and the two directions both exist. */
export function directionViolations(plan: TopicPlan): string[] {
  const problems = mixedParents(plan, (parent) => parent.direction).map(
    ([name]) => `parent topic "${name}" carries both uplink and downlink`,
  );
  for (const direction of ['uplink', 'downlink'] as const) {
    if (!plan.parents.some((parent) => parent.direction === direction))
      problems.push(`the plan has no ${direction} parent`);
  }
  return problems;
}

/** TOP-4, ESL-4: a parent topic carries one task type only. */
export function taskTypeViolations(plan: TopicPlan): string[] {
  return mixedParents(plan, (parent) => parent.task).map(
    ([name, tasks]) => `parent topic "${name}" carries several task types: ${tasks.join(', ')}`,
  );
}

/** TOP-4: traffic of very different priority or volume travels under different parent topics. */
export function trafficClassViolations(plan: TopicPlan): string[] {
  return mixedParents(plan, (parent) => `${parent.priority} priority, ${parent.volume} volume`).map(
    ([name, classes]) => `parent topic "${name}" mixes traffic of ${classes.join(' and of ')}`,
  );
}

/**
 * TOP-2, TOP-3, CID-1, CID-2, CID-5: what a solution actually used fits the plan and the limits the
 * run's profile declares, counted in the profile's unit. As in the profile's oracle
 * (expected-outcome.ts), client IDs are checked only where the profile gives them a shape: MQTT 3.1.1
 * leaves them opaque, and its 23 bytes are a floor a broker must accept, not a ceiling.
 */
export function usageViolations(
  plan: TopicPlan,
  used: { topics: Iterable<string>; clientIds: Iterable<string> },
  profile: Profile,
): string[] {
  const problems: string[] = [];
  const parents = new Set(plan.parents.map((parent) => parent.name));
  const { topicLength, clientIdLength } = profile.limits;
  for (const topic of new Set(used.topics)) {
    const parent = topic.split('/')[0] ?? '';
    if (!parents.has(parent))
      problems.push(`topic "${topic}" is under "${parent}", which the ${plan.name} plan does not declare`);
    const over = overLimit(topic, topicLength, 'TOP-3');
    if (over) problems.push(`topic "${topic}" ${over}`);
  }
  // A profile without client-ID rules (mqtt-3.1.1) leaves client IDs opaque.
  if (profile.clientId === undefined) return problems;
  const scheme = clientIdScheme(profile);
  for (const clientId of new Set(used.clientIds)) {
    const parts = scheme.parse(clientId);
    if (!parts || !parts.groupId || !parts.deviceId) {
      problems.push(`client ID "${clientId}" is not <GroupID>${scheme.separator}<DeviceID>`);
    } else if (!plan.groupIds.includes(parts.groupId)) {
      problems.push(
        `client ID "${clientId}" uses Group ID "${parts.groupId}", which the ${plan.name} plan does not declare`,
      );
    }
    const over = overLimit(clientId, clientIdLength, 'CID-2');
    if (over) problems.push(`client ID "${clientId}" ${over}`);
  }
  return problems;
}
