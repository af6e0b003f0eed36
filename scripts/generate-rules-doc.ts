// Writes docs/rules.md from the rule registry (harness/rules/) and the feature tags: `npm run docs`.
// A unit test (harness/rules/rules-doc.test.ts) fails when the committed file is out of date.
import { writeFileSync } from 'node:fs';
import { scanFeatures } from '../harness/rules/feature-scan.ts';
import { RULES_DOC, rulesMarkdown } from '../harness/rules/rules-doc.ts';

writeFileSync(RULES_DOC.path, rulesMarkdown(scanFeatures()));
console.log(`wrote ${RULES_DOC.path}`);
