import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import test from 'node:test';
import { generatedDocs } from './docs.ts';

test('the committed generated documents (rules, MQTT 3.1.1 coverage, README counts) are up to date', () => {
  for (const { path, text } of generatedDocs())
    assert.ok(
      readFileSync(path, 'utf8') === text,
      `${path} is out of date (a rule, a rule tag or a property's rules changed): run \`npm run docs\` and commit it`,
    );
});
