import { UsageError } from '../errors.ts';

/** `--shard i/n`: this process runs the devices whose global index is ≡ i (mod n), 0 ≤ i < n. */
export interface Shard {
  readonly index: number;
  readonly count: number;
}

export const WHOLE_FLEET: Shard = { index: 0, count: 1 };

export function parseShard(text: string): Shard {
  const match = /^(\d+)\/(\d+)$/.exec(text);
  const index = Number(match?.[1]);
  const count = Number(match?.[2]);
  if (!match || count < 1 || index >= count)
    throw new UsageError(`--shard "${text}": write it as i/n with 0 <= i < n, e.g. --shard 3/8`);
  return { index, count };
}

/** The global device indices of a shard out of `total`: disjoint across shards, the same for every seed. */
export function shardIndices(total: number, shard: Shard): number[] {
  const indices: number[] = [];
  for (let index = shard.index; index < total; index += shard.count) indices.push(index);
  return indices;
}

/** A share of a fleet-wide rate for one shard, so n shards together issue what one run does. */
export function shardRate(rate: number, shard: Shard): number {
  return rate / shard.count;
}
