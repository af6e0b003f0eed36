import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';

/** Allure 3's history: one line per run (its statuses by test), read by `npm run report` for the trends. */
export const ALLURE_HISTORY_FILE = 'reports/allure-history.jsonl';
/** Which line of the history the last run wrote, and from which results (see historyForReport). */
const LAST_POINT_FILE = 'reports/allure-history.last.json';
/** Runs kept in the history (each line holds every test's status: ~250 kB for a full run). */
export const HISTORY_LIMIT = 20;

/** The Allure 3 CLI (the `allure` package): its exports hide package.json, cli.js sits beside dist/. */
export function allureCli(): string {
  return path.join(path.dirname(createRequire(import.meta.url).resolve('allure')), '..', 'cli.js');
}

/** Runs the Allure 3 CLI in `cwd`; resolves its exit code. Its output goes nowhere but errors to stderr. */
export function runAllure(args: readonly string[], cwd = process.cwd()): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [allureCli(), ...args], {
      cwd,
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    child.once('error', () => resolve(2));
    child.once('exit', (code) => resolve(code ?? 2));
  });
}

/**
 * Adds the run whose results are in `resultsDir` to the history, as the run ends, so that every run
 * counts in the trend even when `npm run report` comes only after several of them. `allure history`
 * also writes a scratch `allure-report/` into its working directory: it runs in a temporary one.
 */
export async function appendRunToHistory(resultsDir: string, name: string): Promise<string | undefined> {
  const history = path.resolve(ALLURE_HISTORY_FILE);
  const scratch = await mkdtemp(path.join(os.tmpdir(), 'mqtt-harness-allure-'));
  try {
    const code = await runAllure(
      [
        'history',
        path.resolve(resultsDir),
        '--history-path',
        history,
        '--history-limit',
        String(HISTORY_LIMIT),
        '--report-name',
        name,
      ],
      scratch,
    );
    if (code !== 0) return `allure history exited with ${code}`;
    const uuid = lastPointId(await readFile(history, 'utf8'));
    if (!uuid) return `${ALLURE_HISTORY_FILE} has no run after allure history`;
    await writeFile(LAST_POINT_FILE, JSON.stringify({ uuid, results: path.resolve(resultsDir) }));
    return undefined;
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

/**
 * The history a report of `resultsDir` reads: the file, less the line its own run wrote (Allure adds
 * the run being reported as the trend's last point, so it would count twice). The copy lives in
 * `scratch`; undefined when there is no history yet.
 */
export async function historyForReport(resultsDir: string, scratch: string): Promise<string | undefined> {
  if (!existsSync(ALLURE_HISTORY_FILE)) return undefined;
  const lines = (await readFile(ALLURE_HISTORY_FILE, 'utf8')).split('\n').filter((line) => line.trim());
  const last = existsSync(LAST_POINT_FILE)
    ? (JSON.parse(await readFile(LAST_POINT_FILE, 'utf8')) as { uuid?: string; results?: string })
    : {};
  const own = last.results === path.resolve(resultsDir) ? last.uuid : undefined;
  const kept = lines.filter((line) => pointId(line) !== own);
  const copy = path.join(scratch, 'history.jsonl');
  await writeFile(copy, kept.map((line) => `${line}\n`).join(''));
  return copy;
}

function lastPointId(text: string): string | undefined {
  const lines = text.split('\n').filter((line) => line.trim());
  return pointId(lines.at(-1) ?? '');
}

function pointId(line: string): string | undefined {
  try {
    return (JSON.parse(line) as { uuid?: string }).uuid;
  } catch {
    return undefined;
  }
}
