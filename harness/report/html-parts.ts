import { redactUrlsIn } from '../net/redact-url.ts';
import { ruleById } from '../rules/registry.ts';
import type { Evidence, RuleRow } from './certification.ts';
import { isUnsettled, type RuleVerdict } from './verdicts.ts';

/**
 * The pieces of the harness's HTML reports (the certificate, html-certificate.ts; a matrix can reuse
 * them): escaped text, verdict badges, a rule's evidence on demand, one stylesheet. Self-contained:
 * inline CSS, no script, no external asset, printable.
 */

/** Text as HTML: every report string (rule texts, evidence, broker output) goes through here. */
export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** Escaped, with any URL's password masked: evidence may quote a broker URL. */
export function safe(text: string): string {
  return escapeHtml(redactUrlsIn(text));
}

const MARK: Record<RuleVerdict, string> = {
  pass: '✔ pass',
  fail: '✘ fail',
  inconclusive: '? inconclusive',
  'not applicable': '– not applicable',
  error: '⚠ error',
};

/** A verdict as a coloured badge; the mark keeps it readable in black and white. */
export function verdictBadge(verdict: RuleVerdict): string {
  return `<span class="badge ${verdictClass(verdict)}">${MARK[verdict]}</span>`;
}

export function verdictClass(verdict: RuleVerdict): string {
  return `v-${verdict.replace(/ /g, '-')}`;
}

/** The registry's text of a rule; a report from another version may name a rule this one lacks. */
export function ruleText(rule: string): string {
  return ruleById(rule)?.text ?? '(not in this version of the rule registry)';
}

/** A rule's text as HTML: escaped, its `code` spans as <code>. */
export function ruleTextHtml(rule: string): string {
  return escapeHtml(ruleText(rule)).replace(/`([^`]+)`/g, '<code>$1</code>');
}

/** The rule's area (`CID`, `MQTT-3.1.1` …), for grouping rows. */
export function ruleArea(rule: string): string {
  return ruleById(rule)?.area ?? 'other';
}

/** The one-line reason of a rule's verdict: the first failing (erroring, inconclusive) item's detail. */
export function verdictReason(row: RuleRow): string {
  if (row.verdict === 'pass') return `${row.counts.pass} of ${row.evidence.length} checks passed`;
  const first = row.evidence.find((e) => e.verdict === row.verdict) ?? row.evidence[0];
  if (!first) return '';
  const line =
    (first.counterexample ? `counter-example ${first.counterexample}: ` : '') + (first.detail ?? '');
  // The error's type (`AssertionError [ERR_ASSERTION]: `) says nothing to a reader of a certificate.
  return (line.split('\n')[0] ?? '').replace(/^\w+(?: \[\w+\])?: (?=\[|inconclusive)/, '');
}

/**
 * A rule's evidence on demand: a `<details>` whose summary says how many checks bore on the rule;
 * open from the start when the rule did not pass, so a printout shows what went wrong, with the
 * checks that passed folded away beneath.
 */
export function evidenceDetails(row: RuleRow, id?: string): string {
  const open = isUnsettled(row.verdict) ? ' open' : '';
  const counts = (['pass', 'fail', 'inconclusive', 'error', 'not applicable'] as const)
    .filter((verdict) => row.counts[verdict] > 0)
    .map((verdict) => `${row.counts[verdict]} ${verdict}`)
    .join(', ');
  const passed = row.evidence.filter((e) => e.verdict === 'pass');
  const others = row.evidence.filter((e) => e.verdict !== 'pass');
  const folded =
    open && passed.length > 0
      ? [
          `<li><details><summary>${passed.length} passing check${passed.length === 1 ? '' : 's'}</summary>`,
          '<ul class="evidence">',
          ...passed.map(evidenceItem),
          '</ul></details></li>',
        ]
      : passed.map(evidenceItem);
  return [
    `<details${open}${id ? ` id="${escapeHtml(id)}"` : ''}>`,
    `<summary>${row.evidence.length} check${row.evidence.length === 1 ? '' : 's'}: ${escapeHtml(counts)}</summary>`,
    '<ul class="evidence">',
    ...others.map(evidenceItem),
    ...folded,
    '</ul>',
    '</details>',
  ].join('\n');
}

function evidenceItem(evidence: Evidence): string {
  const facts = [
    evidence.location ? `<code>${safe(evidence.location)}</code>` : '',
    evidence.runs === undefined ? '' : `${evidence.runs} runs`,
    evidence.seed === undefined ? '' : `seed ${evidence.seed}`,
    evidence.path ? `path <code>${safe(evidence.path)}</code>` : '',
  ].filter(Boolean);
  return [
    `<li class="${verdictClass(evidence.verdict)}">`,
    `${verdictBadge(evidence.verdict)} <span class="kind">${escapeHtml(evidence.kind)}</span> ${safe(evidence.name)}`,
    facts.length > 0 ? `<div class="facts">${facts.join(' · ')}</div>` : '',
    evidence.counterexample
      ? `<div>counter-example: <code class="wrap">${safe(evidence.counterexample)}</code></div>`
      : '',
    evidence.detail ? `<pre>${safe(evidence.detail)}</pre>` : '',
    '</li>',
  ]
    .filter(Boolean)
    .join('\n');
}

/** One stylesheet for screen and paper: A4 portrait, rows kept whole, colours kept for badges. */
export const REPORT_CSS = `
:root { --pass: #1a7f37; --fail: #c62828; --error: #b26a00; --inconclusive: #6d28d9; --na: #6b7280; --line: #d8dee4; --ink: #1f2328; }
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", sans-serif; color: var(--ink); background: #f6f8fa; }
main { max-width: 1100px; margin: 0 auto; padding: 24px; background: #fff; }
h1 { font-size: 24px; margin: 0 0 4px; }
h2 { font-size: 18px; margin: 28px 0 8px; border-bottom: 2px solid var(--line); padding-bottom: 4px; }
h3 { font-size: 15px; margin: 18px 0 6px; }
.verdict { display: flex; align-items: center; gap: 20px; padding: 16px 20px; border-radius: 8px; border: 2px solid; margin-bottom: 16px; }
.verdict .big { font-size: 30px; font-weight: 700; letter-spacing: 1px; }
.verdict.v-pass { border-color: var(--pass); background: #e9f6ec; color: var(--pass); }
.verdict.v-fail { border-color: var(--fail); background: #fdecea; color: var(--fail); }
.verdict.v-error { border-color: var(--error); background: #fff4e0; color: var(--error); }
.verdict.v-inconclusive { border-color: var(--inconclusive); background: #f3efff; color: var(--inconclusive); }
.verdict .sub { color: var(--ink); }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: 4px 16px; margin: 0 0 8px; }
dl.facts dt { font-weight: 600; }
dl.facts dd { margin: 0; overflow-wrap: anywhere; }
.problems { border-left: 4px solid var(--error); background: #fff8ec; padding: 8px 12px; }
table { width: 100%; border-collapse: collapse; margin: 4px 0 12px; table-layout: fixed; }
th, td { border-bottom: 1px solid var(--line); padding: 6px 8px; text-align: left; vertical-align: top; overflow-wrap: anywhere; }
th { background: #f0f3f6; font-weight: 600; }
col.rule { width: 110px; } col.verdict { width: 130px; } col.limit { width: 24%; }
.badge { display: inline-block; padding: 1px 7px; border-radius: 10px; font-size: 12px; font-weight: 600; white-space: nowrap; border: 1px solid; }
.badge.v-pass { color: var(--pass); border-color: var(--pass); background: #e9f6ec; }
.badge.v-fail { color: var(--fail); border-color: var(--fail); background: #fdecea; }
.badge.v-error { color: var(--error); border-color: var(--error); background: #fff4e0; }
.badge.v-inconclusive { color: var(--inconclusive); border-color: var(--inconclusive); background: #f3efff; }
.badge.v-not-applicable { color: var(--na); border-color: var(--na); background: #f3f4f6; }
.reason { display: block; color: #57606a; font-size: 12px; margin-top: 2px; }
details summary { cursor: pointer; color: #0969da; }
ul.evidence { list-style: none; padding: 0; margin: 6px 0 0; }
ul.evidence li { border-top: 1px dashed var(--line); padding: 6px 0; }
ul.evidence .kind { color: #57606a; font-size: 12px; text-transform: uppercase; }
ul.evidence .facts { color: #57606a; font-size: 12px; }
pre { white-space: pre-wrap; overflow-wrap: anywhere; background: #f6f8fa; padding: 6px 8px; margin: 4px 0 0; font-size: 12px; border-radius: 4px; }
code { font-size: 12px; }
code.wrap { overflow-wrap: anywhere; }
td.differs strong { color: var(--fail); }
footer { margin-top: 28px; color: #57606a; font-size: 12px; border-top: 1px solid var(--line); padding-top: 8px; }
@media print {
  @page { size: A4; margin: 14mm; }
  body { background: #fff; font-size: 10.5pt; }
  main { max-width: none; padding: 0; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  h2, h3 { break-after: avoid; }
  /* A row may run over a page (a failing rule's evidence can be long); one piece of evidence may not. */
  tr { break-inside: auto; }
  ul.evidence li, dl.facts, .verdict { break-inside: avoid; }
  details summary { color: var(--ink); }
  pre { background: none; border: 1px solid var(--line); }
}
`;

/** A whole page: one file, inline CSS, no script. */
export function htmlPage(title: string, body: string): string {
  return [
    '<!doctype html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(title)}</title>`,
    `<style>${REPORT_CSS}</style>`,
    '</head>',
    '<body>',
    '<main>',
    body,
    '</main>',
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
