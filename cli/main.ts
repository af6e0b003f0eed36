import { InfrastructureError, UsageError } from '../harness/errors.ts';
import { redactUrlsIn } from '../harness/net/redact-url.ts';
import { brokerCommand } from './commands/broker.ts';
import { brokersCommand } from './commands/brokers.ts';
import { certifyCommandOrMatrix } from './commands/certify-matrix.ts';
import { compareCommand } from './commands/compare.ts';
import { imagesCommand } from './commands/images.ts';
import { mutantsCommand } from './commands/mutants.ts';
import { reportCommand } from './commands/report.ts';
import { runCommand } from './commands/run.ts';
import { simulateCommand } from './commands/simulate.ts';

const COMMANDS: Record<string, { summary: string; run: (argv: string[]) => Promise<number> }> = {
  run: { summary: 'run Gherkin scenarios against a broker', run: runCommand },
  certify: {
    summary: 'certify a broker against a profile (aliyun, mqtt-3.1.1): one verdict per rule',
    run: certifyCommandOrMatrix,
  },
  compare: {
    summary: 'compare two certification reports: regressions, fixes, rules and limits that changed',
    run: compareCommand,
  },
  mutants: {
    summary: 'check that the CID/TOP scenarios catch every fault of the reference broker',
    run: mutantsCommand,
  },
  broker: {
    summary: 'run the reference broker as a standalone server (mqtt-3.1.1 or aliyun mode)',
    run: brokerCommand,
  },
  brokers: { summary: 'list the broker targets and whether they can run here', run: brokersCommand },
  images: {
    summary: "build the harness's broker images (Mosquitto, NATS, RabbitMQ) locally",
    run: imagesCommand,
  },
  report: { summary: 'render the Allure HTML report from reports/allure-results', run: reportCommand },
  simulate: {
    summary: 'simulate a fleet (scenarios/*.yaml) against a broker: invariants, latency, throughput',
    run: simulateCommand,
  },
};

const USAGE = `usage: mqtt-harness <command> [options]

commands:
${Object.entries(COMMANDS)
  .map(([name, command]) => `  ${name.padEnd(10)} ${command.summary}`)
  .join('\n')}

Run "mqtt-harness <command> --help" for a command's options.
Exit codes: 0 all passed, 1 a rule failed, 2 usage or infrastructure error, 3 nothing failed but a\ncheck was inconclusive (the broker did not meet its precondition, e.g. it granted a lower QoS).`;

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h') {
    console.log(USAGE);
    return name ? 0 : 2;
  }
  const command = COMMANDS[name];
  if (!command) throw new UsageError(`unknown command "${name}"\n\n${USAGE}`);
  return command.run(rest);
}

let code: number;
try {
  code = await main(process.argv.slice(2));
} catch (error) {
  if (error instanceof UsageError) console.error(`mqtt-harness: ${error.message}`);
  else if (error instanceof InfrastructureError) console.error(`mqtt-harness: error: ${error.reason}`);
  else
    console.error(
      `mqtt-harness: unexpected error: ${redactUrlsIn(error instanceof Error ? (error.stack ?? error.message) : String(error))}`,
    );
  code = 2;
}
// The command is done and its reports are written: the process ends now, with its code, whatever is
// still open. CI and scripts depend on that, and a broker that never closes its side of a connection,
// a socket left behind or a library's timer must not keep the run alive after its verdicts (issue 11:
// runs spun for minutes after their summary). Output is flushed first; the exit does not wait longer.
await Promise.all([flushed(process.stdout), flushed(process.stderr)]);
process.exit(code);

/** Resolves once what was written to `stream` before is handed to the OS, or after 2 s at most. */
function flushed(stream: NodeJS.WriteStream): Promise<void> {
  return new Promise((resolve) => {
    setTimeout(resolve, 2_000).unref();
    stream.write('', () => resolve());
  });
}
