import { mqttChapter } from './statement.ts';

/** Chapter 3 of MQTT 3.1.1, §3.8–3.14: SUBSCRIBE, SUBACK, UNSUBSCRIBE, UNSUBACK, PINGREQ and DISCONNECT. */
export const MQTT_CHAPTER_3_SUBSCRIBE = mqttChapter([
  {
    id: 'MQTT-3.8.1-1',
    binds: 'both',
    text:
      'The fixed header flags of a SUBSCRIBE are 0010; the server treats any other value as a malformed ' +
      'packet and closes the network connection.',
  },
  {
    id: 'MQTT-3.8.3-1',
    binds: 'both',
    text:
      'The topic filters of a SUBSCRIBE are UTF-8 strings as §1.5.3 defines them; a server that receives ' +
      'one that is not closes the connection [MQTT-1.5.3-1].',
  },
  {
    id: 'MQTT-3.8.3-2',
    binds: 'server',
    text:
      'A server that does not support wildcard filters refuses every subscription whose filter contains one ' +
      '(it never grants a wildcard filter it will not honour).',
  },
  {
    id: 'MQTT-3.8.3-3',
    binds: 'both',
    text:
      'A SUBSCRIBE carries at least one topic filter and QoS pair; one with an empty payload is a protocol ' +
      'violation.',
  },
  {
    id: 'MQTT-3.8.3-4',
    binds: 'server',
    text:
      'A SUBSCRIBE whose requested-QoS byte has a reserved bit set, or asks for QoS 3, is malformed: the server ' +
      'closes the network connection (the standard writes this ID as MQTT-3-8.3-4).',
  },
  {
    id: 'MQTT-3.8.4-1',
    binds: 'server',
    text: 'The server answers every SUBSCRIBE with a SUBACK.',
  },
  {
    id: 'MQTT-3.8.4-2',
    binds: 'server',
    text: 'A SUBACK carries the packet identifier of the SUBSCRIBE it acknowledges.',
  },
  {
    id: 'MQTT-3.8.4-3',
    binds: 'server',
    text:
      'A SUBSCRIBE with a filter equal to one the client already has replaces that subscription (its maximum ' +
      'QoS may change) without interrupting the flow of messages, and re-sends the matching retained messages.',
  },
  {
    id: 'MQTT-3.8.4-4',
    binds: 'server',
    text:
      'A SUBSCRIBE with several filters is handled as if they came in separate SUBSCRIBEs, one after the other, ' +
      'with the answers combined in one SUBACK.',
  },
  {
    id: 'MQTT-3.8.4-5',
    binds: 'server',
    text:
      'A SUBACK has one return code per filter of the SUBSCRIBE: the maximum QoS granted for it, or the ' +
      'failure code.',
  },
  {
    id: 'MQTT-3.8.4-6',
    binds: 'server',
    text:
      'A message delivered for a subscription has the lower of the QoS it was published with and the QoS the ' +
      'server granted.',
  },
  {
    id: 'MQTT-3.9.3-1',
    binds: 'server',
    text: 'The return codes in a SUBACK are in the order of the topic filters in the SUBSCRIBE.',
  },
  {
    id: 'MQTT-3.9.3-2',
    binds: 'server',
    text: 'A SUBACK return code is 0x00, 0x01, 0x02 or 0x80; the other values are reserved and never sent.',
  },
  {
    id: 'MQTT-3.10.1-1',
    binds: 'both',
    text:
      'The fixed header flags of an UNSUBSCRIBE are 0010; the server treats any other value as a malformed ' +
      'packet and closes the network connection.',
  },
  {
    id: 'MQTT-3.10.3-1',
    binds: 'both',
    text:
      'The topic filters of an UNSUBSCRIBE are UTF-8 strings as §1.5.3 defines them, one after the other; a ' +
      'server that receives one that is not closes the connection [MQTT-1.5.3-1].',
  },
  {
    id: 'MQTT-3.10.3-2',
    binds: 'both',
    text: 'An UNSUBSCRIBE carries at least one topic filter; one with an empty payload is a protocol violation.',
  },
  {
    id: 'MQTT-3.10.4-1',
    binds: 'server',
    text:
      'The server compares each filter of an UNSUBSCRIBE character by character with the client’s filters ' +
      '(wildcards are plain characters here): an identical one is deleted, anything else changes nothing.',
  },
  {
    id: 'MQTT-3.10.4-2',
    binds: 'server',
    text: 'Once a subscription is deleted, the server adds no new messages for it to the client.',
  },
  {
    id: 'MQTT-3.10.4-3',
    binds: 'server',
    text:
      'After an UNSUBSCRIBE the server still completes the QoS 1 and QoS 2 deliveries it had already begun ' +
      'to the client.',
  },
  {
    id: 'MQTT-3.10.4-4',
    binds: 'server',
    text: 'The server answers an UNSUBSCRIBE with an UNSUBACK carrying the same packet identifier.',
  },
  {
    id: 'MQTT-3.10.4-5',
    binds: 'server',
    text: 'The server sends the UNSUBACK even when no subscription was deleted.',
  },
  {
    id: 'MQTT-3.10.4-6',
    binds: 'server',
    text:
      'An UNSUBSCRIBE with several filters is handled as if they came in separate UNSUBSCRIBEs, with a single ' +
      'UNSUBACK.',
  },
  {
    id: 'MQTT-3.12.4-1',
    binds: 'server',
    text: 'The server answers a PINGREQ with a PINGRESP.',
  },
  {
    id: 'MQTT-3.14.1-1',
    binds: 'server',
    text: 'The server checks that the reserved flags of a DISCONNECT are 0 and disconnects the client if they are not.',
  },
  {
    id: 'MQTT-3.14.4-1',
    binds: 'client',
    text: 'After sending DISCONNECT the client closes the network connection.',
  },
  {
    id: 'MQTT-3.14.4-2',
    binds: 'client',
    text: 'After sending DISCONNECT the client sends nothing more on that network connection.',
  },
  {
    id: 'MQTT-3.14.4-3',
    binds: 'server',
    text: 'On a DISCONNECT the server discards the connection’s Will message without publishing it.',
  },
]);
