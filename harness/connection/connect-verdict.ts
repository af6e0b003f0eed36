import { InfrastructureError } from '../errors.ts';
import { redactUrl } from '../net/redact-url.ts';
import type { ConnectOutcome } from './connect-outcome.ts';
import { chooseLogin } from './login.ts';

/** CONNACK 4 (bad user name or password) and 5 (not authorized) [MQTT-3.2.2.3]. */
const LOGIN_REFUSED = new Set([4, 5]);

/** Brokers (by URL) that have accepted the harness's login at least once in this process. */
const loginAccepted = new Set<string>();

export interface ConnectContext {
  /** The broker URL, for the message (redacted). */
  readonly url: string;
  /** The client ID tried, for the message. */
  readonly clientId: string;
  /**
   * Whether the profile (or the harness's own setup) says this CONNECT must be accepted: a login
   * refusal then means the harness's credentials are wrong, which says nothing about the client ID.
   */
  readonly mustAccept: boolean;
}

/**
 * The one reading of a raw CONNECT's outcome, shared by the CID scenarios (RuleProbes), the client
 * ID property and limit detection, so they never disagree:
 * - CONNACK 0 → accepted;
 * - CONNACK ≠ 0 → refused [MQTT-3.2.2-5];
 * - the socket closed after CONNECT without any CONNACK → refused (how some brokers refuse; the
 *   evidence says "closed without CONNACK");
 * - no socket at all (unreachable) → an InfrastructureError;
 * - no answer at all within the timeout → an InfrastructureError (an error verdict, never a refusal);
 * - CONNACK 4 / 5 on a CONNECT that must be accepted, from a broker that has not yet accepted the
 *   harness's login → an InfrastructureError: the login is wrong, which says nothing about the client
 *   ID; once the login has been accepted, 4 / 5 is the broker refusing that client ID.
 */
export function readConnect(outcome: ConnectOutcome, context: ConnectContext): 'accepted' | 'refused' {
  if (outcome.returnCode === 0) {
    loginAccepted.add(context.url);
    return 'accepted';
  }
  if (outcome.noConnack === 'unreachable') {
    throw new InfrastructureError(
      `cannot reach ${redactUrl(context.url)} to CONNECT ${JSON.stringify(context.clientId)}: ${outcome.failure ?? 'no connection'}`,
    );
  }
  if (outcome.noConnack === 'timeout') {
    throw new InfrastructureError(
      `${redactUrl(context.url)} neither answered the CONNECT of ${JSON.stringify(context.clientId)} nor closed the connection ` +
        `(no CONNACK in time): nothing can be concluded; check the broker is up and that the URL names its MQTT listener`,
    );
  }
  // Once the same login has been accepted by this broker, a 4/5 answers the client ID, not the login.
  if (context.mustAccept && !loginAccepted.has(context.url)) {
    const refusal = loginRefusal(outcome, context);
    if (refusal) throw refusal;
  }
  return 'refused';
}

/**
 * CONNACK 4 or 5 to a CONNECT that carried the run's login (login.ts) and must be accepted: the login
 * is wrong or missing, an InfrastructureError naming the user (or "no user name"), never a verdict on
 * the rule under test. Undefined for any other outcome.
 */
export function loginRefusal(
  outcome: ConnectOutcome,
  context: Pick<ConnectContext, 'url' | 'clientId'>,
): InfrastructureError | undefined {
  if (outcome.returnCode === undefined || !LOGIN_REFUSED.has(outcome.returnCode)) return undefined;
  const { username } = chooseLogin(context.url, context.clientId);
  const as = username === undefined ? 'with no user name' : `as user ${JSON.stringify(username)}`;
  return new InfrastructureError(
    `the broker refused the harness's login ${as} (CONNACK return code ${outcome.returnCode} to ${JSON.stringify(context.clientId)} at ${redactUrl(context.url)}): ` +
      'give credentials with --profile-config or in the URL (mqtt://user:password@host:port)' +
      // 5 (not authorized) may also be the broker's word for a client ID it has not been provisioned for.
      (outcome.returnCode === 5 ? ", or provision the harness's client IDs if the login is right" : ''),
  );
}

/** What a CONNECT led to, in the words of the evidence. */
export function describeConnect(outcome: ConnectOutcome): string {
  if (outcome.returnCode !== undefined) return `CONNACK return code ${outcome.returnCode}`;
  if (outcome.noConnack === 'unreachable') return `no connection (${outcome.failure ?? 'unreachable'})`;
  return outcome.noConnack === 'closed'
    ? 'connection closed without CONNACK'
    : 'no CONNACK in time, connection still open';
}
