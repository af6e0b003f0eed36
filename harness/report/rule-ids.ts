/**
 * Rule IDs as scenarios carry them in tags: the harness's own (`@CID-2`, `@QCS-6`) and the MQTT
 * 3.1.1 normative statements (`@MQTT-3.1.3-8`). `@MQTT-3.1.1` names the standard, not a rule.
 */
const HARNESS_RULE = /^@([A-Z][A-Z0-9]{1,3})-(\d+)$/; // P2P-1 has a digit in its area
const MQTT_STATEMENT = /^@MQTT-(\d+\.\d+\.\d+-\d+)$/;

export interface RuleId {
  readonly id: string;
  /** `CID`, `TOP`, … or `MQTT-3.1.1` for normative statements. */
  readonly area: string;
}

export function ruleIdOf(tag: string): RuleId | undefined {
  const harness = HARNESS_RULE.exec(tag);
  if (harness && harness[1] !== 'MQTT') return { id: `${harness[1]}-${harness[2]}`, area: harness[1] ?? '' };
  const statement = MQTT_STATEMENT.exec(tag);
  if (statement) return { id: `MQTT-${statement[1]}`, area: 'MQTT-3.1.1' };
  return undefined;
}

export function ruleIds(tags: readonly string[]): RuleId[] {
  return tags.map(ruleIdOf).filter((rule): rule is RuleId => rule !== undefined);
}

export function ruleLabels(tags: readonly string[]): { name: string; value: string }[] {
  const rules = ruleIds(tags);
  const areas = [...new Set(rules.map((rule) => rule.area))];
  return [
    ...areas.map((area) => ({ name: 'epic', value: area })),
    ...rules.map((rule) => ({ name: 'story', value: rule.id })),
    ...rules.map((rule) => ({ name: 'rule', value: rule.id })),
  ];
}
