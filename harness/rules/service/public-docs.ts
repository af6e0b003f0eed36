import { ruleGroup } from '../rule-group.ts';

/** PUB: facts from the product's public documents, not in the seeds; the profile can set each. */
export const PUBLIC_DOCS_RULES = ruleGroup(
  {
    id: 'PUB',
    title: "Facts from the product's public documents",
    about: "Limits and formats the product's public pages state (not the seeds); settable in the profile.",
  },
  [
    {
      id: 'PUB-1',
      text: 'A message larger than 64 KB (65 536 bytes) is discarded.',
      source: 'public limits page',
      profile: 'aliyun',
      check: 'wire',
    },
    {
      id: 'PUB-2',
      text: 'A client holds at most 30 subscriptions; a wildcard filter counts as one (`A/#` and `A/a1/#` are two).',
      source: 'public limits page',
      profile: 'aliyun',
      check: 'wire',
    },
    {
      id: 'PUB-3',
      text: 'Group IDs, Device IDs and topics contain no `:`, `,` or `%`, and no `/` except between topic levels.',
      source: 'public product docs',
      profile: 'aliyun',
      check: 'wire',
    },
    {
      id: 'PUB-4',
      text:
        'Token login: username `Token|<AccessKeyId>|<InstanceId>`, password `R|<token>` or `R|<token>|W|<token>`. ' +
        'Signature login: username `Signature|<AccessKeyId>|<InstanceId>`, password ' +
        'Base64(HMAC-SHA1(secret key, client ID)).',
      source: 'public product docs',
      profile: 'aliyun',
      check: 'wire',
    },
    {
      id: 'PUB-5',
      text: 'Offline messages (QoS 1, cleanSession=false) are kept for up to three days.',
      source: 'public limits page',
      profile: 'aliyun',
      check: 'wire',
    },
  ],
);
