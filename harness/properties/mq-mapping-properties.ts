import { openMq, type MqChoice } from '../mq/mq-choice.ts';
import type { P2pMode } from '../p2p/applicability.ts';
import type { Profile } from '../profiles/profile.ts';
import { checkMqDownlinkProperty } from './mq-downlink-property.ts';
import { checkMqUplinkProperty } from './mq-uplink-property.ts';
import type { PropertyOptions, PropertyResult } from './property-result.ts';

/** Both MQ mapping properties (MQM, P2P-3) against a run's MQ side; none when the run has no MQ. */
export async function checkMqMapping(
  url: string,
  choice: MqChoice,
  profile: Profile,
  p2p: P2pMode,
  options: PropertyOptions,
): Promise<PropertyResult[]> {
  if (choice.kind === 'none') return [];
  const mq = await openMq(choice);
  try {
    const up = await checkMqUplinkProperty(url, mq, profile, options);
    const down = await checkMqDownlinkProperty(url, mq, profile, p2p, {
      ...options,
      ...(options.seed === undefined ? { seed: up.seed } : {}),
    });
    return [up, down];
  } finally {
    await mq.close();
  }
}
