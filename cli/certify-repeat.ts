import { spawn } from 'node:child_process';
import { readFile, rm, writeFile } from 'node:fs/promises';
import type { CertificationReport } from '../harness/report/certification.ts';
import { registerChild } from '../harness/targets/process/child-registry.ts';
import { compareCertifications, flakinessLines, flakinessMarkdown } from '../harness/report/flakiness.ts';

/**
 * Each repetition is a whole certification in its own child process, exactly what a separate
 * `certify` would do (cucumber's step definitions load once per process, and nothing of one run's
 * harness state can leak into the next): a process or container target is started afresh (so one run's leftovers never decide the next run's verdict and a
 * change is the broker's or the harness's own nondeterminism), a URL target is the same running broker
 * throughout. This is the symptom users saw — two certifications minutes apart that disagree.
 */
export const RESTARTS =
  'each repetition is a whole certification: a process/container target is started afresh each time, a URL target is the same running broker throughout';

/**
 * `certify --repeat N`: runs the certification N times with one seed and reports every rule whose
 * verdict changed. Exit 0 when every row was the same in every run, 1 when any changed, 2 when a run
 * could not certify at all (usage or infrastructure error).
 */
export async function repeatCertification(
  argv: string[],
  repeat: number,
  seed: number,
  /** The report stem every repetition writes (`reports/certification/<target>-<profile>`). */
  stem: string,
): Promise<number> {
  const once = withoutOption(withoutOption(argv, '--repeat'), '--seed').concat(['--seed', String(seed)]);
  const reports: CertificationReport[] = [];
  for (let i = 1; i <= repeat; i++) {
    console.log(`\nmqtt-harness: certification ${i} of ${repeat} (seed ${seed}) …`);
    // A report left by an earlier run must not stand in for one this repetition failed to write.
    await rm(`${stem}.json`, { force: true });
    const code = await certifyInChild(once);
    const report = await readFile(`${stem}.json`, 'utf8').then(
      (text) => JSON.parse(text) as CertificationReport,
      () => undefined,
    );
    if (!report) {
      console.error(
        `mqtt-harness: certification ${i} wrote no report (exit ${code}); stopping the repetitions`,
      );
      return 2;
    }
    // Keep each repetition's report beside the comparison, for the evidence behind a changed row.
    await writeFile(`${stem}.run-${i}.json`, `${JSON.stringify(report, null, 2)}\n`);
    reports.push(report);
  }
  const flakiness = compareCertifications(reports, RESTARTS);
  console.log(
    '\nmqtt-harness: verdicts per rule across the repetitions (P pass, F fail, I inconclusive, E error, n n/a, - absent)',
  );
  for (const line of flakinessLines(flakiness)) console.log(line);
  await writeFile(`${stem}-repeat.json`, `${JSON.stringify(flakiness, null, 2)}\n`);
  await writeFile(`${stem}-repeat.md`, flakinessMarkdown(flakiness));
  console.log(`mqtt-harness: repeat report in ${stem}-repeat.{json,md}, each run in ${stem}.run-N.json`);
  if (reports.some((r) => r.rules.length === 0 && r.verdict === 'error')) return 2;
  return flakiness.stable ? 0 : 1;
}

/** `certify` with these arguments in a child of this same Node (same loader, e.g. tsx), output shown. */
export function certifyInChild(argv: readonly string[]): Promise<number> {
  const main = process.argv[1];
  if (!main) throw new Error('certify --repeat: cannot tell which script is running');
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...process.execArgv, main, 'certify', ...argv], {
      stdio: 'inherit',
    });
    registerChild(child); // stopped with this run (a CI timeout, Ctrl-C), never left certifying alone
    child.on('error', reject);
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 2 : 0)));
  });
}

/** argv without `--name value` / `--name=value`. */
export function withoutOption(argv: readonly string[], name: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (arg === name) i++;
    else if (!arg.startsWith(`${name}=`)) out.push(arg);
  }
  return out;
}
