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

/** The payloads as first sent to the subscriber are in publishing order [MQTT-4.6.0-6]. */
export function judgeOrder(actor: string, sent: readonly string[], received: readonly WirePublish[]): string {
  const firsts = received.filter((p) => !p.dup && sent.includes(p.payload)).map((p) => p.payload);
  const inOrder = firsts.length === sent.length && firsts.every((payload, i) => payload === sent[i]);
  if (!inOrder)
    throw expectationFailed(
      `[MQTT-4.6.0-6] "${actor}" was sent ${JSON.stringify(firsts)}; published in one go by one client on one topic at one QoS, they go out as ${JSON.stringify(sent)}`,
    );
  return `"${actor}" was sent ${JSON.stringify(firsts)} in publishing order`;
}

/**
 * Every topic is an ordered topic by default [MQTT-4.6.0-5]: of messages one client wrote to several
 * topics in turns, each topic's messages go out in the order written, whatever the other topics do.
 * A message that never came leaves the check inconclusive (QoS 0 may be lost); an order is judged first.
 */
export function judgeOrderPerTopic(
  actor: string,
  sent: readonly { topic: string; payload: string }[],
  received: readonly WirePublish[],
): string {
  const topics = [...new Set(sent.map((m) => m.topic))];
  const lines = topics.map((topic) => {
    const published = sent.filter((m) => m.topic === topic).map((m) => m.payload);
    const firsts = received.filter((p) => !p.dup && published.includes(p.payload)).map((p) => p.payload);
    const expected = published.filter((p) => firsts.includes(p));
    if (firsts.some((payload, i) => payload !== expected[i]))
      throw expectationFailed(
        `[MQTT-4.6.0-5] "${actor}" was sent ${JSON.stringify(firsts)} on "${topic}", written in that topic in the order ${JSON.stringify(published)}; every topic is ordered by default`,
      );
    return { topic, missing: published.filter((p) => !firsts.includes(p)) };
  });
  const missing = lines.flatMap((l) => l.missing);
  if (missing.length > 0)
    throw preconditionFailed(
      `"${actor}" was never sent ${JSON.stringify(missing)}; the order of what came holds, but a lost message leaves it unjudged`,
      'MQTT-4.6.0-5',
    );
  return `"${actor}" was sent the messages of ${topics.length} topics, each topic in the order written`;
}
