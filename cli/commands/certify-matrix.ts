import { readFileSync } from 'node:fs';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { UsageError } from '../../harness/errors.ts';
import { targetSlug, type CertificationReport } from '../../harness/report/certification.ts';
import { certificationJUnit } from '../../harness/report/junit-cases.ts';
import { buildMatrix, type CertificationMatrix, type MatrixInput } from '../../harness/report/matrix.ts';
import { matrixHtml, matrixMarkdown } from '../../harness/report/matrix-render.ts';
import { certifyInChild, withoutOption } from '../certify-repeat.ts';
import { certifySeed } from '../certify-seed.ts';
import { resolveRunOptions } from '../run-options.ts';
import { writeJUnit } from '../run-reports.ts';
import { CERTIFICATION_DIR, certifyCommand } from './certify.ts';

/**
 * `certify` with one broker is certify.ts; with several (`--broker A --broker B`, `--brokers FILE`) each
 * is certified in turn, in a child process of its own — started, judged and stopped as a single
 * `certify` would (cucumber's steps load once per process) — and the matrix is written beside their
 * reports: reports/certification/matrix-<profile>.{json,md,html}. Exit code: the worst of the brokers'.
 */
export async function certifyCommandOrMatrix(argv: string[]): Promise<number> {
  const targets = [
    ...optionValues(argv, '--broker'),
    ...optionValues(argv, '--brokers').flatMap(brokersFile),
  ];
  if (targets.length <= 1 && optionValues(argv, '--brokers').length === 0) return certifyCommand(argv);
  if (argv.includes('--help') || argv.includes('-h')) return certifyCommand(['--help']);
  return certifyMatrix(argv, targets);
}

async function certifyMatrix(argv: string[], targets: readonly string[]): Promise<number> {
  if (targets.length === 0)
    throw new UsageError('certify: --brokers names no target (one per line, # comments)');
  const twice = targets.find((target, i) => targets.indexOf(target) !== i);
  if (twice) throw new UsageError(`certify: ${twice} is given twice; each broker once`);
  if (optionValues(argv, '--repeat').length > 0)
    throw new UsageError('certify: --repeat takes one --broker; repeat each broker on its own');
  // Every target is checked before the first one starts: a typo is a usage error, not a half matrix.
  const profile = optionValues(argv, '--profile').at(-1);
  const config = optionValues(argv, '--profile-config').at(-1);
  const resolved = targets.map((broker) =>
    resolveRunOptions(
      { broker, ...(profile ? { profile } : {}), ...(config ? { 'profile-config': config } : {}) },
      'aliyun',
    ),
  );
  const profileName = resolved[0]?.profile?.profile.name ?? 'aliyun';
  // One seed for every broker, so their property cases are the same; "random" is drawn once here.
  const { seed } = certifySeed(optionValues(argv, '--seed').at(-1));
  const junit = optionValues(argv, '--junit').at(-1);
  let rest = argv;
  for (const name of ['--broker', '--brokers', '--seed', '--junit']) rest = withoutOption(rest, name);
  const startedAt = new Date();
  const inputs: MatrixInput[] = [];
  for (const [i, target] of targets.entries()) {
    const spec = resolved[i]?.target.spec ?? target;
    console.log(`\nmqtt-harness: broker ${i + 1} of ${targets.length}: ${spec}`);
    const stem = `${targetSlug(spec)}-${profileName}`;
    const json = path.join(CERTIFICATION_DIR, `${stem}.json`);
    // A report left by an earlier run must not stand in for one this certification failed to write.
    await rm(json, { force: true });
    const code = await certifyInChild([...rest, '--broker', target, '--seed', String(seed)]);
    const report = await readFile(json, 'utf8').then(
      (text) => JSON.parse(text) as CertificationReport,
      () => undefined,
    );
    inputs.push(
      report
        ? { target: spec, report, file: stem }
        : { target: spec, missing: `its certification wrote no report (exit ${code})` },
    );
  }
  const matrix = buildMatrix(profileName, startedAt, inputs);
  const file = path.join(CERTIFICATION_DIR, `matrix-${profileName}`);
  await mkdir(CERTIFICATION_DIR, { recursive: true });
  await writeFile(`${file}.json`, `${JSON.stringify(matrix, null, 2)}\n`);
  await writeFile(`${file}.md`, matrixMarkdown(matrix));
  await writeFile(`${file}.html`, matrixHtml(matrix));
  if (junit)
    await writeJUnit(
      junit,
      inputs.flatMap((input) => ('report' in input ? [certificationJUnit(input.report, 'certify')] : [])),
    );
  printMatrix(matrix);
  console.log(`mqtt-harness: matrix in ${file}.{json,md,html}${junit ? `; JUnit in ${junit}` : ''}`);
  return matrix.exitCode;
}

const LETTER = {
  pass: 'pass',
  fail: 'FAIL',
  inconclusive: 'INCONCL',
  'not applicable': 'n/a',
  error: 'ERROR',
  absent: '-',
} as const;

function printMatrix(matrix: CertificationMatrix) {
  const width = Math.max(12, ...matrix.columns.map((c) => c.target.length)) + 2;
  console.log(
    `\nmqtt-harness: ${matrix.profile} matrix (pass, FAIL, INCONCL inconclusive, ERROR, n/a, - not checked)`,
  );
  console.log(`${''.padEnd(16)}${matrix.columns.map((c) => c.target.padEnd(width)).join('')}`);
  for (const row of matrix.areas.flatMap((area) => area.rows))
    console.log(`${row.rule.padEnd(16)}${row.cells.map((c) => LETTER[c.verdict].padEnd(width)).join('')}`);
  console.log(
    `${'verdict'.padEnd(16)}${matrix.columns.map((c) => c.verdict.toUpperCase().padEnd(width)).join('')}`,
  );
}

/** Every value of `--name value` / `--name=value`, in order. */
function optionValues(argv: readonly string[], name: string): string[] {
  const values: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (arg === name && argv[i + 1] !== undefined) values.push(argv[++i] ?? '');
    else if (arg.startsWith(`${name}=`)) values.push(arg.slice(name.length + 1));
  }
  return values;
}

/** A `--brokers` file: one target per line; blank lines and `#` comments are skipped. */
function brokersFile(file: string): string[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new UsageError(
      `certify: cannot read --brokers ${file} (${(error as NodeJS.ErrnoException).code ?? String(error)})`,
    );
  }
  return text
    .split('\n')
    .map((line) => line.replace(/#.*/, '').trim())
    .filter((line) => line.length > 0);
}
