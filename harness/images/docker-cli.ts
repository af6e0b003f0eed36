import { spawn, type ChildProcess } from 'node:child_process';
import { InfrastructureError } from '../errors.ts';

/** How many of a failed command's last output lines an error shows. */
export const ERROR_TAIL_LINES = 20;

export interface CommandResult {
  readonly code: number | null;
  /** The last output lines (stdout and stderr interleaved as they came). */
  readonly tail: readonly string[];
  /** All of stdout, for commands whose answer is their output (`docker image inspect`). */
  readonly stdout: string;
}

export interface RunOptions {
  /** Each output line as it arrives, for progress. */
  readonly onLine?: (line: string) => void;
  /** Killed (SIGTERM, then SIGKILL) after this long; a dead engine must not hang a command. */
  readonly timeoutMs?: number;
  readonly env?: NodeJS.ProcessEnv;
}

/**
 * Runs a command with its output split into lines as it streams. Resolves with the exit code, never
 * rejects on a non-zero exit (callers say what failed); rejects only when it cannot be started.
 */
export function runCommand(command: string, args: readonly string[], options: RunOptions = {}) {
  return new Promise<CommandResult>((resolve, reject) => {
    // Its own process group, so that stopping it reaches what it started (debootstrap under bash).
    const child = spawn(command, args, {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: options.env ?? process.env,
      detached: true,
    });
    track(child);
    const tail = new LineTail(ERROR_TAIL_LINES, options.onLine);
    let stdout = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
      tail.push(chunk);
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => tail.push(chunk));
    let timer: NodeJS.Timeout | undefined;
    if (options.timeoutMs !== undefined) {
      timer = setTimeout(() => {
        tail.note(`(killed after ${options.timeoutMs} ms)`);
        stopGroup(child, 'SIGTERM');
        setTimeout(() => stopGroup(child, 'SIGKILL'), 2_000).unref();
      }, options.timeoutMs);
    }
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.once('close', (code) => {
      clearTimeout(timer);
      tail.end();
      resolve({ code, tail: tail.lines(), stdout });
    });
  });
}

/**
 * Commands still running. A build must not outlive the harness: when it exits or is stopped (Ctrl-C,
 * SIGTERM from a CI timeout), they get SIGTERM, which lets `docker build` cancel the build on the engine
 * and build-base.sh unmount and remove its debootstrap tree. Their own process groups do not get a
 * terminal's Ctrl-C, so it is passed on here.
 */
const running = new Set<ChildProcess>();
const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

// Installed only while a command runs, so the rest of the harness keeps its own Ctrl-C handling.
function onSignal(signal: NodeJS.Signals): void {
  stopRunningCommands();
  process.exit(signal === 'SIGINT' ? 130 : 143);
}

function track(child: ChildProcess): void {
  if (running.size === 0) {
    process.on('exit', stopRunningCommands);
    for (const signal of SIGNALS) process.on(signal, onSignal);
  }
  running.add(child);
  const untrack = () => {
    if (!running.delete(child) || running.size > 0) return;
    process.off('exit', stopRunningCommands);
    for (const signal of SIGNALS) process.off(signal, onSignal);
  };
  child.once('exit', untrack);
  child.once('error', untrack);
}

function stopRunningCommands(): void {
  for (const child of running) stopGroup(child, 'SIGTERM');
}

function stopGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    child.kill(signal);
  }
}

/** Runs the `docker` CLI; a missing CLI is an infrastructure error that says what to install. */
export async function runDocker(args: readonly string[], options: RunOptions = {}): Promise<CommandResult> {
  try {
    return await runCommand('docker', args, options);
  } catch (error) {
    throw new InfrastructureError(noEngineMessage(describeSpawnError(error)));
  }
}

export function noEngineMessage(reason: string): string {
  return (
    `no Docker engine found: ${reason}; install and start one (README "Brokers in containers") ` +
    'or use --broker process:mosquitto'
  );
}

export function describeSpawnError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return 'the docker CLI is not installed (apt-get install -y docker.io)';
  return error instanceof Error ? error.message : String(error);
}

/**
 * Splits streamed text into lines, hands each to `onLine`, and keeps the last `size` for an error
 * message (a build's full log can be thousands of lines; its end says what went wrong).
 */
export class LineTail {
  private readonly kept: string[] = [];
  private partial = '';
  constructor(
    private readonly size: number,
    private readonly onLine?: (line: string) => void,
  ) {}

  push(chunk: string): void {
    const parts = (this.partial + chunk).split(/\r?\n|\r/);
    this.partial = parts.pop() ?? '';
    for (const line of parts) this.note(line);
  }

  /** Flushes a last line that had no newline. */
  end(): void {
    if (this.partial) this.note(this.partial);
    this.partial = '';
  }

  note(line: string): void {
    this.onLine?.(line);
    this.kept.push(line);
    if (this.kept.length > this.size) this.kept.shift();
  }

  lines(): readonly string[] {
    return [...this.kept];
  }
}
