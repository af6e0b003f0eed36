import { ruleGroup } from '../rule-group.ts';

/** SEC: security (seeds 000, 001, 004). */
export const SECURITY_RULES = ruleGroup(
  { id: 'SEC', title: 'Security', about: 'Encryption, permissions and credentials; seeds 000, 001 and 004.' },
  [
    {
      id: 'SEC-1',
      text: 'Connections can be encrypted with TLS (smart APs on the public internet, phones, CSG instances).',
      source: 'seeds 000, 001',
      profile: 'aliyun',
      check: 'wire',
    },
    {
      id: 'SEC-2',
      text: 'Permissions are controlled per device.',
      source: 'seed 001 (product advantages)',
      profile: 'aliyun',
      check: 'wire',
    },
    {
      id: 'SEC-3',
      text: 'Two kinds of credential: permanent (an account key, signature mode) and temporary (a token).',
      source: 'seed 004, Table 1-2',
      profile: 'aliyun',
      check: 'wire',
    },
  ],
);
