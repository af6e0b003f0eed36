import { ruleGroup } from '../rule-group.ts';

/** CID: client identifiers (seed 001 §2 and the solution documents' ID mappings). */
export const CLIENT_ID_RULES = ruleGroup(
  {
    id: 'CID',
    title: 'Client identifiers',
    about: 'How the service names clients; seed 001 §2 and the ID mappings of the three solution documents.',
  },
  [
    {
      id: 'CID-1',
      text: 'A client ID is a Group ID and a Device ID joined by the separator `@@@` (`<GroupID>@@@<DeviceID>`).',
      source: 'seed 001 §2; seeds 000, 002, 003',
      profile: 'aliyun',
      check: 'wire',
    },
    {
      id: 'CID-2',
      text: 'A client ID is at most 64 characters (Unicode code points, not bytes); a CONNECT with a longer one is refused.',
      source: 'seed 001 §2; seed 000',
      profile: 'aliyun',
      check: 'wire',
    },
    {
      id: 'CID-3',
      text: 'A client ID holds no invisible characters: no control characters, whitespace or zero-width characters.',
      source: 'seed 001 §2',
      profile: 'aliyun',
      check: 'wire',
    },
    {
      id: 'CID-4',
      text:
        'Client IDs are unique: a CONNECT with the ID of a client that is online is refused. Plain MQTT takes over ' +
        'instead (the older connection is closed), and the product FAQ mentions that too, so the profile makes it ' +
        'a setting (`refuse`, the default, or `takeover`) and the report always says what the broker did.',
      source: 'seed 001 §2; product FAQ',
      profile: 'aliyun',
      check: 'wire',
    },
    {
      id: 'CID-5',
      text: 'A Group ID is provisioned before use; a client whose Group ID the service does not know is refused.',
      source: 'seed 001 §2',
      profile: 'aliyun',
      check: 'wire',
    },
    {
      id: 'CID-6',
      text:
        'Naming guidance the simulated systems follow: phones group by platform, channel and version with the ' +
        'account as device ID; smart APs group by vendor, batch and version with an ID from the MAC address; CSG ' +
        'instances group by region with the instance ID as device ID.',
      source: 'seeds 000, 002, 003 (client ID mapping)',
      profile: 'aliyun',
      check: 'design',
    },
  ],
);
