// Writes docs/rules.md, docs/mqtt-3.1.1-coverage.md and the README's MQTT 3.1.1 counts from the rule
// registry (harness/rules/), the feature tags and the property tests: `npm run docs`. A unit test
// (scripts/docs.test.ts) fails when a committed one is out of date.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { generatedDocs } from './docs.ts';

for (const { path, text } of generatedDocs()) {
  const changed = !existsSync(path) || readFileSync(path, 'utf8') !== text;
  if (changed) writeFileSync(path, text);
  console.log(`${changed ? 'wrote' : 'up to date:'} ${path}`);
}
