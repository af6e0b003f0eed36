import { UsageError } from '../errors.ts';
import { compareRuleIds } from '../rules/rule.ts';
import { CERTIFICATION_SCHEMA, type CertificationReport } from './certification.ts';
import { isUnsettled, type RuleVerdict } from './verdicts.ts';

/** One rule whose verdict differs between the two reports. */
export interface RuleChange {
  readonly rule: string;
  readonly before: RuleVerdict;
  readonly after: RuleVerdict;
  /** The after report's first failing or erroring evidence, one line (for a regression). */
  readonly why?: string;
}

export interface LimitChange {
  readonly limit: string;
  readonly before?: string;
  readonly after?: string;
  /** Which side changed: what the profile declares, or what was measured on the broker. */
  readonly what: 'declared' | 'measured';
}

/** What changed from an accepted report (before) to a new one (after) of the same profile. */
export interface Comparison {
  readonly profile: string;
  readonly before: { readonly target: string; readonly startedAt: string; readonly verdict: string };
  readonly after: { readonly target: string; readonly startedAt: string; readonly verdict: string };
  /** pass → fail, error or inconclusive: what gates CI. */
  readonly regressions: readonly RuleChange[];
  /** fail, error or inconclusive → pass. */
  readonly fixes: readonly RuleChange[];
  /** Any other verdict change (fail ↔ error ↔ inconclusive, to or from not applicable). */
  readonly changed: readonly RuleChange[];
  readonly added: readonly { readonly rule: string; readonly verdict: RuleVerdict }[];
  readonly removed: readonly { readonly rule: string; readonly verdict: RuleVerdict }[];
  readonly limits: readonly LimitChange[];
}

/**
 * The schemas compare reads: this one, and v1, whose verdicts are a subset of v2's (v1 reported an
 * inconclusive rule as an error), so an accepted v1 report still gates a v2 one.
 */
const READABLE_SCHEMAS: readonly string[] = [CERTIFICATION_SCHEMA, 'mqtt-harness/certification/v1'];

/**
 * Reads a certification report (from `certify`, or the per-rule rows of a `run` in reports/rules/) from
 * its JSON text; anything else is a usage error naming the file.
 */
export function parseReport(text: string, file: string): CertificationReport {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new UsageError(
      `compare: ${file} is not JSON; give two certification reports (reports/certification/*.json)`,
    );
  }
  const report = data as Partial<CertificationReport> | null;
  if (!report || typeof report !== 'object' || typeof report.schema !== 'string')
    throw new UsageError(
      `compare: ${file} is not a certification report (no "schema"); give reports/certification/*.json`,
    );
  if (!READABLE_SCHEMAS.includes(report.schema))
    throw new UsageError(
      `compare: ${file} has schema "${report.schema}", this harness reads ${READABLE_SCHEMAS.join(' and ')}; certify again with this version`,
    );
  if (!Array.isArray(report.rules) || !report.profile || !report.target)
    throw new UsageError(
      `compare: ${file} is not a complete certification report (no rules, profile or target)`,
    );
  return report as CertificationReport;
}

/** The two reports' differences; reports of different profiles are refused. */
export function compareReports(before: CertificationReport, after: CertificationReport): Comparison {
  if (before.profile.name !== after.profile.name)
    throw new UsageError(
      `compare: the reports judge different profiles (${before.profile.name}, ${after.profile.name}); compare two of one profile`,
    );
  const old = new Map(before.rules.map((row) => [row.rule, row]));
  const now = new Map(after.rules.map((row) => [row.rule, row]));
  const regressions: RuleChange[] = [];
  const fixes: RuleChange[] = [];
  const changed: RuleChange[] = [];
  for (const row of after.rules) {
    const was = old.get(row.rule);
    if (!was || was.verdict === row.verdict) continue;
    const first = row.evidence.find((e) => e.verdict === row.verdict);
    const why = first ? `${first.name}: ${first.counterexample ?? first.detail ?? ''}`.trim() : undefined;
    const change = { rule: row.rule, before: was.verdict, after: row.verdict, ...(why ? { why } : {}) };
    // A rule that passed and is no longer proven (failed, inconclusive, errored) gates CI as a regression.
    if (was.verdict === 'pass' && isUnsettled(row.verdict)) regressions.push(change);
    else if (isUnsettled(was.verdict) && row.verdict === 'pass') fixes.push(change);
    else changed.push(change);
  }
  const sort = <T extends { rule: string }>(items: T[]) =>
    items.sort((a, b) => compareRuleIds(a.rule, b.rule));
  return {
    profile: after.profile.name,
    before: { target: before.target.spec, startedAt: before.startedAt, verdict: before.verdict },
    after: { target: after.target.spec, startedAt: after.startedAt, verdict: after.verdict },
    regressions: sort(regressions),
    fixes: sort(fixes),
    changed: sort(changed),
    added: sort(
      after.rules.filter((r) => !old.has(r.rule)).map((r) => ({ rule: r.rule, verdict: r.verdict })),
    ),
    removed: sort(
      before.rules.filter((r) => !now.has(r.rule)).map((r) => ({ rule: r.rule, verdict: r.verdict })),
    ),
    limits: limitChanges(before, after),
  };
}

function limitChanges(before: CertificationReport, after: CertificationReport): LimitChange[] {
  const old = new Map(before.limits.map((row) => [row.limit, row]));
  const names = [...new Set([...before.limits, ...after.limits].map((row) => row.limit))];
  const now = new Map(after.limits.map((row) => [row.limit, row]));
  return names.flatMap((limit) => {
    const was = old.get(limit);
    const is = now.get(limit);
    return (['declared', 'measured'] as const)
      .filter((what) => was?.[what] !== is?.[what])
      .map((what) => ({
        limit,
        what,
        ...(was?.[what] === undefined ? {} : { before: was[what] }),
        ...(is?.[what] === undefined ? {} : { after: is[what] }),
      }));
  });
}

/** Whether nothing at all differs in verdicts, rules or limits. */
export function unchanged(c: Comparison): boolean {
  return [c.regressions, c.fixes, c.changed, c.added, c.removed, c.limits].every((list) => list.length === 0);
}

/** The comparison as terminal lines: one per difference, regressions first. */
export function comparisonLines(c: Comparison): string[] {
  const rule = (label: string, x: RuleChange) =>
    `${label.padEnd(11)} ${x.rule.padEnd(14)} ${x.before} → ${x.after}${x.why ? `  ${x.why.slice(0, 200)}` : ''}`;
  return [
    `${c.profile}: ${c.before.target} (${c.before.startedAt}, ${c.before.verdict}) → ${c.after.target} (${c.after.startedAt}, ${c.after.verdict})`,
    ...c.regressions.map((x) => rule('REGRESSION', x)),
    ...c.fixes.map((x) => rule('FIXED', x)),
    ...c.changed.map((x) => rule('CHANGED', x)),
    ...c.added.map((x) => `${'ADDED'.padEnd(11)} ${x.rule.padEnd(14)} ${x.verdict}`),
    ...c.removed.map((x) => `${'REMOVED'.padEnd(11)} ${x.rule.padEnd(14)} was ${x.verdict}`),
    ...c.limits.map(
      (x) => `${'LIMIT'.padEnd(11)} ${x.limit} (${x.what}): ${x.before ?? '—'} → ${x.after ?? '—'}`,
    ),
    `${c.regressions.length} regressions, ${c.fixes.length} fixes, ${c.changed.length} other changes, ` +
      `${c.added.length} rules added, ${c.removed.length} removed, ${c.limits.length} limit changes`,
  ];
}

/** The comparison as Markdown, for a CI artefact or a pull-request comment. */
export function comparisonMarkdown(c: Comparison): string {
  const cell = (text: string) => text.replace(/\s*\n\s*/g, ' ').replace(/\|/g, '\\|');
  const table = (title: string, head: string, rows: string[]) =>
    rows.length === 0
      ? []
      : [`## ${title}`, '', head, `|${'---|'.repeat(head.split('|').length - 2)}`, ...rows, ''];
  return [
    `# Comparison: ${c.profile}`,
    '',
    `- Before: \`${c.before.target}\`, ${c.before.startedAt}, verdict ${c.before.verdict}`,
    `- After: \`${c.after.target}\`, ${c.after.startedAt}, verdict ${c.after.verdict}`,
    `- **${c.regressions.length} regressions**, ${c.fixes.length} fixes, ${c.changed.length} other changes, ` +
      `${c.added.length} rules added, ${c.removed.length} removed, ${c.limits.length} limit changes`,
    '',
    ...table(
      'Regressions (pass → fail, error or inconclusive)',
      '| Rule | Before | After | Why |',
      c.regressions.map((x) => `| ${x.rule} | ${x.before} | ${x.after} | ${cell(x.why ?? '')} |`),
    ),
    ...table(
      'Fixes',
      '| Rule | Before | After |',
      c.fixes.map((x) => `| ${x.rule} | ${x.before} | ${x.after} |`),
    ),
    ...table(
      'Other changes',
      '| Rule | Before | After | Why |',
      c.changed.map((x) => `| ${x.rule} | ${x.before} | ${x.after} | ${cell(x.why ?? '')} |`),
    ),
    ...table(
      'Rules added',
      '| Rule | Verdict |',
      c.added.map((x) => `| ${x.rule} | ${x.verdict} |`),
    ),
    ...table(
      'Rules removed',
      '| Rule | Verdict before |',
      c.removed.map((x) => `| ${x.rule} | ${x.verdict} |`),
    ),
    ...table(
      'Limits',
      '| Limit | What | Before | After |',
      c.limits.map((x) => `| ${x.limit} | ${x.what} | ${cell(x.before ?? '—')} | ${cell(x.after ?? '—')} |`),
    ),
  ].join('\n');
}
