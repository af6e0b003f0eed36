import { readFileSync } from 'node:fs';
import { UsageError } from '../errors.ts';
import { mergeResults, type FleetResult } from './fleet-result.ts';

/**
 * Reads shard results (`shard-<i>.json`) and merges them into one run's result. Files of another run
 * (scenario, seed or shard count differ), a shard given twice, or a file that is no shard result are
 * usage errors naming the file; missing shards make the merged result incomplete, saying which.
 */
export function mergeShardFiles(files: readonly string[]): FleetResult {
  if (files.length === 0)
    throw new UsageError(
      'report --merge: name the shard results, e.g. report --merge reports/fleet/<run>/shard-*.json',
    );
  const results = files.map((file) => readResult(file));
  const first = results[0]!;
  const count = first.result.shards[0]?.count ?? 1;
  const seen = new Map<number, string>();
  for (const { file, result } of results) {
    const sameRun =
      result.scenario.name === first.result.scenario.name &&
      result.scenario.seed === first.result.scenario.seed &&
      result.shards.every((shard) => shard.count === count);
    if (!sameRun)
      throw new UsageError(
        `${file}: a shard of another run (${result.scenario.name}, seed ${result.scenario.seed}, ${result.shards[0]?.count} shards) than ${first.file}; merge the shards of one run`,
      );
    for (const shard of result.shards) {
      const twice = seen.get(shard.index);
      if (twice)
        throw new UsageError(
          `${file}: shard ${shard.index}/${count} is also in ${twice}; give each shard once`,
        );
      seen.set(shard.index, file);
    }
  }
  const merged = mergeResults(results.map((entry) => entry.result));
  const missing = Array.from({ length: count }, (_, index) => index).filter((index) => !seen.has(index));
  return missing.length === 0
    ? merged
    : {
        ...merged,
        complete: false,
        incomplete: [
          ...merged.incomplete,
          `shards missing: ${missing.map((index) => `${index}/${count}`).join(', ')}`,
        ],
      };
}

function readResult(file: string): { file: string; result: FleetResult } {
  let value: unknown;
  try {
    value = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new UsageError(
      `${file}: not a readable shard result (${error instanceof Error ? error.message : String(error)})`,
    );
  }
  if ((value as { format?: unknown } | null)?.format !== 'mqtt-harness/fleet-result@1')
    throw new UsageError(`${file}: not a shard result of mqtt-harness simulate --shard`);
  return { file, result: value as FleetResult };
}
