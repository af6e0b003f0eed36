import { ruleById } from '../rules/registry.ts';
import type { CertificationReport, Evidence, RuleRow } from './certification.ts';
import { isUnsettled } from './verdicts.ts';

const MARK: Record<RuleRow['verdict'], string> = {
  pass: '✅ pass',
  fail: '❌ fail',
  inconclusive: '❔ inconclusive',
  'not applicable': '➖ not applicable',
  error: '⚠️ error',
};

/** The anchor of a rule's evidence section (`rule-cid-2`), which the certification matrix links to. */
export function ruleAnchor(rule: string): string {
  return `rule-${rule.toLowerCase()}`;
}

/** The Markdown view of a certification report: one row per rule, then the evidence and the limits. */
export function certificationMarkdown(report: CertificationReport): string {
  const lines = [
    `# Certification: ${report.target.spec} × ${report.profile.name}`,
    '',
    `- **Verdict: ${report.verdict}** (exit code ${report.exitCode}) — ${report.counts.pass} pass, ${report.counts.fail} fail, ` +
      `${report.counts.inconclusive} inconclusive, ${report.counts['not applicable']} not applicable, ${report.counts.error} error`,
    `- Target: \`${report.target.spec}\` (${report.target.software})`,
    ...(report.target.p2p ? [`- P2P mode: ${report.target.p2p}`] : []),
    ...(report.target.mq ? [`- MQ side: ${report.target.mq}`] : []),
    `- Profile: ${report.profile.title}; duplicate client IDs: ${report.profile.duplicateId}; auth: ${report.profile.auth}`,
    ...(report.profile.provisioning
      ? [
          `- Provisioned: groups ${report.profile.provisioning.groupIds.join(', ')}; parent topics ${report.profile.provisioning.parentTopics.join(', ')}`,
        ]
      : []),
    `- Run: ${report.startedAt}, ${(report.durationMs / 1000).toFixed(1)} s${report.seed === undefined ? '' : `, property seed ${report.seed} (replay with \`--seed ${report.seed}\`)`}`,
    `- Schema: \`${report.schema}\``,
    '',
    ...report.problems.map((problem) => `> ⚠️ ${problem}`),
    ...(report.problems.length > 0 ? [''] : []),
    '## Rules',
    '',
    '| Rule | What it says | Verdict | Checks | Evidence |',
    '|---|---|---|---|---|',
    ...report.rules.map(
      (row) =>
        `| ${row.rule} | ${cell(ruleText(row.rule))} | ${MARK[row.verdict]} | ${row.counts.pass}/${row.evidence.length} pass | ${cell(headline(row))} |`,
    ),
    '',
    '## Limits: declared vs measured',
    '',
    '| Limit | Declared by the profile | Measured on the broker | How |',
    '|---|---|---|---|',
    ...report.limits.map(
      (row) => `| ${row.limit} | ${row.declared ?? '—'} | ${row.measured ?? '—'} | ${cell(row.note)} |`,
    ),
    '',
  ];
  const failing = report.rules.filter((row) => isUnsettled(row.verdict));
  if (failing.length > 0) {
    lines.push('## Evidence for failed, errored and inconclusive rules', '');
    for (const row of failing) {
      lines.push(`### <a id="${ruleAnchor(row.rule)}"></a>${row.rule} — ${row.verdict}`, '');
      for (const evidence of row.evidence.filter((e) => isUnsettled(e.verdict)))
        lines.push(evidenceLine(evidence));
      lines.push('');
    }
  }
  if (report.notCovered.length > 0) {
    lines.push(
      '## Not covered by this run',
      '',
      'Rules of the profile that no scenario or property checked yet:',
      '',
      ...report.notCovered.map((rule) => `- ${rule}: ${ruleText(rule)}${designNote(rule)}`),
      '',
    );
  }
  return lines.join('\n');
}

function headline(row: RuleRow): string {
  const first = row.evidence[0];
  if (!first) return '';
  if (row.verdict === 'pass') return `${row.counts.pass} scenario(s)/properties passed`;
  return `${first.name}${first.location ? ` (${first.location})` : ''}: ${first.counterexample ?? first.detail ?? ''}`;
}

function evidenceLine(evidence: Evidence): string {
  const where = evidence.location ? ` — \`${evidence.location}\`` : '';
  const replay =
    evidence.seed === undefined
      ? ''
      : ` (seed ${evidence.seed}${evidence.path ? `, path ${evidence.path}` : ''})`;
  const example = evidence.counterexample
    ? `\n  - counter-example: \`${evidence.counterexample}\`${replay}`
    : '';
  return `- **${evidence.verdict}** ${evidence.kind} "${evidence.name}"${where}\n  - ${evidence.detail ?? ''}${example}`;
}

/** The registry's text of a rule (docs/rules.md has them all); a report from an older run may name others. */
function ruleText(rule: string): string {
  return ruleById(rule)?.text ?? '(not in this version of the rule registry)';
}

/** A design rule is checked on the simulated systems' plans, which a certification run does not include. */
function designNote(rule: string): string {
  return ruleById(rule)?.check === 'design'
    ? ' (a design rule: the solution scenarios check it, `mqtt-harness run features/solutions`)'
    : '';
}

/** Table cells hold one line without pipes. */
function cell(text: string): string {
  const line = text.replace(/\s*\n\s*/g, ' ').replace(/\|/g, '\\|');
  return line.length > 240 ? `${line.slice(0, 237)}…` : line;
}
