import parseTagExpression from '@cucumber/tag-expressions';
import { UsageError } from '../errors.ts';

/** A malformed --tags expression is the user's mistake: say so before any broker starts. */
export function checkTagExpression(expression: string): void {
  try {
    parseTagExpression(expression);
  } catch (error) {
    const why = error instanceof Error ? error.message.split('\n')[0] : String(error);
    throw new UsageError(
      `--tags "${expression}" is not a tag expression (${why}); e.g. "@CID-2 and not @broker-wide"`,
    );
  }
}
