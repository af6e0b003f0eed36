import { InfrastructureError } from '../errors.ts';
import { quietWindowMs } from '../net/quiet-window.ts';
import { harnessHome, type Profile } from '../profiles/profile.ts';
import { describeConnect, readConnect } from '../connection/connect-verdict.ts';
import type { ConnectOutcome } from '../connection/connect-outcome.ts';
import { RawClient } from '../connection/raw-client.ts';
import { clientIdFor } from '../profiles/client-id-scheme.ts';
import { checkBrokerHealth } from './broker-health.ts';
import {
  BrokerHarmed,
  Prober,
  searchFromBelow,
  type RobustnessFinding,
  type SearchResult,
} from './limit-search.ts';

/** What a broker was measured to accept; `capped` when the search stopped at its upper bound. */
export interface MeasuredLimit extends SearchResult {
  readonly how: string;
}

export interface MeasuredLimits {
  readonly clientIdLength: MeasuredLimit;
  readonly topicLength: MeasuredLimit;
  readonly payloadBytes: MeasuredLimit;
  readonly subscriptionsPerClient: MeasuredLimit;
  /** CID-4: what a second CONNECT with an online ID led to; undefined when the broker was harmed first. */
  readonly duplicateId: 'refuse' | 'takeover' | 'both online' | 'both refused' | undefined;
  /** ROB-1: the probes made (each followed by a health check) and the one that harmed the broker, if any. */
  readonly robustness: { readonly probes: number; readonly finding?: RobustnessFinding };
}

/** Upper bounds of the searches: enough to see a broker exceed the aliyun limits by far. */
export const SEARCH_CAPS = {
  clientIdLength: 65_535,
  topicLength: 65_535,
  payloadBytes: 1_048_576,
  subscriptionsPerClient: 200,
};

/**
 * Limit detection, like a capability probe: searches from below over real CONNECT / SUBSCRIBE / PUBLISH
 * attempts (each on a fresh connection, since a refusal may close it) for the longest client ID,
 * the longest topic, the largest payload delivered, and a linear count of subscriptions. Values are
 * ASCII, so characters and bytes agree. Assumes acceptance is monotonic in the size. CONNECTs are
 * read as the CID scenarios read them (connect-verdict.ts): no answer, a refused login, or a refused
 * harness client is an error, never a measured limit; so is a SUBSCRIBE without SUBACK.
 *
 * Do no harm (ROB-1): the broker must serve a fresh client before the first probe (else an error), and
 * after every probe; the first probe after which it does not is the finding, and every search stops there.
 * A search cut short reports what it had seen accepted as a lower bound with the reason, never as a limit.
 */
export async function detectLimits(url: string, profile: Profile): Promise<MeasuredLimits> {
  const home = harnessHome(profile);
  const run = `${process.pid.toString(36)}${Date.now().toString(36).slice(-4)}`;
  let serial = 0;
  const id = () => clientIdFor(profile, home.groupId, `lim${run}_${serial++}`);
  const base = `${home.parentTopic}/lim${run}/`;

  const open = async (clientId = id(), mustAccept = true) => {
    const client = new RawClient(url);
    const outcome = await client.connect({ clientId });
    const accepted = readConnect(outcome, { url, clientId, mustAccept }) === 'accepted';
    if (!accepted && mustAccept) {
      client.destroy();
      throw new InfrastructureError(
        `limit detection: the harness's client ${JSON.stringify(clientId)} was refused (${describeConnect(outcome)}); check the provisioning`,
      );
    }
    return { client, outcome, accepted };
  };
  const using = async <T>(body: (client: RawClient) => Promise<T>) => {
    const { client } = await open();
    try {
      return await body(client);
    } finally {
      client.destroy();
    }
  };
  const granted = async (client: RawClient, filter: string) => {
    const answer = await client.subscribe([filter]);
    if (answer === 'timeout')
      throw new InfrastructureError(
        `limit detection: no SUBACK to a ${filter.length}-character filter within ${client.timeoutMs} ms; check the broker is responsive`,
      );
    return answer !== 'closed' && answer[0] !== 0x80;
  };

  const baseline = await checkBrokerHealth(url, profile);
  if (!baseline.healthy)
    throw new InfrastructureError(
      `limit detection: the broker did not serve a fresh client before the first probe: ${baseline.how}`,
    );
  const prober = new Prober(url, profile);
  const probing = (input: (n: number) => string, accepts: (n: number) => Promise<boolean>) => (n: number) =>
    prober.probe(input(n), () => accepts(n));

  const idPrefix = clientIdFor(profile, home.groupId, `lim${run}`);
  const idLow = idPrefix.length + 1;
  const clientIdLength = await searchFromBelow(
    idLow,
    SEARCH_CAPS.clientIdLength,
    probing(
      (n) => `a CONNECT with a client ID of ${n.toLocaleString('en')} characters`,
      async (n) => {
        // The shortest ID is the harness's own: it must be accepted; longer ones may be refused any way.
        const { client, accepted } = await open(idPrefix + 'x'.repeat(n - idPrefix.length), n === idLow);
        client.destroy();
        return accepted;
      },
    ),
  );
  const topicLength = await searchFromBelow(
    base.length + 1,
    SEARCH_CAPS.topicLength,
    probing(
      (n) => `a SUBSCRIBE to a topic of ${n.toLocaleString('en')} characters`,
      (n) => using((client) => granted(client, base + 'x'.repeat(n - base.length))),
    ),
  );
  const payloadBytes = await searchFromBelow(
    1,
    SEARCH_CAPS.payloadBytes,
    probing(
      (n) => `a QoS 1 PUBLISH of ${n.toLocaleString('en')} bytes`,
      (n) =>
        using(async (client) => {
          const topic = `${base}payload`;
          if (!(await granted(client, topic)))
            throw new InfrastructureError(
              `limit detection: SUBSCRIBE to ${topic} was refused; check the provisioning`,
            );
          const started = Date.now();
          const sent = await client.publish(topic, Buffer.alloc(n, 0x61), 1);
          if (sent === 'connection closed') return false;
          // The PUBACK came once the broker had the whole payload: the way back takes about as long, so
          // the wait is the quiet window plus twice that upload time (a 1 MB payload on a slow link).
          const uploadMs = Date.now() - started;
          return client.waitForPublish(
            (p) => p.payload.length === n,
            quietWindowMs(client.fastestRoundTripMs) + 2 * uploadMs,
          );
        }),
    ),
  );
  const subscriptionsPerClient = await countSubscriptions(prober, using, granted, base);
  const duplicateId = await prober
    .probe('a second CONNECT with the client ID of an online client', () =>
      detectDuplicatePolicy((clientId, mustAccept) => open(clientId, mustAccept), id()),
    )
    .catch((error: unknown) => {
      if (error instanceof BrokerHarmed) return undefined;
      throw error;
    });
  return {
    clientIdLength: { ...clientIdLength, how: 'search from below over CONNECT (ASCII, the harness group)' },
    topicLength: {
      ...topicLength,
      how: 'search from below over SUBSCRIBE grants (ASCII, the harness parent topic)',
    },
    payloadBytes: {
      ...payloadBytes,
      how: 'search from below over PUBLISH QoS 1 delivered back to a subscriber',
    },
    subscriptionsPerClient: {
      ...subscriptionsPerClient,
      how: 'one SUBSCRIBE at a time until one is refused',
    },
    duplicateId,
    robustness: { probes: prober.probes, ...(prober.finding ? { finding: prober.finding } : {}) },
  };
}

/** PUB-2: SUBSCRIBEs on one connection, one at a time, until one is refused (each one a probe). */
async function countSubscriptions(
  prober: Prober,
  using: <T>(body: (client: RawClient) => Promise<T>) => Promise<T>,
  granted: (client: RawClient, filter: string) => Promise<boolean>,
  base: string,
): Promise<SearchResult> {
  let held = 0;
  try {
    return await using(async (client) => {
      for (let n = 1; n <= SEARCH_CAPS.subscriptionsPerClient; n++) {
        if (
          !(await prober.probe(`subscription number ${n} on one connection`, () =>
            granted(client, `${base}s${n}`),
          ))
        )
          return { value: n - 1, capped: false };
        held = n;
      }
      return { value: SEARCH_CAPS.subscriptionsPerClient, capped: true };
    });
  } catch (error) {
    if (!(error instanceof BrokerHarmed)) throw error;
    return { value: held === 0 ? undefined : held, capped: false, stopped: error.message };
  }
}

async function detectDuplicatePolicy(
  open: (
    clientId: string,
    mustAccept: boolean,
  ) => Promise<{ client: RawClient; outcome: ConnectOutcome; accepted: boolean }>,
  clientId: string,
): Promise<MeasuredLimits['duplicateId']> {
  const first = await open(clientId, true);
  const second = await open(clientId, false).catch((error: unknown) => {
    first.client.destroy();
    throw error;
  });
  try {
    const quiet = quietWindowMs(Math.min(first.client.fastestRoundTripMs, second.client.fastestRoundTripMs));
    const firstAlive = !(await first.client.waitClosed(quiet)) && (await first.client.ping());
    if (!second.accepted) return firstAlive ? 'refuse' : 'both refused';
    return firstAlive ? 'both online' : 'takeover';
  } finally {
    first.client.destroy();
    second.client.destroy();
  }
}
