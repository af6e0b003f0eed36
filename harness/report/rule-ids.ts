import { ruleOfTag } from '../rules/tag-rule.ts';

/** A rule as a scenario's tags name it; the registry (harness/rules/) says which rules exist. */
export interface RuleId {
  readonly id: string;
  /** `CID`, `TOP`, … or `MQTT-3.1.1` for normative statements. */
  readonly area: string;
}

/** The rule a tag names, undefined for other tags; throws on a rule-shaped tag the registry lacks. */
export function ruleIdOf(tag: string): RuleId | undefined {
  const rule = ruleOfTag(tag);
  return rule ? { id: rule.id, area: rule.area } : undefined;
}

export function ruleIds(tags: readonly string[]): RuleId[] {
  return tags.map(ruleIdOf).filter((rule): rule is RuleId => rule !== undefined);
}

/** Allure labels: `epic` = rule area, `story` and `rule` = rule ID, so the report groups by rule. */
export function ruleLabels(tags: readonly string[]): { name: string; value: string }[] {
  const rules = ruleIds(tags);
  const areas = [...new Set(rules.map((rule) => rule.area))];
  return [
    ...areas.map((area) => ({ name: 'epic', value: area })),
    ...rules.map((rule) => ({ name: 'story', value: rule.id })),
    ...rules.map((rule) => ({ name: 'rule', value: rule.id })),
  ];
}
