// The generated documents: docs/rules.md, docs/mqtt-3.1.1-coverage.md and the README's coverage counts, from
// the rule registry, the feature tags and the property tests. `npm run docs` writes them (generate-rules-doc.ts);
// scripts/docs.test.ts fails when a committed one is out of date.
import parseTagExpression from '@cucumber/tag-expressions';
import { readFileSync } from 'node:fs';
import { MQTT_3_1_1 } from '../harness/profiles/mqtt-3.1.1.ts';
import { notApplicableReason } from '../harness/profiles/profile.ts';
import { CLIENT_ID_PROPERTY_RULES } from '../harness/properties/client-id-property.ts';
import { SESSION_MODEL_NAME, SESSION_MODEL_RULES } from '../harness/properties/session-model-property.ts';
import { TOPIC_PROPERTY_RULES } from '../harness/properties/topic-property.ts';
import {
  COVERAGE_DOC,
  coverageCounts,
  coverageMarkdown,
  statementCoverage,
  withReadmeCoverage,
  type CoverageInput,
  type PropertyCheck,
} from '../harness/rules/coverage-doc.ts';
import { scanFeatures, type TaggedScenario } from '../harness/rules/feature-scan.ts';
import { RULES_DOC, rulesMarkdown } from '../harness/rules/rules-doc.ts';

/** The property tests `certify` runs, with the rules each judges (a new one that names rules goes here). */
export const PROPERTY_CHECKS: readonly PropertyCheck[] = [
  {
    name: SESSION_MODEL_NAME,
    file: 'harness/properties/session-model-property.ts',
    rules: SESSION_MODEL_RULES,
  },
  {
    name: 'client ID property',
    file: 'harness/properties/client-id-property.ts',
    rules: CLIENT_ID_PROPERTY_RULES,
  },
  { name: 'topic property', file: 'harness/properties/topic-property.ts', rules: TOPIC_PROPERTY_RULES },
];

const profileFeatures = parseTagExpression(MQTT_3_1_1.featureTags);

/** The scenarios `certify --profile mqtt-3.1.1` judges: its feature tags, less those it calls not applicable. */
function notJudged(tags: readonly string[]): string | undefined {
  if (!profileFeatures.evaluate([...tags])) return `not among the ${MQTT_3_1_1.name} features`;
  return notApplicableReason(MQTT_3_1_1, tags);
}

export const README = 'README.md';

/** What the coverage matrix is built from: these scenarios, the property tests, the profile's selection. */
export function coverageInput(scenarios: readonly TaggedScenario[]): CoverageInput {
  return { scenarios, properties: PROPERTY_CHECKS, notJudged };
}

/** Each generated file's path and the text it should have now. */
export function generatedDocs(): { path: string; text: string }[] {
  const scenarios = scanFeatures();
  const coverage = coverageInput(scenarios);
  const counts = coverageCounts(statementCoverage(coverage));
  return [
    { path: RULES_DOC.path, text: rulesMarkdown(scenarios) },
    { path: COVERAGE_DOC.path, text: coverageMarkdown(coverage) },
    { path: README, text: withReadmeCoverage(readFileSync(README, 'utf8'), counts) },
  ];
}
