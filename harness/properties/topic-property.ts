import fc from 'fast-check';
import { InfrastructureError } from '../errors.ts';
import { eventually } from '../eventually.ts';
import { quietWindowMs } from '../net/quiet-window.ts';
import { describeConnect, readConnect } from '../connection/connect-verdict.ts';
import { RawClient } from '../connection/raw-client.ts';
import { expectedTopic } from '../profiles/expected-outcome.ts';
import { harnessHome, measure, type Profile } from '../profiles/profile.ts';
import { CHARACTER_CLASSES, identifier, identifierCharacter } from './character-classes.ts';
import {
  PropertyMismatch,
  runProperty,
  type PropertyOptions,
  type PropertyResult,
} from './property-result.ts';
import { clientIdFor } from '../profiles/client-id-scheme.ts';

/**
 * Topic level lists near the length limit, under provisioned and unprovisioned parents, with
 * reserved characters now and then: SUBSCRIBE is granted and PUBLISH delivered exactly when the
 * profile's rules allow the topic (TOP-2, TOP-3, PUB-3). The PUBLISH half is observed by a
 * subscriber to `<parent>/#`; where the broker (rightly, TOP-2) refuses that observer, no MQTT client
 * can see the PUBLISH, so that half is not judged for the case (the SUBSCRIBE half still is).
 */
export function topicArbitrary(profile: Profile): fc.Arbitrary<string> {
  const home = harnessHome(profile);
  const limit = profile.limits.topicLength?.max ?? 64;
  const parent = fc.oneof(
    { arbitrary: fc.constant(home.parentTopic), weight: 6 },
    { arbitrary: fc.constant('unprovisioned'), weight: 1 },
  );
  const char = identifierCharacter({ invisible: false, reserved: true }).filter((c) => c !== '/');
  return parent.chain((p) =>
    fc.integer({ min: 1, max: 5 }).chain((levels) => {
      const room = Math.max(levels, limit - measure(p, 'characters') - levels); // characters left for the levels' text
      const perLevel = Math.ceil(room / levels);
      const level = fc.oneof(
        identifier(perLevel - 2, perLevel + 2, CHARACTER_CLASSES.ascii),
        identifier(1, 8, char),
      );
      return fc.array(level, { minLength: levels, maxLength: levels }).map((list) => [p, ...list].join('/'));
    }),
  );
}

/** The rules the topic property judges (certify names them when the property could not run). */
export const TOPIC_PROPERTY_RULES = ['TOP-2', 'TOP-3', 'PUB-3'] as const;

export async function checkTopicProperty(
  url: string,
  profile: Profile,
  options: PropertyOptions,
): Promise<PropertyResult> {
  const home = harnessHome(profile);
  let run = 0;
  return runProperty(
    'topics near the limit, under known and unknown parents, are subscribable and delivered exactly when the profile allows them',
    TOPIC_PROPERTY_RULES,
    topicArbitrary(profile),
    async (topic) => {
      const expected = expectedTopic(profile, topic);
      const clientId = clientIdFor(profile, home.groupId, `prop${process.pid}_${run++}`);
      const probe = async (use: 'subscribe' | 'publish'): Promise<boolean | 'unobservable'> => {
        const client = new RawClient(url);
        try {
          const id = `${clientId}${use[0]}`;
          const connected = await client.connect({ clientId: id });
          if (readConnect(connected, { url, clientId: id, mustAccept: true }) === 'refused')
            throw new InfrastructureError(
              `the harness's client ${id} was refused (${describeConnect(connected)}); check the provisioning`,
            );
          if (use === 'subscribe') return await granted(client, topic);
          const observer = `${topic.split('/')[0]}/#`;
          if (!(await granted(client, observer))) {
            if (!expectedTopic(profile, observer).allowed) return 'unobservable';
            throw new PropertyMismatch(
              'TOP-2',
              `SUBSCRIBE to ${JSON.stringify(observer)} was refused; the profile allows it (its parent is provisioned)`,
            );
          }
          const payload = `p${run}`;
          await client.publish(topic, payload, 1);
          const match = (p: { topic: string; payload: Buffer | string }) =>
            p.topic === topic && p.payload.toString() === payload;
          if (!expected.allowed)
            return await client.waitForPublish(match, quietWindowMs(client.fastestRoundTripMs));
          return await eventually(() => (client.publishes.some(match) ? true : undefined), {
            timeoutMs: client.timeoutMs,
            description: `the PUBLISH to ${JSON.stringify(topic)}`,
          }).catch(() => false);
        } finally {
          client.destroy();
        }
      };
      for (const use of ['subscribe', 'publish'] as const) {
        const allowed = await probe(use);
        if (allowed !== 'unobservable' && allowed !== expected.allowed) {
          throw new PropertyMismatch(
            expected.allowed ? 'TOP-3' : expected.rule,
            `${use === 'subscribe' ? 'SUBSCRIBE to' : 'PUBLISH to'} ${JSON.stringify(topic)} (${measure(topic, 'characters')} characters, ` +
              `${measure(topic, 'bytes')} bytes) was ${allowed ? (use === 'subscribe' ? 'granted' : 'delivered') : use === 'subscribe' ? 'refused' : 'not delivered'}; ` +
              `the profile ${expected.allowed ? 'allows it' : `refuses it by ${expected.rule}: ${expected.why}`}`,
          );
        }
      }
    },
    options,
  );
}

/** Whether `filter` was granted: SUBACK 0x80 or a close is a refusal; no SUBACK at all is an error. */
async function granted(client: RawClient, filter: string): Promise<boolean> {
  const answer = await client.subscribe([filter]);
  if (answer === 'timeout')
    throw new InfrastructureError(
      `no SUBACK to ${JSON.stringify(filter)} within ${client.timeoutMs} ms and the connection stayed open; check the broker is responsive`,
    );
  return answer !== 'closed' && answer[0] !== 0x80;
}
