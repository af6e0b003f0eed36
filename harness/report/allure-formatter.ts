import { EventEmitter } from 'node:events';
import { Formatter, type IFormatterOptions } from '@cucumber/cucumber';
import type { Envelope, GherkinDocument, Pickle } from '@cucumber/messages';
import allureReporterModule from 'allure-cucumberjs/reporter';

// Its type declarations read as CommonJS under NodeNext, while the ESM build has a plain default export.
type AllureReporterClass = typeof allureReporterModule.default;
const AllureCucumberReporter = (
  'default' in allureReporterModule ? allureReporterModule.default : allureReporterModule
) as AllureReporterClass;

export const ALLURE_RESULTS_DIR = 'reports/allure-results';

/**
 * allure-cucumberjs, with each Scenario Outline row named by its example values, so that rows
 * appear in Allure as tests of their own (not as retries of one test) even when the outline's name
 * has no `<placeholders>`. Rule-ID labels are added per scenario by the hooks (rule-labels.ts).
 */
export default class HarnessAllureFormatter extends Formatter {
  constructor(options: IFormatterOptions) {
    super(options);
    const rows = new Map<string, string>();
    const relay = new EventEmitter();
    options.eventBroadcaster.on('envelope', (envelope: Envelope) => {
      if (envelope.gherkinDocument) indexExampleRows(envelope.gherkinDocument, rows);
      relay.emit(
        'envelope',
        envelope.pickle ? { ...envelope, pickle: namedByExample(envelope.pickle, rows) } : envelope,
      );
    });
    const resultsDir = (options.parsedArgvOptions.resultsDir as string | undefined) ?? ALLURE_RESULTS_DIR;
    new AllureCucumberReporter({
      ...options,
      eventBroadcaster: relay,
      parsedArgvOptions: { ...options.parsedArgvOptions, resultsDir },
    });
  }
}

/** Maps each Examples row id to "name=value, …" text. */
function indexExampleRows(document: GherkinDocument, rows: Map<string, string>) {
  const children = document.feature?.children ?? [];
  const scenarios = children.flatMap((child) => [
    ...(child.scenario ? [child.scenario] : []),
    ...(child.rule?.children.flatMap((ruleChild) => (ruleChild.scenario ? [ruleChild.scenario] : [])) ?? []),
  ]);
  for (const scenario of scenarios) {
    for (const examples of scenario.examples) {
      const header = examples.tableHeader?.cells.map((cell) => cell.value) ?? [];
      for (const row of examples.tableBody) {
        rows.set(
          row.id,
          row.cells.map((cell, index) => `${header[index] ?? index}=${cell.value}`).join(', '),
        );
      }
    }
  }
}

function namedByExample(pickle: Pickle, rows: Map<string, string>): Pickle {
  const row = pickle.astNodeIds
    .slice(1)
    .map((id) => rows.get(id))
    .find(Boolean);
  return row ? { ...pickle, name: `${pickle.name} [${row}]` } : pickle;
}
