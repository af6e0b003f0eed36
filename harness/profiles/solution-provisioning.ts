import type { Provisioning } from './profile.ts';

/**
 * The Group IDs and parent topics of the simulated solutions (RTC, price tags, CSG), in their one home:
 * the simulators' topic plans (simulators/topic-plans.ts) name them from here, the reference broker
 * provisions them beside the profile's own (harness/targets/reference-target.ts, CID-5, TOP-2), and
 * EMQX auto-subscribes their P2P parents (harness/p2p/emqx-auto-subscribe.ts).
 */
// CID-6: phones group by platform, APs by vendor, CSG instances by region; services have their own.
export const SOLUTION_GROUPS = {
  phone: { android: 'GID_android', ios: 'GID_ios' },
  ap: { acme: 'GID_acme' },
  csg: { 'cn-hangzhou': 'GID_cn-hangzhou', 'cn-shanghai': 'GID_cn-shanghai' },
  service: { rtc: 'GID_rtc_service', esl: 'GID_esl_service', csg: 'GID_csg_console' },
} as const;

export const SOLUTION_PARENTS = {
  rtc: { uplink: 'rtc_uplink', downlink: 'rtc_downlink' },
  esl: { status: 'esl_status', price: 'esl_price', priceAck: 'esl_price_ack' },
  csg: { command: 'csg_command', reply: 'csg_reply', status: 'csg_status' },
} as const;

const names = (groups: Record<string, Record<string, string>>) =>
  Object.values(groups).flatMap((group) => Object.values(group));

/** Everything above as one provisioning, for a broker to provision. */
export const SOLUTION_PROVISIONING: Provisioning = {
  groupIds: names(SOLUTION_GROUPS),
  parentTopics: names(SOLUTION_PARENTS),
};
