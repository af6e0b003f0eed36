import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { generateMessages } from '@cucumber/gherkin';
import { IdGenerator, SourceMediaType, type Pickle } from '@cucumber/messages';
import {
  allureIdentity,
  allureName,
  exampleRowOf,
  indexExampleRows,
  type ExampleRow,
} from './allure-identity.ts';

function featureFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) return featureFiles(file);
    return entry.name.endsWith('.feature') ? [file] : [];
  });
}

/** Every pickle of every feature file in the repository, with the rows index their outlines make. */
function allPickles(): { pickles: Pickle[]; rows: Map<string, ExampleRow> } {
  const rows = new Map<string, ExampleRow>();
  const pickles: Pickle[] = [];
  for (const uri of featureFiles('features')) {
    const envelopes = generateMessages(
      readFileSync(uri, 'utf8'),
      uri,
      SourceMediaType.TEXT_X_CUCUMBER_GHERKIN_PLAIN,
      {
        includeGherkinDocument: true,
        includePickles: true,
        includeSource: false,
        newId: IdGenerator.incrementing(),
      },
    );
    for (const envelope of envelopes) {
      if (envelope.gherkinDocument) indexExampleRows(envelope.gherkinDocument, rows);
      if (envelope.pickle) pickles.push(envelope.pickle);
    }
  }
  return { pickles, rows };
}

test('every scenario and outline row of the features has an identity and a name of its own in Allure', () => {
  const { pickles, rows } = allPickles();
  assert.ok(pickles.length > 200, `only ${pickles.length} scenarios found`);
  const identities = new Map<string, string>();
  const names = new Map<string, string>();
  for (const pickle of pickles) {
    const row = exampleRowOf(pickle, rows);
    const name = `${pickle.uri}#${allureName(pickle, row)}`;
    const identity = allureIdentity(pickle, row);
    assert.equal(
      identities.get(identity),
      undefined,
      `${name} shares its identity with ${identities.get(identity)}`,
    );
    assert.equal(names.get(name), undefined, `two scenarios are named ${name}`);
    identities.set(identity, name);
    names.set(name, name);
  }
});

test('the two QoS 2 / cleanSession=false rows of qos-clean-session.feature, equal in values, differ in Allure', () => {
  const { pickles, rows } = allPickles();
  const twins = pickles.filter(
    (pickle) =>
      pickle.uri.endsWith('qos-clean-session.feature') &&
      pickle.name === 'Table 2-1 across reconnects, a QoS 2 subscription with cleanSession=false',
  );
  assert.equal(twins.length, 2);
  const [first, second] = twins.map((pickle) => ({ pickle, row: exampleRowOf(pickle, rows) }));
  assert.equal(first?.row?.values, 'qos=2, clean=false');
  assert.equal(second?.row?.values, 'qos=2, clean=false');
  assert.notEqual(allureIdentity(first!.pickle, first!.row), allureIdentity(second!.pickle, second!.row));
  assert.match(
    allureName(second!.pickle, second!.row),
    /\[qos=2, clean=false\] \(QoS 2 with cleanSession=false/,
  );
});
