import assert from 'node:assert/strict';
import test from 'node:test';
import { RULES } from './registry.ts';
import { rulesMarkdown } from './rules-doc.ts';

// That the committed docs/rules.md is current is scripts/docs.test.ts's job (with the other generated docs).
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
