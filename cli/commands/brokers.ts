import { targetAvailability } from '../../harness/targets/availability.ts';
import { parseOptions } from '../options.ts';

const HELP = `usage: mqtt-harness brokers

Lists every broker target form, whether it can run on this machine, and if not, why and what to do:
installed broker binaries, whether a Docker engine answers, which container images exist locally (and
how to build or pull the others), and which Compose is there. Nothing is started.`;

export async function brokersCommand(argv: string[]): Promise<number> {
  const { values } = parseOptions('brokers', argv, {});
  if (values.help) {
    console.log(HELP);
    return 0;
  }
  for (const row of await targetAvailability()) {
    console.log(`${row.available ? 'ready      ' : 'unavailable'}  ${row.spec.padEnd(26)} ${row.detail}`);
  }
  return 0;
}
