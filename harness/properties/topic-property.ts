import fc from 'fast-check';
import { InfrastructureError } from '../errors.ts';
import { RawClient } from '../probe/raw-client.ts';
import { expectedTopic } from '../profiles/expected-outcome.ts';
import { harnessHome, measure, type Profile } from '../profiles/profile.ts';
import { CHARACTER_CLASSES, identifier, identifierCharacter } from './character-classes.ts';
import {
  PropertyMismatch,
  runProperty,
  type PropertyOptions,
  type PropertyResult,
} from './property-result.ts';

/** How long a message that is not coming is waited for. */
const QUIET_MS = 300;

/**
 * Topic level lists near the length limit, under provisioned and unprovisioned parents, with
 * reserved characters now and then: SUBSCRIBE is granted and PUBLISH delivered exactly when the
 * profile's rules allow the topic (TOP-2, TOP-3, PUB-3).
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

export async function checkTopicProperty(
  url: string,
  profile: Profile,
  options: PropertyOptions,
): Promise<PropertyResult> {
  const home = harnessHome(profile);
  let run = 0;
  return runProperty(
    'topics near the limit, under known and unknown parents, are subscribable and delivered exactly when the profile allows them',
    ['TOP-2', 'TOP-3', 'PUB-3'],
    topicArbitrary(profile),
    async (topic) => {
      const expected = expectedTopic(profile, topic);
      const clientId = `${home.groupId}${profile.clientId?.separator ?? '@@@'}prop${process.pid}_${run++}`;
      const probe = async (use: 'subscribe' | 'publish') => {
        const client = new RawClient(url);
        try {
          const connected = await client
            .connect({ clientId: `${clientId}${use[0]}` })
            .catch((error: unknown) => {
              throw new InfrastructureError(
                `cannot reach ${url}: ${error instanceof Error ? error.message : String(error)}`,
              );
            });
          if (!connected.accepted)
            throw new InfrastructureError(
              `the harness's client ${clientId} was refused; check the provisioning`,
            );
          if (use === 'subscribe') {
            const granted = await client.subscribe([topic]);
            return Array.isArray(granted) && granted[0] !== 0x80;
          }
          await client.subscribe([`${topic.split('/')[0]}/#`]);
          const payload = `p${run}`;
          await client.publish(topic, payload, 1);
          const deadline = Date.now() + (expected.allowed ? 3_000 : QUIET_MS);
          const arrived = () =>
            client.publishes.some((p) => p.topic === topic && p.payload.toString() === payload);
          while (!arrived() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
          return arrived();
        } finally {
          client.destroy();
        }
      };
      for (const use of ['subscribe', 'publish'] as const) {
        const allowed = await probe(use);
        if (allowed !== expected.allowed) {
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
