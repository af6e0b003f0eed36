import { AREAS, ruleById } from '../rules/registry.ts';
import { compareRuleIds } from '../rules/rule.ts';
import { ruleAnchor } from './certification-markdown.ts';
import type { CertificationReport, RuleRow } from './certification.ts';
import {
  isUnsettled,
  worstExitCode,
  type ExitCode,
  type OverallVerdict,
  type RuleVerdict,
} from './verdicts.ts';

/** The schema name and version every certification matrix carries. */
export const MATRIX_SCHEMA = 'mqtt-harness/certification-matrix/v2';

/** One broker of the matrix: what its own certification report says about the run. */
export interface MatrixColumn {
  readonly target: string;
  /** The software (and version, when the target tells it) the report names. */
  readonly software: string;
  readonly verdict: OverallVerdict;
  readonly exitCode: ExitCode;
  /** Its report beside the matrix, without extension: `process-mosquitto-mqtt-3.1.1`. */
  readonly report?: string;
  readonly startedAt?: string;
  readonly seed?: number;
  readonly problems: readonly string[];
}

export interface MatrixCell {
  /** `absent`: the broker's report has no row for the rule (nothing checked it there). */
  readonly verdict: RuleVerdict | 'absent';
  /** Not a pass: the one-line reason (the first failing, erroring or not-applicable evidence). */
  readonly reason?: string;
  /** Where the evidence is: the broker's Markdown report and the rule's anchor in it. */
  readonly evidence?: string;
}

export interface MatrixRow {
  readonly rule: string;
  readonly text: string;
  /** One per column, in the columns' order. */
  readonly cells: readonly MatrixCell[];
}

export interface MatrixArea {
  readonly area: string;
  readonly title: string;
  readonly rows: readonly MatrixRow[];
}

export interface CertificationMatrix {
  readonly schema: typeof MATRIX_SCHEMA;
  readonly profile: string;
  readonly startedAt: string;
  /**
   * The worst of the brokers': 2 if any could not be certified, else 1 if any failed a rule, else 3 if
   * any was inconclusive, else 0.
   */
  readonly exitCode: ExitCode;
  readonly columns: readonly MatrixColumn[];
  readonly areas: readonly MatrixArea[];
}

/** A broker's certification, or why there is none (it wrote no report). */
export type MatrixInput =
  | { readonly target: string; readonly report: CertificationReport; readonly file: string }
  | { readonly target: string; readonly missing: string };

/** Rules × brokers from each broker's own certification report: every cell is its report's verdict. */
export function buildMatrix(
  profile: string,
  startedAt: Date,
  inputs: readonly MatrixInput[],
): CertificationMatrix {
  const columns: MatrixColumn[] = inputs.map((input) =>
    'missing' in input
      ? {
          target: input.target,
          software: 'unknown',
          verdict: 'error',
          exitCode: 2,
          problems: [input.missing],
        }
      : {
          target: input.target,
          software: input.report.target.software,
          verdict: input.report.verdict,
          exitCode: input.report.exitCode,
          report: input.file,
          startedAt: input.report.startedAt,
          ...(input.report.seed === undefined ? {} : { seed: input.report.seed }),
          problems: input.report.problems,
        },
  );
  const byRule = inputs.map(
    (input) =>
      new Map<string, RuleRow>('missing' in input ? [] : input.report.rules.map((row) => [row.rule, row])),
  );
  const rules = [...new Set(byRule.flatMap((rows) => [...rows.keys()]))].sort(compareRuleIds);
  const row = (rule: string): MatrixRow => ({
    rule,
    text: ruleById(rule)?.text ?? '(not in this version of the rule registry)',
    cells: byRule.map((rows, i) => cell(rows.get(rule), columns[i]?.report)),
  });
  const areaOf = (rule: string) => ruleById(rule)?.area ?? 'other';
  const known = AREAS.map((area) => ({ area: area.id, title: area.title }));
  const areas = [...known, { area: 'other', title: 'Rules not in this version of the registry' }]
    .map(({ area, title }) => ({ area, title, rows: rules.filter((r) => areaOf(r) === area).map(row) }))
    .filter((area) => area.rows.length > 0);
  const exitCode = worstExitCode(columns.map((c) => c.exitCode));
  return { schema: MATRIX_SCHEMA, profile, startedAt: startedAt.toISOString(), exitCode, columns, areas };
}

/**
 * Where the matrix says something else than the brokers' own reports (none, for a matrix built from
 * them): a missing or extra rule row, a cell or a column verdict that differs, or the wrong exit code.
 */
export function matrixDisagreements(
  matrix: CertificationMatrix,
  reports: readonly CertificationReport[],
): string[] {
  const problems: string[] = [];
  const columns = matrix.columns.map((c) => c.target).join(', ');
  const specs = reports.map((r) => r.target.spec).join(', ');
  if (columns !== specs) return [`the columns are ${columns}, the reports ${specs}`];
  const rows = matrix.areas.flatMap((area) => area.rows);
  const rules = new Set(reports.flatMap((r) => r.rules.map((row) => row.rule)));
  for (const rule of rules)
    if (!rows.some((row) => row.rule === rule)) problems.push(`${rule}: no row in the matrix`);
  for (const row of rows) {
    if (!rules.has(row.rule)) problems.push(`${row.rule}: a row no report has`);
    for (const [i, report] of reports.entries()) {
      const expected = report.rules.find((r) => r.rule === row.rule)?.verdict ?? 'absent';
      const actual = row.cells[i]?.verdict;
      if (actual !== expected)
        problems.push(
          `${row.rule} × ${report.target.spec}: the matrix says ${actual}, the report ${expected}`,
        );
    }
  }
  for (const [i, report] of reports.entries())
    if (matrix.columns[i]?.verdict !== report.verdict)
      problems.push(
        `${report.target.spec}: the matrix says ${matrix.columns[i]?.verdict}, the report ${report.verdict}`,
      );
  const worst = worstExitCode(reports.map((r) => r.exitCode));
  if (matrix.exitCode !== worst)
    problems.push(`exit code ${matrix.exitCode}, the worst report's is ${worst}`);
  return problems;
}

function cell(row: RuleRow | undefined, report: string | undefined): MatrixCell {
  if (!row) return { verdict: 'absent' };
  if (row.verdict === 'pass') return { verdict: 'pass', ...(report ? { evidence: `${report}.md` } : {}) };
  const first = row.evidence.find((e) => e.verdict === row.verdict) ?? row.evidence[0];
  const reason = first
    ? oneLine(
        `${first.counterexample ? `counter-example ${first.counterexample}: ` : ''}${first.detail ?? first.name}`,
      )
    : undefined;
  // Failed, errored and inconclusive rules have their evidence section (and anchor) in the broker's
  // Markdown report.
  const anchor = isUnsettled(row.verdict) ? `#${ruleAnchor(row.rule)}` : '';
  return {
    verdict: row.verdict,
    ...(reason ? { reason } : {}),
    ...(report ? { evidence: `${report}.md${anchor}` } : {}),
  };
}

function oneLine(text: string): string {
  const line =
    text
      .split('\n')
      .find((l) => l.trim().length > 0)
      ?.trim() ?? '';
  return line.length > 200 ? `${line.slice(0, 199)}…` : line;
}
