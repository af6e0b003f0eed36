import { spawn, type ChildProcess } from 'node:child_process';
import type { Fault } from '../harness/reference/faults.ts';
import type { RunSummary } from '../harness/report/run-summary.ts';
import { registerChild } from '../harness/targets/process/child-registry.ts';

/**
 * Brokers of the mutation run at a time. A broker's run spends most of its time waiting on it (round
 * trips, quiet windows), not on the CPU: measured on a 2-core machine (README, Speed), 4 streams took the
 * run from 170 s to about half that with the same verdicts, and more streams gained little.
 * Every broker has its own port; the run context a cucumber run reads is one per process
 * (harness/run/run-context.ts), so each stream but the first is a child process.
 */
export const MUTANT_JOBS = 4;

/** One broker of the mutation run: a fault (or the correct broker, `fault` absent) under one profile. */
export interface MutantUnit {
  readonly fault?: Fault;
  readonly profile: string;
}

/** What one unit's scenarios (or limit probe) showed, and how long it took (for the progress line). */
export type UnitResult = Pick<RunSummary, 'outcomes' | 'problems'> & { readonly ms?: number };

/** One row of the mutation table: a fault (or the correct broker) and what its scenarios showed. */
export interface MutantRow {
  readonly fault: Fault | 'none (correct broker)';
  readonly expectedRule?: string;
  readonly rulesFailed: readonly string[];
  readonly scenariosRun: number;
  readonly scenariosFailed: number;
  readonly errors: readonly string[];
  readonly status: 'clean' | 'caught' | 'ESCAPED' | 'BROKEN' | 'ERROR';
  /** A fault run under several profiles: those under which its rule did not fail. */
  readonly escapedUnder?: readonly string[];
}

/** A message between the run and a child stream: a unit to run (by its index), or a unit's result. */
type ToWorker = { readonly index: number; readonly unit: MutantUnit };
type FromWorker = { readonly index: number; readonly result: UnitResult };

/**
 * The units in `jobs` streams, each stream taking the next unit when it is free (the first stream in this
 * process, each other one a child `mutants --worker` process). `units` come longest first (the caller's
 * estimate), so no long run is left to start last while the other streams idle. The results come back in
 * the order of `units`, whichever stream ran them; a child that ends without a unit's result makes that
 * result a problem (an ERROR row), never a lost one.
 */
export async function runMutantUnits(
  units: readonly MutantUnit[],
  jobs: number,
  runUnit: (unit: MutantUnit) => Promise<UnitResult>,
  onResult: (index: number, result: UnitResult) => void = () => undefined,
): Promise<UnitResult[]> {
  const results: UnitResult[] = new Array<UnitResult>(units.length);
  let next = 0;
  const take = (): number | undefined => (next < units.length ? next++ : undefined);
  const done = (index: number, result: UnitResult) => {
    results[index] = result;
    onResult(index, result);
  };
  const own = async () => {
    for (let index = take(); index !== undefined; index = take())
      done(index, await runUnit(units[index] as MutantUnit));
  };
  const streams = Math.max(1, Math.min(jobs, units.length));
  await Promise.all([own(), ...Array.from({ length: streams - 1 }, () => childStream(units, take, done))]);
  return results;
}

/** One child stream: `mutants --worker` with this process's Node options (tsx), fed one unit at a time. */
function childStream(
  units: readonly MutantUnit[],
  take: () => number | undefined,
  done: (index: number, result: UnitResult) => void,
): Promise<void> {
  const first = take();
  if (first === undefined) return Promise.resolve();
  const script = process.argv[1] ?? 'cli/main.ts';
  const child: ChildProcess = spawn(process.execPath, [...process.execArgv, script, 'mutants', '--worker'], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  registerChild(child); // stopped with this run, also on Ctrl-C
  let running: number | undefined = first;
  const send = (index: number) => child.send({ index, unit: units[index] as MutantUnit } satisfies ToWorker);
  child.on('message', (message: FromWorker) => {
    done(message.index, message.result);
    running = take();
    if (running === undefined) child.disconnect();
    else send(running);
  });
  send(first);
  return new Promise((resolve) => {
    const ended = (why: string) => {
      if (running !== undefined) {
        const unit = units[running] as MutantUnit;
        const name = `${unit.fault ?? 'the correct broker'} (${unit.profile})`;
        done(running, {
          outcomes: [],
          problems: [`the mutants stream running ${name} ended (${why}) without its result`],
        });
        running = undefined;
      }
      resolve();
    };
    child.once('error', (error) => ended(error.message));
    // 'exit', not 'close': its output is inherited, nothing is left to read, and with an IPC channel
    // 'close' did not always come (the run then ended, exit 0, before its table).
    child.once('exit', (code, signal) => ended(`exit ${code ?? signal}`));
  });
}

/** A child stream's side (`mutants --worker`): runs each unit the run sends, answers with its result. */
export function serveMutantUnits(runUnit: (unit: MutantUnit) => Promise<UnitResult>): Promise<void> {
  return new Promise((resolve) => {
    process.on('message', (message: ToWorker) => {
      void runUnit(message.unit).then((result) =>
        process.send?.({ index: message.index, result } satisfies FromWorker),
      );
    });
    // The run disconnects when it has no unit left for this stream.
    process.once('disconnect', resolve);
  });
}
