import { redactUrlsIn } from './net/redact-url.ts';

/**
 * Errors the harness tells apart, because they lead to different verdicts and exit codes:
 * - `UsageError`: the user asked for something malformed (exit 2, with what to do instead).
 * - `InfrastructureError`: the broker or its environment is not there (an *error* verdict, exit 2),
 *   never a rule failure and never a pass.
 */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

export class InfrastructureError extends Error {
  override readonly name = 'InfrastructureError';
  /** Marker that survives serialisation into cucumber's result messages. */
  static readonly marker = '[infrastructure]';
  constructor(message: string, options?: ErrorOptions) {
    // Messages often name the broker's URL; a password in it must never reach a log or a report.
    super(`${InfrastructureError.marker} ${redactUrlsIn(message)}`, options);
  }
  /** The message without the marker, for the one line a user reads. */
  get reason(): string {
    return this.message.slice(InfrastructureError.marker.length + 1);
  }
  static isInfrastructureMessage(text: string | undefined): boolean {
    return text?.includes(InfrastructureError.marker) ?? false;
  }
}
