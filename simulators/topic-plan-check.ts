import type { TopicPlan } from './topic-plans.ts';

/**
 * The aliyun limits a topic plan must fit (TOP-3, CID-2).
 * TODO(profiles): read these from the aliyun profile once harness/profiles declares them.
 */
export const PLAN_LIMITS = { topicMaxLength: 64, clientIdMaxLength: 64, separator: '@@@' } as const;

/** TOP-4: no parent topic carries both uplink and downlink, and the two directions both exist. */
export function directionViolations(plan: TopicPlan): string[] {
  const problems: string[] = [];
  const byName = new Map<string, Set<string>>();
  for (const parent of plan.parents)
    byName.set(parent.name, (byName.get(parent.name) ?? new Set()).add(parent.direction));
  for (const [name, directions] of byName) {
    if (directions.size > 1) problems.push(`parent topic "${name}" carries both uplink and downlink`);
  }
  for (const direction of ['uplink', 'downlink'] as const) {
    if (!plan.parents.some((parent) => parent.direction === direction))
      problems.push(`the plan has no ${direction} parent`);
  }
  return problems;
}

/** TOP-4, ESL-4: a parent topic carries one task type only. */
export function taskTypeViolations(plan: TopicPlan): string[] {
  const tasksOf = new Map<string, Set<string>>();
  for (const parent of plan.parents)
    tasksOf.set(parent.name, (tasksOf.get(parent.name) ?? new Set()).add(parent.task));
  return [...tasksOf]
    .filter(([, tasks]) => tasks.size > 1)
    .map(([name, tasks]) => `parent topic "${name}" carries several task types: ${[...tasks].join(', ')}`);
}

/** TOP-2, TOP-3, CID-1, CID-2, CID-5: what a solution actually used fits the plan and the profile's limits. */
export function usageViolations(
  plan: TopicPlan,
  used: { topics: Iterable<string>; clientIds: Iterable<string> },
): string[] {
  const problems: string[] = [];
  const parents = new Set(plan.parents.map((parent) => parent.name));
  for (const topic of new Set(used.topics)) {
    const parent = topic.split('/')[0] ?? '';
    if (!parents.has(parent))
      problems.push(`topic "${topic}" is under "${parent}", which the ${plan.name} plan does not declare`);
    if (topic.length > PLAN_LIMITS.topicMaxLength) {
      problems.push(`topic "${topic}" has ${topic.length} characters (limit ${PLAN_LIMITS.topicMaxLength})`);
    }
  }
  for (const clientId of new Set(used.clientIds)) {
    const [groupId, deviceId, ...rest] = clientId.split(PLAN_LIMITS.separator);
    if (deviceId === undefined || rest.length > 0 || !groupId || !deviceId) {
      problems.push(`client ID "${clientId}" is not <GroupID>${PLAN_LIMITS.separator}<DeviceID>`);
    } else if (!plan.groupIds.includes(groupId)) {
      problems.push(
        `client ID "${clientId}" uses Group ID "${groupId}", which the ${plan.name} plan does not declare`,
      );
    }
    if (clientId.length > PLAN_LIMITS.clientIdMaxLength) {
      problems.push(
        `client ID "${clientId}" has ${clientId.length} characters (limit ${PLAN_LIMITS.clientIdMaxLength})`,
      );
    }
  }
  return problems;
}
