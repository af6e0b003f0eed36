import assert from 'node:assert/strict';
import test from 'node:test';
import {
  coverageCounts,
  coverageMarkdown,
  readmeCoverageParagraph,
  statementCoverage,
  withReadmeCoverage,
  type CoverageInput,
} from './coverage-doc.ts';
import type { TaggedScenario } from './feature-scan.ts';
import { rulesOfArea } from './registry.ts';

const scenario = (line: number, name: string, tags: string[]): TaggedScenario => ({
  file: 'features/x.feature',
  line,
  name,
  inherited: tags,
  examplesTags: [],
});

const input: CoverageInput = {
  scenarios: [
    scenario(3, 'a retained | message', ['@MQTT-3.1.1', '@MQTT-3.3.1-5']),
    scenario(9, 'outside the profile', ['@aliyun', '@MQTT-3.12.4-1']),
    scenario(15, 'names a client rule', ['@MQTT-3.1.1', '@MQTT-3.1.2-23']),
  ],
  properties: [{ name: 'session model', file: 'harness/properties/p.ts', rules: ['QCS-1', 'MQTT-4.4.0-1'] }],
  notJudged: (tags) => (tags.includes('@aliyun') ? 'an aliyun rule' : undefined),
};

test('coverage counts: checked means a judged scenario or a property names it; client-only statements apart', () => {
  const coverage = statementCoverage(input);
  const counts = coverageCounts(coverage);
  const all = rulesOfArea('MQTT-3.1.1');
  assert.equal(counts.statements, all.length);
  assert.equal(counts.clientOnly, all.filter((rule) => rule.binds === 'client').length);
  assert.equal(counts.server + counts.clientOnly, counts.statements);
  assert.equal(counts.checked, 2, 'MQTT-3.3.1-5 by its scenario, MQTT-4.4.0-1 by the property');
  assert.ok(counts.unchecked.includes('MQTT-3.12.4-1'), 'a scenario the profile does not run checks nothing');
  assert.equal(counts.unchecked.length, counts.observable - counts.checked);
  assert.deepEqual(counts.misnamed, ['MQTT-3.1.2-23']);
});

test('the matrix has one row per statement, says what checks it, why not, or that it binds the client only', () => {
  const doc = coverageMarkdown(input);
  for (const rule of rulesOfArea('MQTT-3.1.1')) assert.match(doc, new RegExp(`^\\| ${rule.id} \\|`, 'm'));
  assert.match(
    doc,
    /^\| MQTT-3\.3\.1-5 \|.*\| server \| `features\/x\.feature:3` — a retained \\\| message \|$/m,
  );
  assert.match(
    doc,
    /^\| MQTT-4\.4\.0-1 \|.*\| both \| property `harness\/properties\/p\.ts` — session model \|$/m,
  );
  assert.match(doc, /^\| MQTT-3\.12\.4-1 \|.*\| \*\*not checked yet\*\* \|$/m);
  assert.match(doc, /^\| MQTT-3\.14\.4-1 \|.*\| client \| client only \(not counted\) \|$/m);
  assert.match(doc, /^\| MQTT-4\.8\.0-2 \|.*\| both \| not observable: a transient error/m);
  assert.match(
    doc,
    /\*\*Named by a check although a broker cannot be judged by them\*\* \(1\): MQTT-3\.1\.2-23\./,
  );
  assert.match(doc, /^## 3\.10 UNSUBSCRIBE$/m);
});

test('the README paragraph carries the counts between its markers, and is replaced in place', () => {
  const counts = coverageCounts(statementCoverage(input));
  const paragraph = readmeCoverageParagraph(counts);
  assert.ok(paragraph.split('\n').every((line) => line.length <= 110));
  assert.match(paragraph.replaceAll('\n', ' '), /numbers \d+ normative statements .* 2 of those are checked/);
  const stale = `before\n${paragraph.replace('numbers', 'counted')}\nafter\n`;
  assert.equal(withReadmeCoverage(stale, counts), `before\n${paragraph}\nafter\n`);
  assert.throws(() => withReadmeCoverage('no markers', counts), /README\.md has no/);
});
