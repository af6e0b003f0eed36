import type { CertificationReport } from './certification.ts';
import type { RuleVerdict } from './verdicts.ts';

/** The schema of the `--repeat` report (see certification-schema.md). */
export const FLAKINESS_SCHEMA = 'mqtt-harness/certification-repeat/v1';

/** One rule's verdict in each of the repeated certifications ("absent": no row that time). */
export interface FlakinessRow {
  readonly rule: string;
  readonly verdicts: readonly (RuleVerdict | 'absent')[];
  readonly changed: boolean;
  /** What the first differing run said about the rule, so the change can be investigated. */
  readonly details: readonly string[];
}

export interface FlakinessReport {
  readonly schema: typeof FLAKINESS_SCHEMA;
  readonly target: string;
  readonly profile: string;
  /** The one seed every repetition used. */
  readonly seed?: number;
  readonly repeat: number;
  /** How the target was run: each repetition is a whole certification, the target started afresh. */
  readonly restarts: string;
  /** The overall verdict of each repetition. */
  readonly verdicts: readonly CertificationReport['verdict'][];
  readonly durationsMs: readonly number[];
  /** true when every rule (and the overall verdict) had the same verdict in every repetition. */
  readonly stable: boolean;
  /** Every rule row, changed ones first. */
  readonly rules: readonly FlakinessRow[];
}

/** Compares N certifications of one target: which rows changed their verdict between runs. */
export function compareCertifications(
  reports: readonly CertificationReport[],
  restarts: string,
): FlakinessReport {
  const first = reports[0];
  if (!first) throw new Error('compareCertifications: no certification to compare');
  const ruleIds = [...new Set(reports.flatMap((r) => r.rules.map((row) => row.rule)))];
  const rows = ruleIds.map((rule): FlakinessRow => {
    const verdicts = reports.map((r) => r.rules.find((row) => row.rule === rule)?.verdict ?? 'absent');
    const changed = new Set(verdicts).size > 1;
    const details = changed
      ? reports.map((r, i) => {
          const row = r.rules.find((x) => x.rule === rule);
          const evidence = row?.evidence.find((e) => e.verdict === row.verdict);
          const why = evidence ? `${evidence.name}${evidence.detail ? `: ${evidence.detail}` : ''}` : '';
          return `run ${i + 1}: ${verdicts[i]}${why ? ` — ${why}` : ''}${evidence?.path ? ` (path ${evidence.path})` : ''}`;
        })
      : [];
    return { rule, verdicts, changed, details };
  });
  rows.sort((a, b) => Number(b.changed) - Number(a.changed));
  const verdicts = reports.map((r) => r.verdict);
  return {
    schema: FLAKINESS_SCHEMA,
    target: first.target.spec,
    profile: first.profile.name,
    ...(first.seed === undefined ? {} : { seed: first.seed }),
    repeat: reports.length,
    restarts,
    verdicts,
    durationsMs: reports.map((r) => r.durationMs),
    stable: rows.every((r) => !r.changed) && new Set(verdicts).size === 1,
    rules: rows,
  };
}

const SHORT: Record<RuleVerdict | 'absent', string> = {
  pass: 'P',
  fail: 'F',
  inconclusive: 'I',
  'not applicable': 'n',
  error: 'E',
  absent: '-',
};

/** The terminal table: one line per rule, one letter per run (P pass, F fail, I inconclusive, E error, n n/a, - absent). */
export function flakinessLines(report: FlakinessReport): string[] {
  const lines = report.rules.map(
    (row) =>
      `${(row.changed ? 'CHANGED' : 'same').padEnd(8)} ${row.rule.padEnd(14)} ${row.verdicts.map((v) => SHORT[v]).join('')}`,
  );
  const changed = report.rules.filter((r) => r.changed);
  for (const row of changed) lines.push(`${row.rule}:`, ...row.details.map((d) => `  ${d.slice(0, 300)}`));
  lines.push(
    `overall: ${report.verdicts.join(', ')}`,
    report.stable
      ? `STABLE: every rule had the same verdict in all ${report.repeat} certifications (seed ${report.seed ?? '—'})`
      : `FLAKY: ${changed.length} rule(s) changed verdict across ${report.repeat} certifications (seed ${report.seed ?? '—'})`,
  );
  return lines;
}

export function flakinessMarkdown(report: FlakinessReport): string {
  const runs = report.verdicts.map((_, i) => `${i + 1}`);
  const lines = [
    `# Repeated certification: ${report.target} × ${report.profile}`,
    '',
    `- ${report.repeat} certifications, seed ${report.seed ?? '—'}; ${report.restarts}`,
    `- Overall verdicts: ${report.verdicts.join(', ')}`,
    `- Durations: ${report.durationsMs.map((ms) => `${(ms / 1000).toFixed(1)} s`).join(', ')}`,
    `- **${report.stable ? 'Stable' : 'Flaky'}**: ${report.rules.filter((r) => r.changed).length} rule(s) changed verdict`,
    '',
    `| Rule | Changed | ${runs.join(' | ')} |`,
    `| --- | --- | ${runs.map(() => '---').join(' | ')} |`,
    ...report.rules.map((r) => `| ${r.rule} | ${r.changed ? '**yes**' : 'no'} | ${r.verdicts.join(' | ')} |`),
  ];
  for (const row of report.rules.filter((r) => r.changed)) {
    lines.push('', `## ${row.rule}`, '', ...row.details.map((d) => `- ${d.replaceAll('\n', ' ')}`));
  }
  return `${lines.join('\n')}\n`;
}
