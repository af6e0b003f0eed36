import { expectationFailed } from './expectation.ts';

/**
 * Waits for a condition with a bounded poll instead of a sleep. `check` returns the awaited value, or
 * undefined / throws while the condition does not hold yet; the last reason is in the timeout error.
 */
export async function eventually<T>(
  check: () => T | undefined | Promise<T | undefined>,
  options: { timeoutMs: number; description: string | (() => string); intervalMs?: number },
): Promise<T> {
  const deadline = Date.now() + options.timeoutMs;
  let lastReason = '';
  for (;;) {
    try {
      const value = await check();
      if (value !== undefined) return value;
    } catch (error) {
      lastReason = error instanceof Error ? error.message : String(error);
    }
    if (Date.now() >= deadline) {
      // Described at the deadline, so the message shows what had arrived by then.
      const description =
        typeof options.description === 'function' ? options.description() : options.description;
      throw expectationFailed(
        `timed out after ${options.timeoutMs} ms waiting for ${description}${lastReason ? `: ${lastReason}` : ''}`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, options.intervalMs ?? 10));
  }
}
