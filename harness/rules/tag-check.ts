import type { TaggedScenario } from './feature-scan.ts';
import { ruleById } from './registry.ts';
import { isRuleTag } from './tag-rule.ts';

/** `features/x.feature:12`, or the Examples line for an outline's examples block. */
export function locationOf(scenario: TaggedScenario): string {
  return `${scenario.file}:${scenario.examplesLine ?? scenario.line}`;
}

/**
 * What is wrong with the scenarios' rule tags: a rule-shaped tag that names no registered rule, or a
 * scenario (or examples block) that names no rule at all, inherited feature and rule tags included.
 */
export function tagProblems(scenarios: readonly TaggedScenario[]): string[] {
  return scenarios.flatMap((scenario) => {
    const ruleTags = [...scenario.inherited, ...scenario.examplesTags].filter(isRuleTag);
    const unknown = ruleTags.filter((tag) => !ruleById(tag.slice(1)));
    return [
      ...[...new Set(unknown)].map(
        (tag) => `${locationOf(scenario)}: ${tag} names no registered rule (harness/rules/)`,
      ),
      ...(ruleTags.length === 0
        ? [`${locationOf(scenario)}: "${scenario.name}" carries no rule-ID tag (@CID-2, @MQTT-3.1.3-8, …)`]
        : []),
    ];
  });
}
