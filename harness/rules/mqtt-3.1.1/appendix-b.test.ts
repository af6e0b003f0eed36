import assert from 'node:assert/strict';
import test from 'node:test';
import { rulesOfArea } from '../registry.ts';

/**
 * The numbered statements of MQTT 3.1.1's Appendix B, by section: `3.1.2 24` is MQTT-3.1.2-1 … -24. Taken
 * from the OASIS standard (mqtt-v3.1.1-os) and cross-checked against other public lists of its IDs; the
 * standard misprints two of them (MQTT-3.1.2.7 and MQTT-3-8.3-4), listed here as 3.1.2-7 and 3.8.3-4.
 */
const APPENDIX_B: readonly (readonly [string, number])[] = [
  ['1.5.3', 3],
  ['2.2.2', 2],
  ['2.3.1', 7],
  ['3.1.0', 2],
  ['3.1.2', 24],
  ['3.1.3', 11],
  ['3.1.4', 5],
  ['3.2.0', 1],
  ['3.2.2', 6],
  ['3.3.1', 12],
  ['3.3.2', 3],
  ['3.3.4', 1],
  ['3.3.5', 2],
  ['3.6.1', 1],
  ['3.8.1', 1],
  ['3.8.3', 4],
  ['3.8.4', 6],
  ['3.9.3', 2],
  ['3.10.1', 1],
  ['3.10.3', 2],
  ['3.10.4', 6],
  ['3.12.4', 1],
  ['3.14.1', 1],
  ['3.14.4', 3],
  ['4.1.0', 2],
  ['4.3.1', 1],
  ['4.3.2', 2],
  ['4.3.3', 2],
  ['4.4.0', 1],
  ['4.5.0', 2],
  ['4.6.0', 6],
  ['4.7.1', 3],
  ['4.7.2', 1],
  ['4.7.3', 4],
  ['4.8.0', 2],
  ['6.0.0', 4],
  ['7.0.0', 2],
  ['7.1.1', 1],
  ['7.1.2', 1],
];

const expected = APPENDIX_B.flatMap(([section, count]) =>
  Array.from({ length: count }, (_, i) => `MQTT-${section}-${i + 1}`),
);

test('the registry has every statement of Appendix B (141), and no MQTT ID outside it', () => {
  const registered = rulesOfArea('MQTT-3.1.1').map((rule) => rule.id);
  assert.equal(expected.length, 141);
  assert.deepEqual(
    expected.filter((id) => !registered.includes(id)),
    [],
    'Appendix B statements missing from harness/rules/mqtt-3.1.1/',
  );
  assert.deepEqual(
    registered.filter((id) => !expected.includes(id)),
    [],
    'registered MQTT IDs that Appendix B does not have',
  );
});

test('each statement says whom it binds; one a broker cannot be judged by says why', () => {
  for (const rule of rulesOfArea('MQTT-3.1.1')) {
    assert.ok(rule.binds, `${rule.id} says whom it binds`);
    if (rule.binds === 'client') assert.equal(rule.check, 'none', `${rule.id} binds only the client`);
    if (rule.check !== 'wire') assert.ok(rule.why, `${rule.id} says why it cannot be checked`);
  }
});
