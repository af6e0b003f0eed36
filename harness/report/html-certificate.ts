import { redactUrl } from '../net/redact-url.ts';
import { AREAS } from '../rules/registry.ts';
import { harnessVersion } from './allure-metadata.ts';
import type { CertificationReport, RuleRow } from './certification.ts';
import {
  escapeHtml,
  evidenceDetails,
  htmlPage,
  ruleArea,
  ruleTextHtml,
  safe,
  verdictBadge,
  verdictClass,
  verdictReason,
} from './html-parts.ts';

/**
 * The certificate a vendor hands a customer: `reports/certification/<target>-<profile>.html`, built
 * from the certification report alone (the same data as the JSON and the Markdown). One file, no
 * script, no external asset; readable on screen, printable on A4.
 */
export function certificationHtml(report: CertificationReport): string {
  const target = redactUrl(report.target.spec);
  const title = `Certification: ${target} × ${report.profile.name} — ${report.verdict.toUpperCase()}`;
  return htmlPage(
    title,
    [
      header(report, target),
      rulesSection(report),
      limitsSection(report),
      notCovered(report),
      footer(report),
    ].join('\n'),
  );
}

function header(report: CertificationReport, target: string): string {
  const c = report.counts;
  const facts: [string, string][] = [
    ['Target', `<code>${safe(target)}</code>`],
    ['Broker software', safe(report.target.software)],
    ['Profile', `${escapeHtml(report.profile.name)} — ${safe(report.profile.title)}`],
    ['Date', `${escapeHtml(report.startedAt)} (${(report.durationMs / 1000).toFixed(1)} s)`],
    [
      'Property seed',
      report.seed === undefined
        ? 'none (no property tests ran)'
        : `${report.seed} (replay: <code>mqtt-harness certify --seed ${report.seed}</code>)`,
    ],
    ...(report.target.p2p ? ([['P2P mode', escapeHtml(report.target.p2p)]] as [string, string][]) : []),
    ...(report.target.mq ? ([['MQ side', safe(report.target.mq)]] as [string, string][]) : []),
    ['Duplicate client IDs', escapeHtml(report.profile.duplicateId)],
    ['Authentication', safe(report.profile.auth)],
    ['Exit code', String(report.exitCode)],
  ];
  return [
    `<div class="verdict ${verdictClass(report.verdict)}">`,
    `<div class="big">${escapeHtml(report.verdict.toUpperCase())}</div>`,
    '<div class="sub">',
    `<h1>MQTT broker certification: ${safe(target)} × ${escapeHtml(report.profile.name)}</h1>`,
    `<div>${c.pass} rules pass, ${c.fail} fail, ${c.inconclusive} inconclusive, ${c.error} error, ${c['not applicable']} not applicable</div>`,
    '</div>',
    '</div>',
    '<dl class="facts">',
    ...facts.map(([name, value]) => `<dt>${escapeHtml(name)}</dt><dd>${value}</dd>`),
    '</dl>',
    ...(report.problems.length > 0
      ? [
          '<div class="problems"><strong>Problems (each makes the verdict an error):</strong><ul>',
          ...report.problems.map((problem) => `<li>${safe(problem)}</li>`),
          '</ul></div>',
        ]
      : []),
  ].join('\n');
}

/** Every rule judged, grouped by area in the registry's order, with its text, verdict and evidence. */
function rulesSection(report: CertificationReport): string {
  const byArea = new Map<string, RuleRow[]>();
  for (const row of report.rules)
    byArea.set(ruleArea(row.rule), [...(byArea.get(ruleArea(row.rule)) ?? []), row]);
  const order = (area: string) => {
    const index = AREAS.findIndex((known) => known.id === area);
    return index < 0 ? AREAS.length : index;
  };
  const areas = [...byArea.keys()].sort((a, b) => order(a) - order(b));
  return [
    `<h2>Rules (${report.rules.length})</h2>`,
    ...areas.map((area) => {
      const known = AREAS.find((a) => a.id === area);
      return [
        `<h3>${escapeHtml(area)}${known ? ` — ${escapeHtml(known.title)}` : ''}</h3>`,
        '<table>',
        '<colgroup><col class="rule"><col><col class="verdict"><col></colgroup>',
        '<thead><tr><th>Rule</th><th>What it says</th><th>Verdict</th><th>Evidence</th></tr></thead>',
        '<tbody>',
        ...(byArea.get(area) ?? []).map(ruleRowHtml),
        '</tbody>',
        '</table>',
      ].join('\n');
    }),
  ].join('\n');
}

function ruleRowHtml(row: RuleRow): string {
  const reason = row.verdict === 'pass' ? '' : `<span class="reason">${safe(verdictReason(row))}</span>`;
  return [
    `<tr id="rule-${escapeHtml(row.rule)}" class="${verdictClass(row.verdict)}">`,
    `<td><strong>${escapeHtml(row.rule)}</strong></td>`,
    `<td>${ruleTextHtml(row.rule)}</td>`,
    `<td>${verdictBadge(row.verdict)}${reason}</td>`,
    `<td>${evidenceDetails(row)}</td>`,
    '</tr>',
  ].join('\n');
}

function limitsSection(report: CertificationReport): string {
  if (report.limits.length === 0)
    return '<h2>Limits</h2>\n<p>Not measured in this run (<code>--no-limits</code>, or the broker was not there).</p>';
  return [
    '<h2>Limits: declared by the profile, measured on the broker</h2>',
    '<table>',
    '<colgroup><col class="limit"><col><col><col></colgroup>',
    '<thead><tr><th>Limit</th><th>Declared</th><th>Measured</th><th>How</th></tr></thead>',
    '<tbody>',
    ...report.limits.map((row) => {
      // A measurement unlike the declaration is marked; it is a finding, judged by its rule above.
      const differs =
        row.declared !== undefined &&
        row.measured !== undefined &&
        !row.declared.startsWith('not judged') &&
        row.declared.trim() !== row.measured.trim();
      return (
        `<tr><td>${escapeHtml(row.limit)}</td><td>${safe(row.declared ?? '—')}</td>` +
        `<td${differs ? ' class="differs"' : ''}><strong>${safe(row.measured ?? '—')}</strong>` +
        `${differs ? ' <span class="reason">≠ declared</span>' : ''}</td><td>${safe(row.note)}</td></tr>`
      );
    }),
    '</tbody>',
    '</table>',
  ].join('\n');
}

function notCovered(report: CertificationReport): string {
  if (report.notCovered.length === 0) return '';
  return [
    `<h2>Not covered by this run (${report.notCovered.length})</h2>`,
    '<p>Rules of the profile that no scenario or property of this run checked:</p>',
    '<ul>',
    ...report.notCovered.map(
      (rule) => `<li><strong>${escapeHtml(rule)}</strong>: ${ruleTextHtml(rule)}</li>`,
    ),
    '</ul>',
  ].join('\n');
}

function footer(report: CertificationReport): string {
  return (
    `<footer>Written by mqtt-harness ${escapeHtml(harnessVersion())} from the certification report ` +
    `(<code>${escapeHtml(report.schema)}</code>; the same data as the .json and .md beside this file). ` +
    'A rule fails only on wire behaviour it forbids; an inconclusive rule met a precondition the broker ' +
    'did not fulfil, and an error is no verdict on the rule.</footer>'
  );
}
