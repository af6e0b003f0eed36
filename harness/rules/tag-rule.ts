import { ruleById } from './registry.ts';
import { isRuleIdShape, type Rule } from './rule.ts';

/**
 * Rule IDs as scenarios carry them in tags: the harness's own (`@CID-2`, `@QCS-6`) and the MQTT 3.1.1
 * normative statements (`@MQTT-3.1.3-8`). `@MQTT-3.1.1` names the standard and `@QCS` an area: not rules.
 */
export function isRuleTag(tag: string): boolean {
  return tag.startsWith('@') && isRuleIdShape(tag.slice(1));
}

/**
 * The registered rule a tag names; undefined for a tag that is not shaped like a rule ID. A rule-shaped
 * tag that names no registered rule is a mistake (a typo, or a rule not yet in the registry): it throws,
 * so the scenario errors instead of passing without a rule.
 */
export function ruleOfTag(tag: string): Rule | undefined {
  if (!isRuleTag(tag)) return undefined;
  const rule = ruleById(tag.slice(1));
  if (!rule) throw new Error(`${tag} names no registered rule (harness/rules/); register it or fix the tag`);
  return rule;
}
