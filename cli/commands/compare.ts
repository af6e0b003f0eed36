import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { UsageError } from '../../harness/errors.ts';
import {
  compareReports,
  comparisonLines,
  comparisonMarkdown,
  parseReport,
} from '../../harness/report/compare.ts';
import { parseOptions } from '../options.ts';

const HELP = `usage: mqtt-harness compare BEFORE.json AFTER.json [--md FILE]

Compares two certification reports of one profile (reports/certification/<target>-<profile>.json, or the
per-rule rows of two runs, reports/rules/<target>-<profile>.json): the rules that regressed (pass → fail,
error or inconclusive), were fixed, changed otherwise, were added or removed, and the limits that changed. BEFORE is
the accepted report, AFTER the new one.

options:
  --md FILE   also write the comparison as Markdown

exit codes: 0 nothing regressed, 1 a rule regressed, 2 usage error (not a report, different profiles or
schema versions)`;

export async function compareCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parseOptions('compare', argv, { md: { type: 'string' } }, true);
  if (values.help) {
    console.log(HELP);
    return 0;
  }
  const [beforeFile, afterFile, ...extra] = positionals;
  if (!beforeFile || !afterFile || extra.length > 0)
    throw new UsageError(
      'compare: give two reports, BEFORE.json AFTER.json (see "mqtt-harness compare --help")',
    );
  const comparison = compareReports(await read(beforeFile), await read(afterFile));
  for (const line of comparisonLines(comparison)) console.log(line);
  if (values.md) {
    await mkdir(path.dirname(path.resolve(values.md)), { recursive: true });
    await writeFile(values.md, comparisonMarkdown(comparison));
    console.log(`mqtt-harness: comparison in ${values.md}`);
  }
  return comparison.regressions.length > 0 ? 1 : 0;
}

async function read(file: string) {
  const text = await readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
    throw new UsageError(`compare: cannot read ${file} (${error.code ?? error.message})`);
  });
  return parseReport(text, file);
}
