import { ALIYUN } from '../profiles/aliyun.ts';
import { SOLUTION_PROVISIONING } from '../profiles/solution-provisioning.ts';

/**
 * P2P for EMQX by broker-side auto-subscription (P2P mode `auto-subscribe`): EMQX subscribes every
 * client, as it connects, to `<parent>/p2p/${clientid}` for each provisioned parent topic, so a P2P
 * message reaches its target without the device subscribing (P2P-1, P2P-2). EMQX fills `${clientid}`.
 * The same value is in docker-compose.yml (`$$` there escapes compose's own interpolation).
 */
export const EMQX_P2P_PARENTS: readonly string[] = [
  ...(ALIYUN.provisioning?.parentTopics ?? []),
  ...SOLUTION_PROVISIONING.parentTopics,
];

/** `EMQX_AUTO_SUBSCRIBE__TOPICS`: a HOCON list of `{topic, qos}`. */
export function emqxAutoSubscribeTopics(parents: readonly string[] = EMQX_P2P_PARENTS, qos = 1): string {
  return `[${parents.map((parent) => `{topic = "${parent}/p2p/\${clientid}", qos = ${qos}}`).join(', ')}]`;
}
