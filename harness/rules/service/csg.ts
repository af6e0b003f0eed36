import { ruleGroup } from '../rule-group.ts';

/** CSG: unified control of Cloud Storage Gateway instances (seed 003); checked by the solution scenarios. */
export const CSG_RULES = ruleGroup(
  {
    id: 'CSG',
    title: 'Cloud Storage Gateway unified control',
    about: 'The gateway-control solution (seed 003), run by simulated CSG instances and a console.',
  },
  [
    {
      id: 'CSG-1',
      text:
        'CSG instances (in a data centre or on cloud VMs) have no reachable public address: they connect out to ' +
        'MQTT, and the console reaches them only that way.',
      source: 'seed 003 (background)',
      profile: 'aliyun',
      check: 'solution',
    },
    {
      id: 'CSG-2',
      text:
        'The console pushes control commands, collects instance state (pushed, and pulled on demand) for display, ' +
        'and offers an API per instance.',
      source: 'seed 003 (architecture)',
      profile: 'aliyun',
      check: 'solution',
    },
    {
      id: 'CSG-3',
      text:
        'Commands are RPC over MQTT: one without a return value is marked `noreply`; an earlier command is never ' +
        'received again; on an error code the console asks the user to issue the command again.',
      source: 'seed 003 (message parameters)',
      profile: 'aliyun',
      check: 'solution',
    },
    {
      id: 'CSG-4',
      text: 'CSG instances connect with cleanSession=true.',
      source: 'seed 003',
      profile: 'aliyun',
      check: 'solution',
    },
    {
      id: 'CSG-5',
      text: 'Uplink (instance → console) and downlink use different parent topics; commands go P2P.',
      source: 'seed 003',
      profile: 'aliyun',
      check: 'solution',
    },
  ],
);
