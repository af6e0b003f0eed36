import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import test from 'node:test';
import { coverageCounts, statementCoverage } from '../harness/rules/coverage-doc.ts';
import { scanFeatures } from '../harness/rules/feature-scan.ts';
import { coverageInput, generatedDocs } from './docs.ts';

test('the committed generated documents (rules, MQTT 3.1.1 coverage, README counts) are up to date', () => {
  for (const { path, text } of generatedDocs())
    assert.ok(
      readFileSync(path, 'utf8') === text,
      `${path} is out of date (a rule, a rule tag or a property's rules changed): run \`npm run docs\` and commit it`,
    );
});

test('no scenario or property names an MQTT statement a broker cannot be judged by (client-only or unobservable)', () => {
  const { misnamed } = coverageCounts(statementCoverage(coverageInput(scanFeatures())));
  assert.deepEqual(
    misnamed,
    [],
    "tag the server's own statement instead, or fix the statement's binds/check",
  );
});
