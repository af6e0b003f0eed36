import path from 'node:path';
import { exitCodeOf } from '../../harness/fleet/fleet-result.ts';
import { writeFleetReport } from '../../harness/fleet/fleet-report.ts';
import { mergeShardFiles } from '../../harness/fleet/merge-shards.ts';
import { parseOptions } from '../options.ts';
import { printFleetSummary } from './simulate.ts';

const HELP = `usage: mqtt-harness report --merge SHARD.json... [--output DIR]

Merges the results of "mqtt-harness simulate --shard i/n" into one run: device and message counts add
up, latency histograms are added (exact percentiles of the whole fleet, never averaged), an invariant
fails if it failed in any shard. Writes summary.{json,md} and index.html to DIR (default: the folder
of the first shard file).

exit codes: 0 every invariant held, 1 an invariant failed, 2 a bad file or an incomplete run`;

/** `report --merge`: the fleet side of the report command. */
export async function reportMergeCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parseOptions(
    'report',
    argv,
    { merge: { type: 'boolean' }, output: { type: 'string' } },
    true,
  );
  if (values.help) {
    console.log(HELP);
    return 0;
  }
  const result = mergeShardFiles(positionals);
  const directory = values.output ?? path.dirname(positionals[0]!);
  const files = await writeFleetReport(directory, result);
  printFleetSummary(result);
  console.log(`mqtt-harness: merged ${positionals.length} shard results: ${files.join(', ')}`);
  return exitCodeOf(result);
}
