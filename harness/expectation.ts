import { AssertionError } from 'node:assert';
import { redactUrlsIn } from './net/redact-url.ts';

/**
 * A broker did not do what a rule expects. Thrown as node's AssertionError so that reports (Allure's
 * "failed" vs "broken") tell a rule failure from a harness or infrastructure error. The message names
 * the rule the behaviour breaks and says what arrived against what the rule requires.
 */
export function expectationFailed(message: string): AssertionError {
  return new AssertionError({ message: redactUrlsIn(message) });
}

/** Every inconclusive check's message starts with this, so reports can tell it from errors and failures. */
export const INCONCLUSIVE = 'inconclusive: ';

/**
 * A check's precondition did not hold (a control subscriber received nothing, a subscription was
 * granted below the QoS the check needs, a login was refused), so nothing was learnt about the rule:
 * the row is *inconclusive* — with the reason, never a pass, a rule failure or an error. Not an
 * AssertionError, so no report can take it for a failure (harness/report/verdicts.ts).
 */
export class PreconditionFailed extends Error {}
// On the prototype, so the stack's first line (what reports show) already says what it is.
PreconditionFailed.prototype.name = 'PreconditionFailed';

/** `rule` (the one the check judges) could not be judged because `reason`. */
export function preconditionFailed(reason: string, rule?: string): PreconditionFailed {
  const prefix = rule ? `[${rule}] ${INCONCLUSIVE}` : INCONCLUSIVE;
  return new PreconditionFailed(redactUrlsIn(`${prefix}${reason}`));
}

/** True for a message written by preconditionFailed (reports show such rows as inconclusive). */
export function isInconclusiveMessage(message: string | undefined): boolean {
  return message !== undefined && /^(\w+: )?(\[[^\]]+\] )?inconclusive: /.test(message.trimStart());
}
