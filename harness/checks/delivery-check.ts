import { eventually } from '../eventually.ts';
import { expectationFailed, preconditionFailed } from '../expectation.ts';
import type { MqWatch } from './mq-watch.ts';
import type { RawClient, RawPublishOutcome } from '../connection/raw-client.ts';
import { filterMatches } from './topic-filter.ts';

/** A SUBACK return code, or `closed`: the broker closed the connection instead of answering. */
export type Grant = number | 'closed';

export interface DeliveryCase {
  readonly listener: string;
  readonly client: RawClient;
  /** The listener's filters the broker granted. */
  readonly grantedFilters: readonly string[];
  /** Every filter the listener tried and its answer (undefined: not tried), for the evidence. */
  readonly tried: readonly { readonly filter: string; readonly grant: Grant | undefined }[];
  readonly sent: { readonly topic: string; readonly outcome: RawPublishOutcome };
  readonly verdict: 'accepts' | 'refuses';
  readonly rule: string;
  readonly profile: string;
  /** How long "nothing arrived" is waited for (quiet-window.ts). */
  readonly quietMs: number;
  /** A second observer (the MQ side), or why there is none. */
  readonly alsoWatching?: MqWatch | string;
}

/**
 * The listener got the message (`accepts`, within its receive timeout), or no observer saw it within
 * the quiet window (`refuses`). "Not delivered" needs an observer that could have seen the message:
 * the listener counts only when a granted filter matches the topic, the MQ watch when there is one;
 * with neither, the check is inconclusive — never a pass.
 */
export async function checkDelivery(c: DeliveryCase): Promise<void> {
  const { client, sent, listener, rule } = c;
  const listens = c.grantedFilters.some((filter) => filterMatches(filter, sent.topic));
  const watch = typeof c.alsoWatching === 'object' ? c.alsoWatching : undefined;
  if (c.verdict === 'refuses' && !listens && !watch) {
    const why = typeof c.alsoWatching === 'string' ? ` and ${c.alsoWatching}` : '';
    throw preconditionFailed(
      `nothing could observe a PUBLISH to ${JSON.stringify(sent.topic)}: "${listener}" holds no ` +
        `granted subscription matching it (${describeTried(c.tried)})${why}; "not delivered" cannot be concluded, so this is not a pass`,
      rule,
    );
  }
  const atListener = () => client.publishes.find((p) => p.topic === sent.topic);
  const seen = () => atListener() !== undefined || (watch?.saw(sent.topic) ?? false);
  const arrived = await eventually(() => (seen() ? true : undefined), {
    timeoutMs: c.verdict === 'accepts' ? client.timeoutMs : c.quietMs,
    description: `a PUBLISH to ${JSON.stringify(sent.topic)}`,
  }).catch(() => false);
  if (arrived === (c.verdict === 'accepts')) return;
  const size = atListener()?.payload.length;
  const where = !atListener() && watch?.saw(sent.topic) ? watch.description : `"${listener}"`;
  const observers = [...(listens ? [`"${listener}"`] : []), ...(watch ? [watch.description] : [])];
  throw expectationFailed(
    `[${rule}] a PUBLISH to ${JSON.stringify(sent.topic)} (${[...sent.topic].length} characters, ` +
      `${Buffer.byteLength(sent.topic)} bytes${size === undefined ? '' : `, payload ${size} bytes`}) was ` +
      `${arrived ? `delivered to ${where}` : `not delivered to ${observers.join(' and ')} within ${client.timeoutMs} ms`} ` +
      `(the sender saw: ${sent.outcome}); the ${c.profile} profile says it is ${c.verdict === 'accepts' ? 'delivered' : 'not delivered'}` +
      (arrived ? ` (observed within a ${c.quietMs} ms quiet window)` : ''),
  );
}

function describeTried(tried: DeliveryCase['tried']): string {
  if (tried.length === 0) return 'it subscribed to nothing';
  const answer = (g: Grant | undefined) =>
    g === undefined
      ? 'not tried'
      : g === 'closed'
        ? 'connection closed'
        : `0x${g.toString(16).padStart(2, '0')}`;
  return tried.map(({ filter, grant }) => `${JSON.stringify(filter)} → ${answer(grant)}`).join(', ');
}
