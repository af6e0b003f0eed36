import { ruleGroup } from '../rule-group.ts';

/** ESL: electronic shelf labels (price tags) behind smart APs (seed 000 §2); checked by the solution scenarios. */
export const ESL_RULES = ruleGroup(
  {
    id: 'ESL',
    title: 'Retail price tags via smart APs',
    about:
      'The electronic price tag solution (seed 000 §2), run by simulated APs, tags and a management service.',
  },
  [
    {
      id: 'ESL-1',
      text:
        'Status report: tags report display state and battery to their AP when it polls them; the AP publishes ' +
        'the batch over MQTT; it reaches the management service through MQ, which tracks and logs which tags are online.',
      source: 'seed 000 §2 (status report)',
      profile: 'aliyun',
      check: 'solution',
    },
    {
      id: 'ESL-2',
      text:
        'Price change: the service sends an MQ message, the broker pushes it to the AP (P2P), the AP keeps the ' +
        'task, the tag picks it up at its next poll, the AP acknowledges once the tag shows the new price, and ' +
        'the service marks the task done.',
      source: 'seed 000 §2 (display update)',
      profile: 'aliyun',
      check: 'solution',
    },
    {
      id: 'ESL-3',
      text:
        'APs connect with cleanSession=true and QoS 1: a task pushed while an AP was offline is not delivered ' +
        'later. APs drop duplicates and stale tasks.',
      source: 'seed 000 §2',
      profile: 'aliyun',
      check: 'solution',
    },
    {
      id: 'ESL-4',
      text: 'Price changes and status reports use different parent topics; price changes go P2P.',
      source: 'seed 000 §2',
      profile: 'aliyun',
      check: 'solution',
    },
    {
      id: 'ESL-5',
      text:
        'Scale: hundreds to thousands of stores, several APs each, many tags per AP; the documents claim ' +
        'millisecond push to millions of devices (a claim the fleet simulation lets a user measure).',
      source: 'seed 000 §2 (advantages; SDK and protocol choice)',
      profile: 'aliyun',
      check: 'solution',
    },
    {
      id: 'ESL-6',
      text:
        'Task state changes are stored so a price change is known to have succeeded; reports and task logs are ' +
        'kept for audit.',
      source: 'seed 000 §2',
      profile: 'aliyun',
      check: 'solution',
    },
  ],
);
