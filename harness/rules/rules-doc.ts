import type { TaggedScenario } from './feature-scan.ts';
import { AREAS, rulesOfArea } from './registry.ts';
import type { Rule, RuleCheck } from './rule.ts';
import { locationOf } from './tag-check.ts';

/** Where docs/rules.md lives and the command that rewrites it. */
export const RULES_DOC = { path: 'docs/rules.md', command: 'npm run docs' } as const;

const CHECK: Record<RuleCheck, string> = {
  wire: 'on the wire (a broker is judged by it)',
  design: "on the simulated systems' plans (a design rule)",
  solution: 'by the solution scenarios (an example application end to end)',
  none: 'not observable from outside',
};

/** docs/rules.md: every registered rule by area, with the scenarios whose tags name it (file:line). */
export function rulesMarkdown(scenarios: readonly TaggedScenario[]): string {
  const lines = [
    '# Rules',
    '',
    `<!-- Generated from the rule registry (harness/rules/) by \`${RULES_DOC.command}\`; do not edit by hand. -->`,
    '',
    "Every rule the harness verifies, in the project's own words. Scenarios name the rules they check by tag",
    '(`@CID-2`, `@MQTT-3.1.3-8`) and certification reports have one row per rule. A rule belongs to the',
    "`aliyun` profile, or to `mqtt-3.1.1`, which `aliyun` includes. The harness's own rules were distilled",
    'from five source documents about a cloud "Message Queue for MQTT" service (Alibaba Cloud), cited as',
    'seeds by number: 000 the solution guide (§1 audio/video signalling with phones, §2 retail price tags',
    'via smart APs, §3 Cloud Storage Gateway control), 001 the product introduction (client IDs, topics,',
    'P2P, Table 2-1 on QoS × cleanSession), 002 the same three solutions in English, 003 the gateway',
    'solution alone, 004 MQTT vs. server-side MQ and the message property mapping. `PUB` rules come from',
    "the product's public pages, `MQTT-…` statements from the OASIS MQTT 3.1.1 standard.",
    '',
    '"Checked by" lists the scenarios whose tags name the rule (a tag scan of `features/`); property tests',
    'name their rules in `harness/properties/`.',
    '',
    ...AREAS.map((area) => `- ${area.id}: ${area.title} (${rulesOfArea(area.id).length})`),
    '',
  ];
  for (const area of AREAS) {
    lines.push(`## ${area.id}: ${area.title}`, '', area.about, '');
    for (const rule of rulesOfArea(area.id)) lines.push(...ruleSection(rule, scenarios));
  }
  return lines.join('\n');
}

function ruleSection(rule: Rule, scenarios: readonly TaggedScenario[]): string[] {
  const checkedBy = scenarioChecks(rule.id, scenarios);
  return [
    `### ${rule.id}`,
    '',
    rule.text,
    '',
    `- Profile: \`${rule.profile}\`${rule.binds ? `; binds the ${rule.binds === 'both' ? 'client and the server' : rule.binds}` : ''}`,
    `- Checked ${CHECK[rule.check]}${rule.why ? `: ${rule.why}` : ''}`,
    `- Source: ${rule.source}`,
    ...(checkedBy.length > 0
      ? ['- Checked by:', ...checkedBy.map((check) => `  - ${check}`)]
      : ['- Checked by: no scenario yet']),
    '',
  ];
}

/** `features/x.feature:12` — name, once per scenario (an outline's examples block when only it names the rule). */
export function scenarioChecks(ruleId: string, scenarios: readonly TaggedScenario[]): string[] {
  const tag = `@${ruleId}`;
  const seen = new Set<string>();
  return scenarios.flatMap((scenario) => {
    const own = scenario.inherited.includes(tag);
    if (!own && !scenario.examplesTags.includes(tag)) return [];
    const where = own ? `${scenario.file}:${scenario.line}` : locationOf(scenario);
    if (seen.has(where)) return [];
    seen.add(where);
    const name = own ? scenario.name.replace(/ \(Examples: .*\)$/, '') : scenario.name;
    return [`\`${where}\` — ${name.replace(/[<>*_[\]]/g, (c) => `\\${c}`)}`];
  });
}
