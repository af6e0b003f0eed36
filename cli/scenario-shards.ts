import { loadSources, type ISourcesCoordinates } from '@cucumber/cucumber/api';

/**
 * Tags of scenarios that run with no other scenario beside them: one that looks at the broker as a whole
 * (`@broker-wide`: a filter such as "#" outside its own namespace) or that needs the broker to itself
 * (`@serial`, e.g. one that may take the broker down).
 */
export const RUNS_ALONE = ['@serial', '@broker-wide'];

/**
 * A run's scenarios as `count` shards that run side by side (cucumber's own `shard`, which deals the
 * scenarios round-robin, so a long feature spreads over the shards), then the `RUNS_ALONE` ones on their
 * own. Every scenario has its own client IDs and topic namespace (harness/client/namespace.ts), so
 * scenarios in different shards never meet each other's sessions or messages.
 */
export function shardSources(
  sources: ISourcesCoordinates,
  count: number,
): { together: ISourcesCoordinates[]; alone: ISourcesCoordinates } {
  const aloneTags = RUNS_ALONE.join(' or ');
  const and = (expression: string) =>
    sources.tagExpression ? `(${sources.tagExpression}) and (${expression})` : expression;
  const together = Array.from({ length: count }, (_, index) => ({
    ...sources,
    tagExpression: and(`not (${aloneTags})`),
    shard: `${index + 1}/${count}`,
  }));
  return { together, alone: { ...sources, tagExpression: and(aloneTags) } };
}

/** The scenarios' order in a one-at-a-time run, as `uri:line` (a ScenarioOutcome's location). */
export async function plannedOrder(sources: ISourcesCoordinates): Promise<Map<string, number>> {
  const { plan } = await loadSources(sources);
  return new Map(plan.map((p, index) => [`${p.uri}:${p.location.line}`, index]));
}
