import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { test } from 'node:test';
import { UsageError } from '../errors.ts';
import { loadScenario, parseDuration, parseScenario } from './scenario-file.ts';
import { fleetSize } from './scenario.ts';

const GOOD = `name: t\ndurationSeconds: 5\nretail:\n  stores: 2\n  apsPerStore: 3\n  tagsPerAp: 4\n`;

function refused(text: string, pattern: RegExp, set: string[] = []): void {
  assert.throws(
    () => parseScenario('x.yaml', text, { set }),
    (error: unknown) =>
      error instanceof UsageError && pattern.test(error.message) && !error.message.includes('\n'),
  );
}

test('every shipped scenario is valid', () => {
  const files = readdirSync('scenarios').filter((file) => file.endsWith('.yaml'));
  assert.ok(files.length >= 4);
  for (const file of files) assert.ok(fleetSize(loadScenario(`scenarios/${file}`)).devices > 0, file);
});

test('a good file gets its defaults', () => {
  const scenario = parseScenario('x.yaml', GOOD);
  assert.equal(scenario.retail?.pollIntervalMs, 1_000);
  assert.deepEqual(fleetSize(scenario), { devices: 6, tags: 24 });
});

test('an unknown key names the file, the path and the key', () => {
  refused(GOOD + '  colour: red\n', /^x\.yaml: retail: unknown key "colour"/);
  refused(GOOD + 'extra: 1\n', /^x\.yaml: \(top level\): unknown key "extra"/);
});

test('a negative count is refused with its path', () => {
  refused(GOOD.replace('stores: 2', 'stores: -2'), /^x\.yaml: retail\.stores: must be >= 0/);
});

test('a wrong type is refused with its path', () => {
  refused(GOOD.replace('tagsPerAp: 4', 'tagsPerAp: many'), /^x\.yaml: retail\.tagsPerAp: must be integer/);
  refused(
    'name: t\ndurationSeconds: 5\ncsg:\n  regions: [mars]\n  instancesPerRegion: 1\n',
    /csg\.regions\.0: must be one of/,
  );
});

test('a file that is not YAML names its line', () => {
  refused('name: t\n  - : [\n', /^x\.yaml: line \d+: not YAML/);
});

test('--set changes any number by dotted path or by a unique key, and is validated', () => {
  assert.equal(parseScenario('x.yaml', GOOD, { set: ['retail.stores=7'] }).retail?.stores, 7);
  assert.equal(parseScenario('x.yaml', GOOD, { set: ['stores=9'] }).retail?.stores, 9);
  assert.equal(parseScenario('x.yaml', GOOD, { set: ['retail.outageSeconds=3'] }).retail?.outageSeconds, 3);
  refused(GOOD, /^x\.yaml: retail\.stores: must be >= 0/, ['stores=-1']);
  refused(GOOD, /^--set stores "lots": not a number/, ['stores=lots']);
  refused(GOOD, /^--set phones: x\.yaml has no number called "phones"/, ['phones=3']);
  refused(GOOD, /^x\.yaml: retail: unknown key "nope"/, ['retail.nope=3']);
});

test('--duration and --seed', () => {
  assert.equal(parseDuration('10m'), 600);
  assert.equal(parseDuration('90'), 90);
  assert.throws(() => parseDuration('soon'), UsageError);
  const scenario = parseScenario('x.yaml', GOOD, { duration: '2m', seed: '42' });
  assert.equal(scenario.durationSeconds, 120);
  assert.equal(scenario.seed, 42);
});
