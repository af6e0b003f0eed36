import { InfrastructureError } from '../errors.ts';
import { describeConnect } from '../connection/connect-verdict.ts';
import { RawClient } from '../connection/raw-client.ts';
import { clientIdFor } from '../profiles/client-id-scheme.ts';
import { harnessHome, type Profile } from '../profiles/profile.ts';

/** Whether a broker still serves an ordinary client; `how` says what failed, in the words of a report. */
export type BrokerHealth = { readonly healthy: true } | { readonly healthy: false; readonly how: string };

/** Each step of a health check waits at most this long: an idle broker answers on loopback in milliseconds. */
export const HEALTH_TIMEOUT_MS = 5_000;

/**
 * One health check (ROB-1): a fresh CONNECT with a harness client ID, a SUBSCRIBE to an ordinary topic
 * under the harness's parent topic, and a PINGREQ, each answered within `timeoutMs`. A failure is checked
 * once more on another fresh connection, so one slow answer on a loaded machine is not a finding.
 */
export async function checkBrokerHealth(
  url: string,
  profile: Profile,
  timeoutMs = HEALTH_TIMEOUT_MS,
): Promise<BrokerHealth> {
  const first = await healthOnce(url, profile, timeoutMs);
  if (first.healthy) return first;
  const second = await healthOnce(url, profile, timeoutMs);
  return second.healthy ? second : { healthy: false, how: `${first.how} (twice, on fresh connections)` };
}

let serial = 0;

async function healthOnce(url: string, profile: Profile, timeoutMs: number): Promise<BrokerHealth> {
  const home = harnessHome(profile);
  const tag = `hc${process.pid.toString(36)}${(serial++).toString(36)}`;
  const clientId = clientIdFor(profile, home.groupId, tag);
  const topic = `${home.parentTopic}/${tag}/health`;
  const client = new RawClient(url, timeoutMs);
  try {
    const outcome = await client.connect({ clientId });
    if (!outcome.accepted) return { healthy: false, how: `a fresh CONNECT got ${describeConnect(outcome)}` };
    const granted = await client.subscribe([topic], 0);
    if (granted === 'timeout')
      return {
        healthy: false,
        how: `a SUBSCRIBE to the ordinary topic ${topic} got no SUBACK within ${timeoutMs} ms`,
      };
    if (granted === 'closed')
      return {
        healthy: false,
        how: `the broker closed the connection on a SUBSCRIBE to the ordinary topic ${topic}`,
      };
    if (granted[0] === 0x80)
      return { healthy: false, how: `a SUBSCRIBE to the ordinary topic ${topic} was refused (SUBACK 0x80)` };
    if (!(await client.ping()))
      return { healthy: false, how: `a PINGREQ got no PINGRESP within ${timeoutMs} ms` };
    return { healthy: true };
  } catch (error) {
    // RawClient reports a socket that would not open by throwing: the broker is not there at all.
    const why =
      error instanceof InfrastructureError
        ? error.reason
        : error instanceof Error
          ? error.message
          : String(error);
    return { healthy: false, how: `a fresh connection failed: ${why}` };
  } finally {
    client.destroy();
  }
}

/** When and how a run noticed its broker gone. */
export interface BrokerGone {
  /** ISO time. */
  readonly at: string;
  readonly how: string;
}

/** The one wording of a broker's death: in scenario errors, problems and the rows of checks not run. */
export function wentAwayLine(gone: BrokerGone): string {
  return `broker went away at ${gone.at}: ${gone.how}`;
}

/** The brokers noticed gone in this process, by URL (the mutation run goes through many in one process). */
const goneByUrl = new Map<string, BrokerGone>();

export function brokerGone(url: string): BrokerGone | undefined {
  return goneByUrl.get(url);
}

/**
 * Checks the broker after a check that did not pass: a broker that no longer serves a fresh client is
 * recorded as gone (from then on every scenario of the run is an error at once, steps/support/hooks.ts),
 * `after` saying what was running when it was noticed. Returns the record, or undefined while it is healthy.
 */
export async function watchBroker(
  url: string,
  profile: Profile,
  after: string,
): Promise<BrokerGone | undefined> {
  const known = goneByUrl.get(url);
  if (known) return known;
  const health = await checkBrokerHealth(url, profile);
  if (health.healthy) return undefined;
  const gone = { at: new Date().toISOString(), how: `${health.how}, noticed after ${after}` };
  goneByUrl.set(url, gone);
  return gone;
}
