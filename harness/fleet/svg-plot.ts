import { escapeHtml as escapeXml } from '../report/html-parts.ts';
/** A series of a line plot; null leaves a gap. */
export interface Series {
  readonly name: string;
  readonly values: readonly (number | null)[];
}

const COLOURS = ['#1f77b4', '#d62728', '#2ca02c', '#ff7f0e', '#9467bd'];
const W = 900;
const H = 260;
const PAD = { left: 70, right: 20, top: 30, bottom: 40 };

/**
 * A plain inline SVG line plot (no scripts, no external files), so index.html opens anywhere. With
 * `percentileAxis` the x axis is the HDR one: 0, 90, 99, 99.9 … spread evenly by -log10(1 - p).
 */
export function linePlot(
  title: string,
  xLabel: string,
  yLabel: string,
  xs: readonly number[],
  series: readonly Series[],
  percentileAxis = false,
): string {
  const xOf = (x: number) => (percentileAxis ? -Math.log10(Math.max(1e-5, 1 - x / 100)) : x);
  const xsMapped = xs.map(xOf);
  const xMax = Math.max(1e-9, ...xsMapped);
  const xMin = Math.min(0, ...xsMapped);
  const all = series.flatMap((s) => s.values.filter((v): v is number => v !== null));
  const yMax = Math.max(1, ...all) * 1.05;
  const px = (x: number) => PAD.left + ((x - xMin) / (xMax - xMin || 1)) * (W - PAD.left - PAD.right);
  const py = (y: number) => H - PAD.bottom - (y / yMax) * (H - PAD.top - PAD.bottom);
  const paths = series.map((s, index) => {
    let d = '';
    let pen = 'M';
    s.values.forEach((value, i) => {
      if (value === null || xsMapped[i] === undefined) {
        pen = 'M';
        return;
      }
      d += `${pen}${px(xsMapped[i]).toFixed(1)},${py(value).toFixed(1)} `;
      pen = 'L';
    });
    const colour = COLOURS[index % COLOURS.length];
    return `<path d="${d.trim()}" fill="none" stroke="${colour}" stroke-width="1.5"/>`;
  });
  const legend = series.map(
    (s, index) =>
      `<text x="${PAD.left + 10 + index * 200}" y="${PAD.top - 8}" fill="${COLOURS[index % COLOURS.length]}" font-size="12">${escapeXml(s.name)}</text>`,
  );
  const yTicks = [0, 0.25, 0.5, 0.75, 1].map((f) => {
    const value = (yMax / 1.05) * f;
    return `<text x="${PAD.left - 6}" y="${py(value) + 4}" font-size="11" text-anchor="end">${formatNumber(value)}</text><line x1="${PAD.left}" x2="${W - PAD.right}" y1="${py(value)}" y2="${py(value)}" stroke="#eee"/>`;
  });
  const xTickValues = percentileAxis
    ? [0, 90, 99, 99.9, 99.99]
    : [0, 0.25, 0.5, 0.75, 1].map((f) => xMin + (xMax - xMin) * f);
  const xTicks = xTickValues.map(
    (x) =>
      `<text x="${px(percentileAxis ? xOf(x) : x)}" y="${H - PAD.bottom + 16}" font-size="11" text-anchor="middle">${formatNumber(x)}</text>`,
  );
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" role="img" aria-label="${escapeXml(title)}">
<text x="${W / 2}" y="16" font-size="14" text-anchor="middle" font-weight="bold">${escapeXml(title)}</text>
${yTicks.join('')}${xTicks.join('')}
<text x="${W / 2}" y="${H - 6}" font-size="12" text-anchor="middle">${escapeXml(xLabel)}</text>
<text x="14" y="${H / 2}" font-size="12" transform="rotate(-90 14 ${H / 2})" text-anchor="middle">${escapeXml(yLabel)}</text>
${legend.join('')}${paths.join('')}${all.length === 0 ? `<text x="${W / 2}" y="${H / 2}" text-anchor="middle" fill="#999">no data</text>` : ''}
</svg>`;
}

function formatNumber(value: number): string {
  return Math.abs(value) >= 100 ? Math.round(value).toString() : Number(value.toPrecision(3)).toString();
}
