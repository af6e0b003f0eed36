/**
 * The topic plans of the three simulated solutions, in one place (TOP-4, CID-6). Parent topics and
 * Group IDs must be provisioned before use (TOP-2, CID-5), so their names come from the harness's
 * provisioning (harness/profiles/solution-provisioning.ts), which the reference broker provisions; a
 * unit test checks the plans use exactly those. The scenario namespace lives in the subtopic
 * (`<parent>/<scope>/…`) or in the client ID of a P2P topic, never in the parent.
 */
import { SOLUTION_GROUPS, SOLUTION_PARENTS } from '../harness/profiles/solution-provisioning.ts';

export type Direction = 'uplink' | 'downlink';
/** TOP-4: coarse classes on purpose, so two different values on one parent are "very different". */
export type Priority = 'high' | 'low';
export type Volume = 'high' | 'low';

export interface ParentTopic {
  readonly name: string;
  /** Uplink: device → service; downlink: service → device. */
  readonly direction: Direction;
  /** The kind of task it carries; different task types get different parents (TOP-4, ESL-4). */
  readonly task: string;
  /** How urgent its messages are: a command a user waits for is high, a periodic report low (TOP-4). */
  readonly priority: Priority;
  /** How many messages it carries: a fleet's periodic status stream is high, commands low (TOP-4). */
  readonly volume: Volume;
  /** Downlink parents the devices receive P2P on (RTC-2, ESL-4, CSG-5). */
  readonly p2p?: boolean;
}

export interface TopicPlan {
  /** The solution's name as the features write it ("RTC", "price-tag", "CSG"). */
  readonly name: string;
  readonly groupIds: readonly string[];
  readonly parents: readonly ParentTopic[];
}

// CID-6: phones group by platform, APs by vendor, CSG instances by region; services have their own.
export const PHONE_GROUPS = SOLUTION_GROUPS.phone;
export const AP_GROUPS = SOLUTION_GROUPS.ap;
export const CSG_GROUPS = SOLUTION_GROUPS.csg;
export const SERVICE_GROUPS = SOLUTION_GROUPS.service;

export type Platform = keyof typeof PHONE_GROUPS;
export type ApVendor = keyof typeof AP_GROUPS;
export type CsgRegion = keyof typeof CSG_GROUPS;

export const RTC_PARENTS = SOLUTION_PARENTS.rtc;
export const ESL_PARENTS = SOLUTION_PARENTS.esl;
export const CSG_PARENTS = SOLUTION_PARENTS.csg;

export const RTC_PLAN: TopicPlan = {
  name: 'RTC',
  groupIds: [PHONE_GROUPS.android, PHONE_GROUPS.ios, SERVICE_GROUPS.rtc],
  parents: [
    { name: RTC_PARENTS.uplink, direction: 'uplink', task: 'signalling', priority: 'high', volume: 'low' },
    {
      name: RTC_PARENTS.downlink,
      direction: 'downlink',
      task: 'signalling',
      priority: 'high',
      volume: 'low',
      p2p: true,
    },
  ],
};

export const PRICE_TAG_PLAN: TopicPlan = {
  name: 'price-tag',
  groupIds: [AP_GROUPS.acme, SERVICE_GROUPS.esl],
  parents: [
    { name: ESL_PARENTS.status, direction: 'uplink', task: 'status report', priority: 'low', volume: 'high' },
    {
      name: ESL_PARENTS.price,
      direction: 'downlink',
      task: 'price change',
      priority: 'high',
      volume: 'low',
      p2p: true,
    },
    {
      name: ESL_PARENTS.priceAck,
      direction: 'uplink',
      task: 'price change',
      priority: 'high',
      volume: 'low',
    },
  ],
};

export const CSG_PLAN: TopicPlan = {
  name: 'CSG',
  groupIds: [CSG_GROUPS['cn-hangzhou'], CSG_GROUPS['cn-shanghai'], SERVICE_GROUPS.csg],
  parents: [
    {
      name: CSG_PARENTS.command,
      direction: 'downlink',
      task: 'control',
      priority: 'high',
      volume: 'low',
      p2p: true,
    },
    { name: CSG_PARENTS.reply, direction: 'uplink', task: 'control', priority: 'high', volume: 'low' },
    { name: CSG_PARENTS.status, direction: 'uplink', task: 'status report', priority: 'low', volume: 'high' },
  ],
};

export const TOPIC_PLANS: readonly TopicPlan[] = [RTC_PLAN, PRICE_TAG_PLAN, CSG_PLAN];

/** `<parent>/<scope>/<leaf>`: the scenario scope (namespace ID) right under the provisioned parent. */
export function scopedTopic(parent: string, scope: string, leaf: string): string {
  return `${parent}/${scope}/${leaf}`;
}

/** The filter a service listens on for one parent within its scope. */
export function scopedFilter(parent: string, scope: string): string {
  return `${parent}/${scope}/+`;
}
