/**
 * What must happen when a run is aborted (Ctrl-C, SIGTERM, SIGHUP) or exits without stopping its
 * targets: broker processes killed by PID, containers removed. One set of signal handlers for all
 * of them, so that the asynchronous work (removing a container through the Docker API) finishes
 * before the process exits — a second handler calling process.exit() would cut it short.
 */
export interface AbortCleanup {
  /** Runs on exit, and on a signal when there is no `later`; synchronous (on exit nothing else runs). */
  readonly now: () => void;
  /** Runs on a signal instead of `now`, awaited (bounded by ASYNC_CLEANUP_MS) before the process exits. */
  readonly later?: () => Promise<void>;
}

/** Long enough to remove a few containers, short enough that a second Ctrl-C is rarely needed. */
const ASYNC_CLEANUP_MS = 10_000;
const cleanups = new Set<AbortCleanup>();
let installed = false;

export function onAbort(cleanup: AbortCleanup): void {
  cleanups.add(cleanup);
  if (installed) return;
  installed = true;
  process.once('exit', runNow);
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.once(signal, () => {
      void abort().finally(() => process.exit(signal === 'SIGINT' ? 130 : 143));
    });
  }
}

function runNow(): void {
  runSync([...cleanups]);
}

function runSync(list: readonly AbortCleanup[]): void {
  for (const cleanup of list) {
    try {
      cleanup.now();
    } catch {
      // best effort: the others must still run
    }
  }
}

async function abort(): Promise<void> {
  runSync([...cleanups].filter((cleanup) => !cleanup.later));
  const pending = [...cleanups].map((cleanup) => cleanup.later?.().catch(() => undefined));
  await Promise.race([
    Promise.allSettled(pending),
    new Promise((resolve) => setTimeout(resolve, ASYNC_CLEANUP_MS).unref()),
  ]);
}
