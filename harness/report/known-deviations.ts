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
  /**
   * A regular expression the failure's reason must match. A listed scenario that fails for another
   * reason (nothing arrived at all, a connection error) is a real failure, not the known deviation.
   */
  readonly failure: string;
}

export interface KnownDeviations {
  /** The target spec(s) that run this very broker version, e.g. its process and its local image. */
  readonly target: string | readonly string[];
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
  const valid = (d: Partial<KnownDeviation> | undefined) =>
    typeof d?.scenario === 'string' && typeof d.rule === 'string' && typeof d.failure === 'string';
  const target = (parsed as Partial<KnownDeviations>)?.target;
  const targetValid =
    typeof target === 'string' ||
    (Array.isArray(target) && target.length > 0 && target.every((spec) => typeof spec === 'string'));
  if (!targetValid || !Array.isArray(list) || !list.every(valid)) {
    throw new UsageError(
      `${file} is not a known-deviations file: it needs "target" (a spec or a list) and ` +
        `"deviations": [{ "rule", "scenario", "observed", "failure" }]`,
    );
  }
  for (const deviation of list) {
    try {
      new RegExp(deviation.failure);
    } catch {
      throw new UsageError(`${file}: the "failure" of "${deviation.scenario}" is not a regular expression`);
    }
  }
  return parsed as KnownDeviations;
}

/** Known deviations belong to one target: using one broker's list on another would excuse its failures. */
export function deviationsFor(
  known: KnownDeviations,
  file: string,
  targetSpec: string,
): readonly KnownDeviation[] {
  const targets: readonly string[] = typeof known.target === 'string' ? [known.target] : known.target;
  if (!targets.includes(targetSpec)) {
    throw new UsageError(`${file} lists the deviations of ${targets.join(', ')}, not of ${targetSpec}`);
  }
  return known.deviations;
}
