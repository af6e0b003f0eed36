import type { Rule, RuleArea } from './rule.ts';

/** One data file's rules: an area (or an MQTT chapter) and the rules under it. */
export interface RuleGroup {
  readonly area: RuleArea;
  readonly rules: readonly Rule[];
}

/** A group whose rules take their area from the group, so a data file never spells the area twice. */
export function ruleGroup(area: RuleArea, rules: readonly Omit<Rule, 'area'>[]): RuleGroup {
  return { area, rules: rules.map((rule) => ({ ...rule, area: area.id })) };
}
