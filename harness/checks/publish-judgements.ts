import type { WirePublish } from '../connection/session-probe.ts';
import { expectationFailed, preconditionFailed } from '../expectation.ts';

/**
 * Judgements of PUBLISH packets as a subscriber saw them on the wire (SessionProbe), each naming the one
 * statement the observed behaviour breaks. Pure functions: the stage (publish-stage.ts) waits, these judge.
 */

/** `"m" (QoS 1, DUP 0, retain 1, id 7)`, for evidence. */
export function describePublish(p: WirePublish, topicOf: (t: string) => string = (t) => t): string {
  const id = p.packetId === undefined ? '' : `, id ${p.packetId}`;
  return `"${p.payload}" on "${topicOf(p.topic)}" (QoS ${p.qos}, DUP ${Number(p.dup)}, retain ${Number(p.retain)}${id})`;
}

/**
 * The message a new subscription is sent because a retained message matched it: its absence breaks
 * [MQTT-3.3.1-6], a clear retain flag [MQTT-3.3.1-8], a QoS other than the lower of the stored and the
 * granted one [MQTT-3.3.1-5] (the server stores the message *and its QoS*).
 */
export function judgeRetainedSent(
  actor: string,
  first: WirePublish | undefined,
  expected: { payload: string; topic: string; qos: number; granted: number },
): string {
  const wanted = Math.min(expected.qos, expected.granted);
  if (!first)
    throw expectationFailed(
      `[MQTT-3.3.1-6] "${actor}" subscribed after "${expected.payload}" was retained on "${expected.topic}" and was not sent it`,
    );
  const seen = describePublish(first);
  if (!first.retain)
    throw expectationFailed(
      `[MQTT-3.3.1-8] "${actor}" was sent ${seen} for its new subscription; a message sent because a subscription was made carries RETAIN=1`,
    );
  if (first.qos !== wanted)
    throw expectationFailed(
      `[MQTT-3.3.1-5] "${actor}" was sent ${seen}; retained at QoS ${expected.qos} and granted QoS ${expected.granted}, it goes out at QoS ${wanted}`,
    );
  return `"${actor}" was sent ${seen}`;
}

/**
 * The first transmission of a message to a subscriber has DUP=0: on a QoS 0 PUBLISH any DUP=1 breaks
 * [MQTT-3.3.1-2]; on QoS 1 and 2 a DUP=1 copied from the incoming PUBLISH breaks [MQTT-3.3.1-3].
 */
export function judgeFirstSendDup(actor: string, first: WirePublish, publishedWithDup: boolean): string {
  const seen = describePublish(first);
  if (!first.dup) return `"${actor}" was sent ${seen}`;
  if (first.qos === 0)
    throw expectationFailed(`[MQTT-3.3.1-2] "${actor}" was sent ${seen}: a QoS 0 PUBLISH has DUP=0`);
  throw expectationFailed(
    `[MQTT-3.3.1-3] "${actor}" was sent ${seen} the first time it got the message` +
      `${publishedWithDup ? ' (the publisher had set DUP=1)' : ''}; the outgoing DUP flag says only whether the outgoing packet is a re-send`,
  );
}

/** One PUBLISH a client wrote: its topic (as the scenario names it) and payload. */
export interface Written {
  readonly topic: string;
  readonly payload: string;
}

/**
 * Messages one client wrote in one go reach the subscriber, topic by topic, in the order written: on
 * one topic at one QoS [MQTT-4.6.0-6], and on every topic, each ordered by default [MQTT-4.6.0-5]; the
 * order between topics is not fixed. The order of what came (first sends, once each) is judged first;
 * a message that never came then leaves the check inconclusive (QoS 0 may be lost; loss is not order).
 */
export function judgeOrder(
  actor: string,
  written: readonly Written[],
  received: readonly WirePublish[],
  rule: 'MQTT-4.6.0-5' | 'MQTT-4.6.0-6',
): string {
  const topics = [...new Set(written.map((m) => m.topic))];
  const missing: string[] = [];
  const seen = topics.map((topic) => {
    const order = written.filter((m) => m.topic === topic).map((m) => m.payload);
    const firsts = [
      ...new Set(received.filter((p) => !p.dup && order.includes(p.payload)).map((p) => p.payload)),
    ];
    const expected = order.filter((p) => firsts.includes(p));
    if (firsts.some((payload, i) => payload !== expected[i]))
      throw expectationFailed(
        `[${rule}] "${actor}" was sent ${JSON.stringify(firsts)}${topics.length > 1 ? ` on "${topic}"` : ''}; ` +
          `written in one go by one client to that topic, they go out as ${JSON.stringify(order)}`,
      );
    missing.push(...order.filter((p) => !firsts.includes(p)));
    return JSON.stringify(firsts);
  });
  if (missing.length > 0)
    throw preconditionFailed(
      `"${actor}" was never sent ${JSON.stringify(missing)}; the order of what came holds, but a lost message leaves it unjudged`,
      rule,
    );
  return `"${actor}" was sent ${seen.join(', ')}: ${topics.length > 1 ? 'each topic' : 'all'} in the order written`;
}
