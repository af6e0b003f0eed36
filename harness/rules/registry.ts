import { MQTT_CHAPTER_1 } from './mqtt-3.1.1/chapter-1.ts';
import { MQTT_CHAPTER_3 } from './mqtt-3.1.1/chapter-3.ts';
import { MQTT_CHAPTER_4 } from './mqtt-3.1.1/chapter-4.ts';
import { MQTT_SUBSCRIBE_STATEMENTS } from './mqtt-3.1.1/new-subscribe.ts';
import type { RuleGroup } from './rule-group.ts';
import { compareRuleIds, isRuleIdShape, type Rule, type RuleArea } from './rule.ts';
import { CLIENT_ID_RULES } from './service/client-ids.ts';
import { CSG_RULES } from './service/csg.ts';
import { ESL_RULES } from './service/esl.ts';
import { MQ_MAPPING_RULES } from './service/mq-mapping.ts';
import { P2P_RULES } from './service/p2p.ts';
import { PUBLIC_DOCS_RULES } from './service/public-docs.ts';
import { QOS_CLEAN_SESSION_RULES } from './service/qos-clean-session.ts';
import { ROBUSTNESS_RULES } from './service/robustness.ts';
import { RTC_RULES } from './service/rtc.ts';
import { SECURITY_RULES } from './service/security.ts';
import { TOPIC_RULES } from './service/topics.ts';

/**
 * The one list of every rule the harness knows, in the order docs/rules.md shows the areas. Certification
 * rows, the rules a profile judges, tag → rule lookups, Allure labels and docs/rules.md all read it.
 */
const GROUPS: readonly RuleGroup[] = [
  CLIENT_ID_RULES,
  TOPIC_RULES,
  QOS_CLEAN_SESSION_RULES,
  P2P_RULES,
  MQ_MAPPING_RULES,
  RTC_RULES,
  ESL_RULES,
  CSG_RULES,
  SECURITY_RULES,
  PUBLIC_DOCS_RULES,
  ROBUSTNESS_RULES,
  MQTT_CHAPTER_1,
  MQTT_CHAPTER_3,
  MQTT_CHAPTER_4,
  MQTT_SUBSCRIBE_STATEMENTS,
];

export const RULES: readonly Rule[] = GROUPS.flatMap((group) => group.rules);

/** The areas in display order (the MQTT chapters share one area). */
export const AREAS: readonly RuleArea[] = GROUPS.map((group) => group.area).filter(
  (area, index, all) => all.findIndex((other) => other.id === area.id) === index,
);

const BY_ID = new Map(RULES.map((rule) => [rule.id, rule]));

export function ruleById(id: string): Rule | undefined {
  return BY_ID.get(id);
}

/** The rules of these profiles (a profile's own name plus those it includes), sorted by ID. */
export function rulesOfProfiles(profiles: readonly string[]): Rule[] {
  return RULES.filter((rule) => profiles.includes(rule.profile)).sort((a, b) => compareRuleIds(a.id, b.id));
}

/** The rules of one area, sorted by ID. */
export function rulesOfArea(area: string): Rule[] {
  return RULES.filter((rule) => rule.area === area).sort((a, b) => compareRuleIds(a.id, b.id));
}

/** What is wrong with a list of rules: duplicate or malformed IDs, empty texts, an ID outside its area. */
export function registryProblems(rules: readonly Rule[]): string[] {
  const seen = new Set<string>();
  return rules.flatMap((rule) => {
    const problems: string[] = [];
    if (seen.has(rule.id)) problems.push(`${rule.id} is registered twice`);
    seen.add(rule.id);
    if (!isRuleIdShape(rule.id)) problems.push(`${rule.id} is not a rule ID (AREA-n or MQTT-x.y.z-n)`);
    const area = rule.id.startsWith('MQTT-') ? 'MQTT-3.1.1' : rule.id.replace(/-\d+$/, '');
    if (rule.area !== area) problems.push(`${rule.id} is filed under area ${rule.area}, not ${area}`);
    if (rule.text.trim() === '' || rule.source.trim() === '')
      problems.push(`${rule.id} has no text or source`);
    if (rule.check === 'none' && !rule.why)
      problems.push(`${rule.id} cannot be checked but does not say why`);
    return problems;
  });
}
