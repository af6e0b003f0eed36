import assert from 'node:assert/strict';
import test from 'node:test';
import { scanFeature, scanFeatures } from './feature-scan.ts';
import { AREAS, duplicateIds, registryProblems, RULES, ruleById, rulesOfProfiles } from './registry.ts';
import { isRuleIdShape } from './rule.ts';
import { tagProblems } from './tag-check.ts';
import { ruleOfTag } from './tag-rule.ts';

test('the registry: IDs unique and well-formed, each in its area, with text and source', () => {
  assert.deepEqual(registryProblems(RULES), []);
  assert.ok(RULES.every((rule) => AREAS.some((area) => area.id === rule.area)));
});

test('registryProblems finds duplicates, malformed IDs and misfiled rules', () => {
  const rule = RULES[0];
  assert.ok(rule);
  const problems = registryProblems([
    rule,
    rule,
    { ...rule, id: 'cid-7' },
    { ...rule, id: 'TOP-9' },
    { ...rule, id: 'CID-8', check: 'none' },
  ]);
  assert.equal(problems.length, 5, problems.join('\n'));
});

test('duplicateIds names each ID registered more than once (the registry refuses to load with any)', () => {
  const [a, b] = RULES;
  assert.ok(a && b);
  assert.deepEqual(duplicateIds([a, b, a, a]), [a.id]);
  assert.deepEqual(duplicateIds(RULES), []);
});

test('rule-ID shapes: harness rules and MQTT statements, not the standard or an area', () => {
  for (const id of ['CID-2', 'P2P-1', 'MQTT-3.1.3-8', 'MQTT-1.5.3-2']) assert.ok(isRuleIdShape(id), id);
  for (const id of ['MQTT-3.1.1', 'QCS', 'broker-wide', 'CID-0', 'MQTT-1']) assert.ok(!isRuleIdShape(id), id);
});

test('a tag names its registered rule; an unregistered rule-shaped tag is an error', () => {
  assert.equal(ruleOfTag('@CID-2')?.area, 'CID');
  assert.equal(ruleOfTag('@MQTT-3.1.3-8')?.area, 'MQTT-3.1.1');
  assert.equal(ruleOfTag('@MQTT-3.1.1'), undefined);
  assert.equal(ruleOfTag('@broker-wide'), undefined);
  assert.throws(() => ruleOfTag('@CID-99'), /names no registered rule/);
});

test('profiles: aliyun includes every mqtt-3.1.1 rule; the standard has none of the service rules', () => {
  const plain = rulesOfProfiles(['mqtt-3.1.1']).map((rule) => rule.id);
  const aliyun = rulesOfProfiles(['aliyun', 'mqtt-3.1.1']).map((rule) => rule.id);
  assert.ok(plain.every((id) => aliyun.includes(id)));
  assert.deepEqual(
    plain.filter((id) => !id.startsWith('MQTT-')),
    ['QCS-1', 'QCS-2', 'ROB-1', 'TOP-1'],
  );
  assert.equal(ruleById('CID-6')?.check, 'design');
  assert.equal(ruleById('RTC-1')?.check, 'solution');
});

test('every rule-ID tag in features/ names a registered rule, and every scenario names a rule', () => {
  const scenarios = scanFeatures();
  assert.ok(scenarios.length > 50, `only ${scenarios.length} scenarios found under features/`);
  assert.deepEqual(tagProblems(scenarios), []);
});

test('the tag check counts inherited tags and examples blocks, and reports what is missing', () => {
  const feature = [
    '@MQTT-3.1.1',
    'Feature: f',
    '  Scenario: untagged',
    '  @CID-99',
    '  Scenario: unknown',
    '  Scenario Outline: o',
    '    """',
    '    @CID-2 (in a doc string: not a tag)',
    '    """',
    '    @MQTT-3.2.0-1',
    '    Examples: tagged',
    '      | a |',
    '    Examples: bare',
    '      | a |',
  ].join('\n');
  assert.deepEqual(tagProblems(scanFeature('x.feature', feature)), [
    'x.feature:3: "untagged" carries no rule-ID tag (@CID-2, @MQTT-3.1.3-8, …)',
    'x.feature:5: @CID-99 names no registered rule (harness/rules/)',
    'x.feature:13: "o (Examples: bare)" carries no rule-ID tag (@CID-2, @MQTT-3.1.3-8, …)',
  ]);
  assert.deepEqual(tagProblems(scanFeature('y.feature', '@QCS-1\nFeature: f\n  Scenario: inherits\n')), []);
});
