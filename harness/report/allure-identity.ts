import { createHash } from 'node:crypto';
import type { GherkinDocument, Pickle } from '@cucumber/messages';

/** One Examples row of a Scenario Outline: its values, and which Examples block it sits in. */
export interface ExampleRow {
  /** `qos=2, clean=false` */
  readonly values: string;
  /** The block's position among the outline's Examples (0 for the first). */
  readonly block: number;
  /** The block's name (`Examples: QoS 2 with …`), empty when it has none. */
  readonly blockName: string;
}

/** Maps each Examples row id of a feature file to its values and block. */
export function indexExampleRows(document: GherkinDocument, rows: Map<string, ExampleRow>): void {
  const children = document.feature?.children ?? [];
  const scenarios = children.flatMap((child) => [
    ...(child.scenario ? [child.scenario] : []),
    ...(child.rule?.children.flatMap((ruleChild) => (ruleChild.scenario ? [ruleChild.scenario] : [])) ?? []),
  ]);
  for (const scenario of scenarios) {
    scenario.examples.forEach((examples, block) => {
      const header = examples.tableHeader?.cells.map((cell) => cell.value) ?? [];
      for (const row of examples.tableBody) {
        const values = row.cells.map((cell, index) => `${header[index] ?? index}=${cell.value}`).join(', ');
        rows.set(row.id, { values, block, blockName: examples.name.trim() });
      }
    });
  }
}

/** The Examples row a pickle was made from; undefined for a plain Scenario. */
export function exampleRowOf(pickle: Pickle, rows: ReadonlyMap<string, ExampleRow>): ExampleRow | undefined {
  return pickle.astNodeIds
    .slice(1)
    .map((id) => rows.get(id))
    .find((row) => row !== undefined);
}

/**
 * The name a scenario has in Allure: an outline row carries its values, and the name of its Examples
 * block when it has one, so that two blocks holding the same values (qos-clean-session.feature has
 * `2 | false` under QCS-2 and under QCS-4) read as the different tests they are.
 */
export function allureName(pickle: Pickle, row: ExampleRow | undefined): string {
  if (!row) return pickle.name;
  return `${pickle.name} [${row.values}]${row.blockName ? ` (${row.blockName})` : ''}`;
}

/**
 * A test's identity across runs (Allure's testCaseId and historyId): the feature file, the scenario's
 * name and, for an outline row, its Examples block and values. allure-cucumberjs derives it from the
 * outline's name plus the row's values, so equal rows in two blocks shared one identity and Allure
 * showed one of them as a retry of the other. Line numbers stay out of it, so history survives edits
 * above a scenario.
 */
export function allureIdentity(pickle: Pickle, row: ExampleRow | undefined): string {
  const parts = [pickle.uri, pickle.name, ...(row ? [`examples ${row.block}`, row.values] : [])];
  return createHash('md5').update(parts.join('\n')).digest('hex');
}
