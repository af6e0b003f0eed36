import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import test from 'node:test';
import { scanFeatures } from './feature-scan.ts';
import { RULES } from './registry.ts';
import { RULES_DOC, rulesMarkdown } from './rules-doc.ts';

test(`the committed ${RULES_DOC.path} is what the registry and the feature tags generate`, () => {
  const committed = readFileSync(RULES_DOC.path, 'utf8');
  assert.ok(
    committed === rulesMarkdown(scanFeatures()),
    `${RULES_DOC.path} is out of date (a rule or a rule tag changed): run \`${RULES_DOC.command}\` and commit it`,
  );
});

test('the rules document has every registered rule and the scenarios that check it', () => {
  const doc = rulesMarkdown([
    {
      file: 'features/x.feature',
      line: 3,
      name: 'a <b> c',
      inherited: ['@CID-2'],
      examplesTags: [],
    },
  ]);
  for (const rule of RULES) assert.ok(doc.includes(`### ${rule.id}\n`), rule.id);
  assert.match(doc, /### CID-2\n[^#]*`features\/x\.feature:3` — a \\<b\\> c/);
  assert.match(doc, /### CID-1\n[^#]*Checked by: no scenario yet/);
});
