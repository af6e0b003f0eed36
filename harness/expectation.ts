import { AssertionError } from 'node:assert';
import { redactUrlsIn } from './net/redact-url.ts';

/**
 * A broker did not do what a rule expects. Thrown as node's AssertionError so that reports (Allure's
 * "failed" vs "broken") tell a rule failure from a harness or infrastructure error.
 */
export function expectationFailed(message: string): AssertionError {
  return new AssertionError({ message: redactUrlsIn(message) });
}
