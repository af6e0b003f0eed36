import { ruleGroup } from '../rule-group.ts';

/**
 * ROB: the broker survives the harness's own probes. MQTT 3.1.1 has no normative statement for this (its
 * chapter 5 only advises servers to guard against denial of service), so it is a harness rule: every probe
 * of the limit detection is a well-formed packet within the standard's own bounds (strings up to 65,535
 * bytes [MQTT-1.5.3], payloads far below 256 MB), which a server may refuse but must survive. It is filed
 * under mqtt-3.1.1 so every profile judges it.
 */
export const ROBUSTNESS_RULES = ruleGroup(
  {
    id: 'ROB',
    title: 'Robustness under the limit probes',
    about:
      "The broker stays available after the limit detection's probes; a harness rule, since the standard has none.",
  },
  [
    {
      id: 'ROB-1',
      text:
        'After a well-formed CONNECT, SUBSCRIBE or PUBLISH at or beyond its limits (a long client ID or topic, a ' +
        'large payload, many subscriptions, a duplicate client ID) the broker still serves a fresh client: CONNECT, ' +
        'SUBSCRIBE to an ordinary topic and PINGREQ are answered. Refusing the probe is allowed; crashing or wedging is not.',
      source: 'harness (MQTT 3.1.1 chapter 5, denial of service)',
      profile: 'mqtt-3.1.1',
      check: 'wire',
    },
  ],
);
