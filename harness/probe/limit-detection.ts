import { InfrastructureError } from '../errors.ts';
import { harnessHome, type Profile } from '../profiles/profile.ts';
import { RawClient } from './raw-client.ts';

/** What a broker was measured to accept; `capped` when the search stopped at its upper bound. */
export interface MeasuredLimit {
  readonly value: number | undefined;
  readonly capped: boolean;
  readonly how: string;
}

export interface MeasuredLimits {
  readonly clientIdLength: MeasuredLimit;
  readonly topicLength: MeasuredLimit;
  readonly payloadBytes: MeasuredLimit;
  readonly subscriptionsPerClient: MeasuredLimit;
  /** CID-4: what a second CONNECT with an online ID led to. */
  readonly duplicateId: 'refuse' | 'takeover' | 'both online' | 'both refused';
}

/** Upper bounds of the searches: enough to see a broker exceed the aliyun limits by far. */
export const SEARCH_CAPS = {
  clientIdLength: 65_535,
  topicLength: 65_535,
  payloadBytes: 1_048_576,
  subscriptionsPerClient: 200,
};

const QUIET_MS = 300;

/**
 * Limit detection, like a capability probe: binary searches over real CONNECT / SUBSCRIBE / PUBLISH
 * attempts (each on a fresh connection, since a refusal may close it) for the longest client ID,
 * the longest topic, the largest payload delivered, and a linear count of subscriptions. Values are
 * ASCII, so characters and bytes agree. Assumes acceptance is monotonic in the size.
 */
export async function detectLimits(url: string, profile: Profile): Promise<MeasuredLimits> {
  const home = harnessHome(profile);
  const sep = profile.clientId?.separator ?? '@@@';
  const run = `${process.pid.toString(36)}${Date.now().toString(36).slice(-4)}`;
  let serial = 0;
  const id = () => `${home.groupId}${sep}lim${run}_${serial++}`;
  const base = `${home.parentTopic}/lim${run}/`;

  const open = async (clientId = id()) => {
    const client = new RawClient(url);
    const outcome = await client.connect({ clientId }).catch((error: unknown) => {
      throw new InfrastructureError(
        `limit detection cannot reach ${url}: ${error instanceof Error ? error.message : String(error)}`,
      );
    });
    return { client, outcome };
  };
  const using = async <T>(
    clientId: string | undefined,
    body: (client: RawClient, accepted: boolean) => Promise<T>,
  ) => {
    const { client, outcome } = await open(clientId);
    try {
      return await body(client, outcome.accepted);
    } finally {
      client.destroy();
    }
  };

  const idPrefix = `${home.groupId}${sep}lim${run}`;
  const clientIdLength = await search(idPrefix.length + 1, SEARCH_CAPS.clientIdLength, (n) =>
    using(idPrefix + 'x'.repeat(n - idPrefix.length), async (_, accepted) => accepted),
  );
  const topicLength = await search(base.length + 1, SEARCH_CAPS.topicLength, (n) =>
    using(undefined, async (client) => {
      const granted = await client.subscribe([base + 'x'.repeat(n - base.length)]);
      return Array.isArray(granted) && granted[0] !== 0x80;
    }),
  );
  const payloadBytes = await search(1, SEARCH_CAPS.payloadBytes, (n) =>
    using(undefined, async (client) => {
      const topic = `${base}payload`;
      await client.subscribe([topic]);
      await client.publish(topic, Buffer.alloc(n, 0x61), 1);
      const deadline = Date.now() + QUIET_MS;
      while (!client.publishes.some((p) => p.payload.length === n) && Date.now() < deadline) await sleep(10);
      return client.publishes.some((p) => p.payload.length === n);
    }),
  );
  const subscriptionsPerClient = await using(undefined, async (client) => {
    for (let n = 1; n <= SEARCH_CAPS.subscriptionsPerClient; n++) {
      const granted = await client.subscribe([`${base}s${n}`]);
      if (!Array.isArray(granted) || granted[0] === 0x80) return { value: n - 1, capped: false };
    }
    return { value: SEARCH_CAPS.subscriptionsPerClient, capped: true };
  });
  const duplicateId = await detectDuplicatePolicy(open, id());
  return {
    clientIdLength: { ...clientIdLength, how: 'binary search over CONNECT (ASCII, the harness group)' },
    topicLength: {
      ...topicLength,
      how: 'binary search over SUBSCRIBE grants (ASCII, the harness parent topic)',
    },
    payloadBytes: { ...payloadBytes, how: 'binary search over PUBLISH QoS 1 delivered back to a subscriber' },
    subscriptionsPerClient: {
      ...subscriptionsPerClient,
      how: 'one SUBSCRIBE at a time until one is refused',
    },
    duplicateId,
  };
}

async function detectDuplicatePolicy(
  open: (clientId?: string) => Promise<{ client: RawClient; outcome: { accepted: boolean } }>,
  clientId: string,
): Promise<MeasuredLimits['duplicateId']> {
  const first = await open(clientId);
  const second = await open(clientId);
  try {
    const firstAlive = !(await first.client.waitClosed(QUIET_MS)) && (await first.client.ping());
    if (!second.outcome.accepted) return firstAlive ? 'refuse' : 'both refused';
    return firstAlive ? 'both online' : 'takeover';
  } finally {
    first.client.destroy();
    second.client.destroy();
  }
}

/** The largest n in [low, high] with accepts(n), assuming monotonic acceptance; undefined if low fails. */
async function search(
  low: number,
  high: number,
  accepts: (n: number) => Promise<boolean>,
): Promise<Omit<MeasuredLimit, 'how'>> {
  if (!(await accepts(low))) return { value: undefined, capped: false };
  if (await accepts(high)) return { value: high, capped: true };
  let good = low;
  let bad = high;
  while (bad - good > 1) {
    const mid = Math.floor((good + bad) / 2);
    if (await accepts(mid)) good = mid;
    else bad = mid;
  }
  return { value: good, capped: false };
}

function sleep(ms: number) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
