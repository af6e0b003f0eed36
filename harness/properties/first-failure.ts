/** A job that failed, by its index in the list of jobs. */
export interface IndexedFailure {
  readonly index: number;
  readonly error: unknown;
}

/**
 * Runs `count` independent jobs, at most `limit` at a time, started in index order, and resolves with the
 * failure of the *lowest* index, or undefined when all passed: the answer a one-at-a-time loop that stops
 * at the first failure gives, so running side by side changes the time taken and never the verdict. After
 * a failure no job of a higher index is started; the lower ones (all started already) are waited for.
 */
export async function firstFailure(
  count: number,
  limit: number,
  job: (index: number) => Promise<void>,
): Promise<IndexedFailure | undefined> {
  let next = 0;
  let failure: IndexedFailure | undefined;
  const lane = async () => {
    for (let index = next++; index < count; index = next++) {
      if (failure && failure.index < index) return;
      try {
        await job(index);
      } catch (error) {
        if (!failure || index < failure.index) failure = { index, error };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, count)) }, lane));
  return failure;
}
