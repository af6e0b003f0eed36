import { ruleGroup } from '../rule-group.ts';

/** TOP: topics (seed 001 §2 and the solution documents' topic mappings). */
export const TOPIC_RULES = ruleGroup(
  {
    id: 'TOP',
    title: 'Topics',
    about:
      'The topic tree, its provisioned parent topics and its length limit; seed 001 §2 and the solution documents.',
  },
  [
    {
      id: 'TOP-1',
      text: 'Topics form a tree: the first level is the parent topic, the levels below it are subtopics.',
      source: 'seed 001 §2; MQTT 3.1.1 §4.7',
      profile: 'mqtt-3.1.1',
      check: 'wire',
    },
    {
      id: 'TOP-2',
      text:
        'A parent topic is provisioned before use, like a namespace (subtopics need no provisioning); publishing ' +
        'or subscribing under a parent the service does not know is refused.',
      source: 'seed 001 §2; seed 000',
      profile: 'aliyun',
      check: 'wire',
    },
    {
      id: 'TOP-3',
      text: 'A whole topic (parent and subtopics) is at most 64 characters; a longer one gets the client an error.',
      source: 'seed 001 §2; seeds 000, 002, 003',
      profile: 'aliyun',
      check: 'wire',
    },
    {
      id: 'TOP-4',
      text:
        "Topic-plan design rules checked on every simulated system's plan: uplink and downlink use different parent " +
        'topics; different kinds of task (a price change, a status report) use different parents; so do flows of ' +
        'very different priority or volume.',
      source: 'seeds 000, 002, 003 (topic mapping)',
      profile: 'aliyun',
      check: 'design',
    },
  ],
);
