import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UsageError } from '../harness/errors.ts';

/** node:util parseArgs with usage errors that name the command and point at --help. */
export function parseOptions<T extends NonNullable<ParseArgsConfig['options']>>(
  command: string,
  argv: string[],
  options: T,
  allowPositionals = false,
) {
  try {
    return parseArgs({
      args: argv,
      options: { ...options, help: { type: 'boolean', short: 'h' } },
      allowPositionals,
      strict: true,
    });
  } catch (error) {
    throw new UsageError(
      `${command}: ${error instanceof Error ? error.message : String(error)} (see "mqtt-harness ${command} --help")`,
    );
  }
}
