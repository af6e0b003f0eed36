import { readFile } from 'node:fs/promises';
import { UsageError } from '../errors.ts';

/**
 * A broker's known deviations: scenarios that fail on it for a documented reason. A run given this
 * list still shows them as failed-as-expected (never as passed), and a listed scenario that starts
 * passing is reported as "no longer deviates" so the list cannot go stale silently (like a strict xfail).
 */
export interface KnownDeviation {
  readonly rule: string;
  /** The scenario name as cucumber reports it (outline rows include their example values). */
  readonly scenario: string;
  /** What the broker did instead, for the report. */
  readonly observed: string;
}

export interface KnownDeviations {
  readonly target: string;
  readonly software: string;
  readonly deviations: readonly KnownDeviation[];
}

export async function loadKnownDeviations(file: string): Promise<KnownDeviations> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(await readFile(file, 'utf8'));
  } catch (error) {
    throw new UsageError(
      `cannot read known deviations from ${file}: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  const list = (parsed as Partial<KnownDeviations>)?.deviations;
  if (
    !Array.isArray(list) ||
    !list.every((d) => typeof d?.scenario === 'string' && typeof d?.rule === 'string')
  ) {
    throw new UsageError(
      `${file} is not a known-deviations file: it needs "deviations": [{ "rule", "scenario", "observed" }]`,
    );
  }
  return parsed as KnownDeviations;
}
