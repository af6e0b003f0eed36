import { escapeHtml as esc } from './html-parts.ts';
import type { CertificationMatrix, MatrixCell, MatrixColumn } from './matrix.ts';

const MARK: Record<MatrixCell['verdict'], string> = {
  pass: '✅ pass',
  fail: '❌ fail',
  inconclusive: '❔ inconclusive',
  'not applicable': '➖ n/a',
  error: '⚠️ error',
  absent: '· not checked',
};

function columnTitle(column: MatrixColumn): string {
  return column.software === 'unknown' ? column.target : `${column.target} (${column.software})`;
}

/** The matrix as Markdown: the brokers, then one table per rule area, rule × broker. */
export function matrixMarkdown(matrix: CertificationMatrix): string {
  const cell = (text: string) => text.replace(/\s*\n\s*/g, ' ').replace(/\|/g, '\\|');
  const mdCell = (c: MatrixCell) => {
    const mark = c.evidence ? `[${MARK[c.verdict]}](${c.evidence})` : MARK[c.verdict];
    return c.reason && c.verdict !== 'pass' ? `${mark}: ${cell(c.reason)}` : mark;
  };
  const header = `| Rule | What it says | ${matrix.columns.map((c) => cell(columnTitle(c))).join(' | ')} |`;
  const rule = `|---|---|${matrix.columns.map(() => '---|').join('')}`;
  return [
    `# Certification matrix: ${matrix.profile}`,
    '',
    `- Run: ${matrix.startedAt}; exit code ${matrix.exitCode} (the worst of the brokers')`,
    `- Schema: \`${matrix.schema}\`; each cell is the verdict of the broker's own report, linked to its evidence`,
    '',
    '| Broker | Software | Verdict | Report | Problems |',
    '|---|---|---|---|---|',
    ...matrix.columns.map(
      (c) =>
        `| \`${c.target}\` | ${cell(c.software)} | ${c.verdict} (exit ${c.exitCode}) | ` +
        `${c.report ? `[${c.report}.md](${c.report}.md)` : '—'} | ${cell(c.problems.join('; ') || '—')} |`,
    ),
    '',
    ...matrix.areas.flatMap((area) => [
      `## ${area.area} — ${area.title}`,
      '',
      header,
      rule,
      ...area.rows.map((row) => `| ${row.rule} | ${cell(row.text)} | ${row.cells.map(mdCell).join(' | ')} |`),
      '',
    ]),
  ].join('\n');
}

/** In HTML without emoji, which a machine without an emoji font (a CI runner) shows as empty boxes. */
const HTML_MARK: Record<MatrixCell['verdict'], string> = {
  pass: '✓ pass',
  fail: '✗ fail',
  inconclusive: '? inconclusive',
  'not applicable': '– n/a',
  error: '! error',
  absent: '· not checked',
};

const COLOUR: Record<MatrixCell['verdict'], string> = {
  pass: '#d9f2d9',
  fail: '#f8d0d0',
  inconclusive: '#e6ddfa',
  'not applicable': '#ececec',
  error: '#fbe7b5',
  absent: '#ffffff',
};

/** The matrix as one self-contained HTML page (no external assets), printable. */
export function matrixHtml(matrix: CertificationMatrix): string {
  const td = (c: MatrixCell) => {
    const mark = c.evidence
      ? `<a href="${esc(c.evidence)}">${HTML_MARK[c.verdict]}</a>`
      : HTML_MARK[c.verdict];
    const reason = c.reason && c.verdict !== 'pass' ? `<div class="why">${esc(c.reason)}</div>` : '';
    return `<td style="background:${COLOUR[c.verdict]}">${mark}${reason}</td>`;
  };
  const heads = matrix.columns
    .map((c) => `<th>${esc(c.target)}<div class="sw">${esc(c.software)} · ${c.verdict}</div></th>`)
    .join('');
  const areas = matrix.areas
    .map(
      (area) =>
        `<tr class="area"><th colspan="${2 + matrix.columns.length}">${esc(area.area)} — ${esc(area.title)}</th></tr>\n` +
        area.rows
          .map(
            (row) =>
              `<tr><th class="rule">${esc(row.rule)}</th><td class="text">${esc(row.text)}</td>${row.cells.map(td).join('')}</tr>`,
          )
          .join('\n'),
    )
    .join('\n');
  const brokers = matrix.columns
    .map(
      (c) =>
        `<li><code>${esc(c.target)}</code> — ${esc(c.software)}: <b>${c.verdict}</b> (exit ${c.exitCode})` +
        `${c.report ? `, <a href="${esc(c.report)}.md">report</a>` : ''}${c.problems.length ? `; ${esc(c.problems.join('; '))}` : ''}</li>`,
    )
    .join('\n');
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Certification matrix: ${esc(matrix.profile)}</title>
<style>
body{font:14px/1.4 system-ui,sans-serif;margin:1.5em;color:#222}
table{border-collapse:collapse;width:100%}
th,td{border:1px solid #bbb;padding:4px 6px;vertical-align:top;text-align:left}
thead th{position:sticky;top:0;background:#f4f4f4}
tr.area th{background:#e4e8f0;font-size:1.05em}
th.rule{white-space:nowrap;font-weight:600}
td.text{max-width:32em}
.sw{font-weight:normal;color:#555;font-size:.9em}
.why{font-size:.85em;color:#444;max-width:24em;overflow-wrap:anywhere}
a{color:inherit}
@media print{thead th{position:static}a{text-decoration:none}}
</style></head><body>
<h1>Certification matrix: ${esc(matrix.profile)}</h1>
<p>Run ${esc(matrix.startedAt)}; exit code ${matrix.exitCode} (the worst of the brokers'). Each cell is the verdict of
the broker's own certification report; a failed, inconclusive or errored cell links to its evidence there.</p>
<ul>
${brokers}
</ul>
<table><thead><tr><th>Rule</th><th>What it says</th>${heads}</tr></thead>
<tbody>
${areas}
</tbody></table>
</body></html>
`;
}
