import { TestClient } from '../connection/test-client.ts';
import { eventually } from '../eventually.ts';
import type { MqEndpoint, MqMessage } from '../mq/mq-endpoint.ts';
import { describeMqMessage } from '../mq/mq-endpoint.ts';
import { uplinkMismatches } from '../mq/mq-properties.ts';
import { harnessHome, measure, type Profile } from '../profiles/profile.ts';
import { uplinkCase, type UplinkCase } from './mq-arbitraries.ts';
import {
  PropertyMismatch,
  runProperty,
  type PropertyOptions,
  type PropertyResult,
} from './property-result.ts';
import { clientIdFor } from '../profiles/client-id-scheme.ts';

/**
 * The bound of a positive wait (a CONNACK, the message arriving): it costs nothing when the answer comes, so
 * it is generous; a loaded 2-core machine, with the scenarios running beside the properties, must not turn
 * a late answer into a failure.
 */
const WAIT_MS = 5_000;

/**
 * MQTT → MQ (MQM-1, MQM-2, MQM-3, MQM-4, MQM-5, MQM-6, MQM-7): any topic under the parent, QoS,
 * cleanSession, client ID and payload bytes → the MQ message carries exactly the mapped properties
 * and the payload unchanged. Each case is a real client publishing once; a marker in the first bytes
 * of the payload finds its MQ message (so a broker that mangles the rest is still judged).
 */
export async function checkMqUplinkProperty(
  url: string,
  mq: MqEndpoint,
  profile: Profile,
  options: PropertyOptions,
): Promise<PropertyResult> {
  const home = harnessHome(profile);
  const arrived: MqMessage[] = [];
  const consumer = await mq.consume(home.parentTopic, (message) => arrived.push(message));
  const run = `u${Date.now().toString(36)}`;
  let n = 0;
  try {
    return await runProperty(
      'MQTT → MQ: any topic, QoS, cleanSession, client ID and payload arrive with exactly the mapped properties, bytes unchanged',
      ['MQM-1', 'MQM-2', 'MQM-3', 'MQM-4', 'MQM-5', 'MQM-6', 'MQM-7'],
      uplinkCase.filter((c) => fits(profile, home.parentTopic, c)),
      async (c: UplinkCase) => {
        const marker = Buffer.from(`#${run}-${++n}#`);
        const payload = Buffer.concat([marker, Buffer.from(c.payload)]);
        const topic = [home.parentTopic, `${run}-${n}`, ...c.levels].join('/');
        const clientId = clientIdFor(profile, home.groupId, `${c.device}${n}`);
        const client = new TestClient('device', url, clientId, WAIT_MS);
        try {
          await client.connectOrFail({ clean: c.clean });
          await client.publish(topic, payload, { qos: c.qos });
          const message = await eventually(
            () => arrived.find((m) => m.body.subarray(0, marker.length).equals(marker)),
            {
              timeoutMs: WAIT_MS,
              description: `the MQ message of ${JSON.stringify(topic)}`,
            },
          ).catch(() => {
            throw new PropertyMismatch(
              'MQM-1',
              `nothing arrived on the MQ topic "${home.parentTopic}" for a message on ${JSON.stringify(topic)}`,
            );
          });
          const broken = uplinkMismatches(
            { topic, qos: c.qos, cleanSession: c.clean, clientId },
            message,
            payload,
          );
          const first = broken[0];
          if (first)
            throw new PropertyMismatch(
              first.rule,
              `${broken.map((m) => `${m.rule}: ${m.what}`).join('; ')} — ${JSON.stringify(describeMqMessage(message)).slice(0, 600)}`,
            );
        } finally {
          await client.close();
        }
      },
      options,
    );
  } finally {
    await consumer.cancel();
  }
}

/** TOP-3: the case must be a topic the profile allows, so the property is about the mapping only. */
function fits(profile: Profile, parent: string, c: UplinkCase): boolean {
  const topic = [parent, 'u0000000000-000', ...c.levels].join('/');
  const limit = profile.limits.topicLength;
  return !limit || measure(topic, limit.unit) <= limit.max;
}
