import { ruleGroup } from '../rule-group.ts';

/** RTC: audio/video call signalling with phones (seed 000 §1); checked by the solution scenarios. */
export const RTC_RULES = ruleGroup(
  {
    id: 'RTC',
    title: 'Audio/video call signalling with phones',
    about: 'The call-signalling solution (seed 000 §1), run by simulated phones and a control service.',
  },
  [
    {
      id: 'RTC-1',
      text:
        'Phone A sends a meeting request up over MQTT; it reaches the control service through MQ; the service ' +
        "validates it and registers the call's resources.",
      source: 'seed 000 §1, data flow step 1',
      profile: 'aliyun',
      check: 'solution',
    },
    {
      id: 'RTC-2',
      text: 'The service sends A an invitation through MQ → MQTT (P2P); A joins the channel.',
      source: 'seed 000 §1, step 2',
      profile: 'aliyun',
      check: 'solution',
    },
    {
      id: 'RTC-3',
      text: 'The service finds the invitee B and invites B the same way; B joins and the call is up.',
      source: 'seed 000 §1, steps 3–4',
      profile: 'aliyun',
      check: 'solution',
    },
    {
      id: 'RTC-4',
      text: 'The same channel carries the other control flows: end a meeting, add a participant, mute.',
      source: 'seed 000 §1',
      profile: 'aliyun',
      check: 'solution',
    },
    {
      id: 'RTC-5',
      text:
        'Phones connect with cleanSession=false and QoS 1, so an app killed in the background gets what was sent ' +
        'while it was gone once it is relaunched.',
      source: 'seed 000 §1 (message parameters)',
      profile: 'aliyun',
      check: 'solution',
    },
    {
      id: 'RTC-6',
      text:
        "Phones drop duplicates and stale messages: one older than the app's limit (say a day offline) is " +
        'discarded, not acted on.',
      source: 'seed 000 §1',
      profile: 'aliyun',
      check: 'solution',
    },
  ],
);
