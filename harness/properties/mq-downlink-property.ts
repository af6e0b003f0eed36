import { TestClient } from '../connection/test-client.ts';
import { eventually } from '../eventually.ts';
import { expectedDownlink } from '../mq/mq-downlink.ts';
import { MqRefusal, type MqEndpoint } from '../mq/mq-endpoint.ts';
import { describeBytes } from '../mq/mq-properties.ts';
import { subscribesToOwnP2p, type P2pMode } from '../p2p/applicability.ts';
import { harnessHome, p2pTopic, type Profile } from '../profiles/profile.ts';
import { downlinkCase, type DownlinkCase } from './mq-arbitraries.ts';
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
 * MQ → MQTT (MQM-2..7, P2P-1, P2P-3): any set of MQ sender properties, valid or not → the MQTT side
 * receives what the rules say (derived by mq-downlink.ts from the profile): refused; delivered to the
 * subscribers of the named subtopic at `qoslevel` (default 1); or, for a P2P subtopic, to the target
 * alone on its P2P topic or `mqttRealTopic`. A subscriber to `<parent>/#` and a P2P target are online.
 */
export async function checkMqDownlinkProperty(
  url: string,
  mq: MqEndpoint,
  profile: Profile,
  p2p: P2pMode,
  options: PropertyOptions,
): Promise<PropertyResult> {
  const home = harnessHome(profile);
  const run = `d${Date.now().toString(36)}`;
  const watcher = new TestClient(
    'watcher',
    url,
    clientIdFor(profile, home.groupId, `watcher${run}`),
    WAIT_MS,
  );
  const target = new TestClient('target', url, clientIdFor(profile, home.groupId, `target${run}`), WAIT_MS);
  const targetTopic = p2pTopic(profile, home.parentTopic, target.clientId) ?? '';
  await watcher.connectOrFail();
  await watcher.subscribe(`${home.parentTopic}/#`, 2);
  await watcher.subscribe(home.parentTopic, 2);
  await target.connectOrFail();
  // The one P2P decision (P2P-1); with `none` the P2P cases are left out below, so it subscribes to no effect.
  if (subscribesToOwnP2p(p2p)) await target.subscribe(targetTopic, 2);
  let n = 0;
  try {
    // Without P2P delivery (p2p: none) the P2P cases do not apply; the property then judges MQM only.
    const withP2p = p2p !== 'none';
    return await runProperty(
      'MQ → MQTT: any MQ properties lead to what the rules say: refused, delivered to the subtopic at qoslevel (default 1), or P2P to one client',
      ['MQM-2', 'MQM-3', 'MQM-4', 'MQM-5', 'MQM-6', 'MQM-7', ...(withP2p ? ['P2P-1', 'P2P-3'] : [])],
      withP2p ? downlinkCase : downlinkCase.filter((c) => c.aim.to !== 'p2p'),
      async (c: DownlinkCase) => {
        const marker = Buffer.from(`#${run}-${++n}#`);
        const payload = Buffer.concat([marker, Buffer.from(c.payload)]);
        const properties = caseProperties(c, `${run}-${n}`, targetTopic.slice(home.parentTopic.length));
        const expected = expectedDownlink(
          { p2pTopicFormat: profile.p2pTopicFormat ?? '', parentTopics: [home.parentTopic] },
          home.parentTopic,
          properties,
        );
        const what = `MQ properties ${JSON.stringify(properties)}`;
        let refusal: MqRefusal | undefined;
        await mq.send(home.parentTopic, payload, properties).catch((error: unknown) => {
          if (!(error instanceof MqRefusal)) throw error;
          refusal = error;
        });
        if (expected.kind === 'refused') {
          if (!refusal)
            throw new PropertyMismatch(
              expected.rule,
              `${what} were accepted; the profile refuses them by ${expected.rule}: ${expected.why}`,
            );
          return;
        }
        if (refusal)
          throw new PropertyMismatch(
            refusal.rule,
            `${what} were refused (${refusal.message}); the profile accepts them`,
          );
        const receiver = expected.kind === 'p2p' ? target : watcher;
        const bystander = expected.kind === 'p2p' ? watcher : target;
        const mine = (r: { payload: Buffer }) => r.payload.subarray(0, marker.length).equals(marker);
        const got = await eventually(() => receiver.received.find(mine), {
          timeoutMs: WAIT_MS,
          description: 'the MQ message',
        }).catch(() => undefined);
        const rule = expected.kind === 'p2p' ? 'P2P-3' : 'MQM-5';
        if (!got)
          throw new PropertyMismatch(
            rule,
            `${what}: "${receiver.actor}" received nothing; expected it on ${JSON.stringify(expected.topic)}`,
          );
        if (got.topic !== expected.topic)
          throw new PropertyMismatch(
            expected.kind === 'p2p' && properties.mqttRealTopic ? 'MQM-6' : rule,
            `${what}: arrived on ${JSON.stringify(got.topic)}, expected ${JSON.stringify(expected.topic)}`,
          );
        if (got.qos !== expected.qos)
          throw new PropertyMismatch(
            'MQM-3',
            `${what}: arrived at QoS ${got.qos}, expected QoS ${expected.qos}`,
          );
        if (!got.payload.equals(payload))
          throw new PropertyMismatch(
            'MQM-2',
            `${what}: payload ${describeBytes(got.payload)}, sent ${describeBytes(payload)}`,
          );
        if (expected.kind === 'p2p' && bystander.received.some(mine))
          throw new PropertyMismatch(
            'P2P-1',
            `${what}: the P2P message also reached a subscriber of "${home.parentTopic}/#"`,
          );
      },
      options,
    );
  } finally {
    await Promise.all([watcher.close(), target.close()]);
  }
}

function caseProperties(c: DownlinkCase, caseLevel: string, p2pSecondTopic: string): Record<string, string> {
  const aim = c.aim;
  const second =
    aim.to === 'subtopic'
      ? `${aim.slash ? '/' : ''}${[caseLevel, ...aim.levels].join('/')}`
      : aim.to === 'p2p'
        ? p2pSecondTopic
        : undefined;
  return {
    ...(second === undefined ? {} : { mqttSecondTopic: second }),
    ...(aim.to === 'p2p' && aim.realTopic ? { mqttRealTopic: `/${caseLevel}/real` } : {}),
    ...(c.qoslevel === undefined ? {} : { qoslevel: c.qoslevel }),
    ...(c.cleansessionflag === undefined ? {} : { cleansessionflag: c.cleansessionflag }),
    ...(c.clientId ? { clientId: 'GID_harness@@@spoof' } : {}),
  };
}
