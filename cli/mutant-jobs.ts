import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Fault } from '../harness/reference/faults.ts';
import { registerChild } from '../harness/targets/process/child-registry.ts';

/**
 * Brokers of the mutation run at a time. A fault's run spends most of its time waiting on its broker
 * (round trips, quiet windows), so two streams use a 2-core machine without making either CPU-bound.
 * Every fault has its own reference broker on its own port; the run context a cucumber run reads is one
 * per process (harness/run/run-context.ts), so the second stream is a child process.
 */
export const MUTANT_JOBS = 2;

/** One row of the mutation table: a fault (or the correct broker) and what its scenarios showed. */
export interface MutantRow {
  readonly fault: Fault | 'none (correct broker)';
  readonly expectedRule?: string;
  readonly rulesFailed: readonly string[];
  readonly scenariosRun: number;
  readonly scenariosFailed: number;
  readonly errors: readonly string[];
  readonly status: 'clean' | 'caught' | 'ESCAPED' | 'BROKEN' | 'ERROR';
}

/** The brokers one after another, in order. */
export async function runInTurn<T>(
  faults: readonly T[],
  runOne: (fault: T) => Promise<MutantRow>,
): Promise<MutantRow[]> {
  const rows: MutantRow[] = [];
  for (const fault of faults) rows.push(await runOne(fault));
  return rows;
}

/**
 * The brokers in `jobs` streams, dealt round-robin: the first stream in this process, each other one a
 * child `mutants --part` process. The rows come back in the order of `faults`, whichever stream ran them.
 * A stream that ends without its rows makes each of its faults an ERROR row with the reason.
 */
export async function runMutantJobs(
  faults: readonly (Fault | undefined)[],
  jobs: number,
  runOne: (fault: Fault | undefined) => Promise<MutantRow>,
): Promise<MutantRow[]> {
  const streams = Array.from({ length: Math.max(1, Math.min(jobs, faults.length)) }, (_, stream) =>
    faults.filter((_, index) => index % jobs === stream),
  );
  const [own = [], ...others] = streams;
  const dir = mkdtempSync(path.join(tmpdir(), 'mqtt-harness-mutants-'));
  try {
    const results = await Promise.all([
      runInTurn(own, runOne),
      ...others.map((part, index) => runPart(part as Fault[], path.join(dir, `part-${index}.json`))),
    ]);
    const byFault = new Map(results.flat().map((row) => [row.fault, row]));
    return faults.map((fault) => byFault.get(fault ?? 'none (correct broker)') ?? missingRow(fault));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** One child stream: `mutants --part FILE --faults …` with this process's Node options (tsx). */
async function runPart(faults: readonly Fault[], file: string): Promise<MutantRow[]> {
  const script = process.argv[1] ?? 'cli/main.ts';
  const args = [...process.execArgv, script, 'mutants', '--part', file, '--faults', faults.join(',')];
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'inherit', 'inherit'] });
  registerChild(child); // stopped with this run, also on Ctrl-C
  const code = await new Promise<number>((resolve) => {
    child.once('error', () => resolve(2));
    child.once('close', (exitCode, signal) => resolve(exitCode ?? (signal ? 2 : 0)));
  });
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as MutantRow[];
  } catch {
    const why = `the mutants stream of ${faults.join(', ')} ended (exit ${code}) without its rows`;
    return faults.map((fault) => ({ ...missingRow(fault), errors: [why] }));
  }
}

function missingRow(fault: Fault | undefined): MutantRow {
  return {
    fault: fault ?? 'none (correct broker)',
    rulesFailed: [],
    scenariosRun: 0,
    scenariosFailed: 0,
    errors: ['no row came back for this broker'],
    status: 'ERROR',
  };
}
