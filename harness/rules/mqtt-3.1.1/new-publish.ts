import { mqttChapter } from './statement.ts';

/**
 * MQTT 3.1.1 statements about PUBLISH, its acknowledgements, the QoS flows, redelivery, ordering and the
 * delivery of will messages, newly checked by the harness (issue 12). Statements already registered in
 * chapter-3.ts and chapter-4.ts are not repeated here.
 */
export const MQTT_NEW_PUBLISH = mqttChapter([
  {
    id: 'MQTT-2.3.1-6',
    binds: 'both',
    text:
      'A PUBACK, PUBREC or PUBREL carries the same packet identifier as the PUBLISH it acknowledges or ' +
      'releases.',
  },
  {
    id: 'MQTT-3.1.2-12',
    binds: 'server',
    text: 'When a connection whose CONNECT had the Will flag 0 ends, no will message is published.',
  },
  {
    id: 'MQTT-3.1.2-16',
    binds: 'server',
    text: 'A will whose Will Retain flag is 0 is published as a non-retained message.',
  },
  {
    id: 'MQTT-3.1.2-17',
    binds: 'server',
    text: 'A will whose Will Retain flag is 1 is published as a retained message.',
  },
  {
    id: 'MQTT-3.3.1-2',
    binds: 'both',
    text: 'Every QoS 0 PUBLISH has its DUP flag set to 0.',
  },
  {
    id: 'MQTT-3.3.1-3',
    binds: 'server',
    text:
      'The DUP flag of a PUBLISH the server sends to a subscriber says only whether that outgoing packet is a ' +
      're-send; the DUP flag of the incoming PUBLISH is not passed on.',
  },
  {
    id: 'MQTT-3.3.1-4',
    binds: 'both',
    text:
      'A PUBLISH never has both QoS bits set; a server or client that receives one with QoS 3 closes the ' +
      'network connection.',
  },
  {
    id: 'MQTT-3.3.1-7',
    binds: 'server',
    text:
      'A retained QoS 0 PUBLISH makes the server discard any message retained earlier on that topic (it ' +
      'should keep the new one, but may discard it at any time).',
  },
  {
    id: 'MQTT-3.3.1-12',
    binds: 'server',
    text:
      'A PUBLISH from a client with RETAIN=0 is neither stored as retained nor removes or replaces the ' +
      'message already retained on its topic.',
  },
  {
    id: 'MQTT-3.6.1-1',
    binds: 'both',
    text:
      'The fixed header flags of a PUBREL are 0010; the server treats any other value as a malformed packet ' +
      'and closes the network connection.',
  },
  {
    id: 'MQTT-4.3.2-1',
    binds: 'both',
    text:
      'A QoS 1 sender gives each new message an unused packet identifier, sends it with QoS=1 and DUP=0, and ' +
      'holds it unacknowledged until the PUBACK arrives.',
  },
  {
    id: 'MQTT-4.3.3-1',
    binds: 'both',
    text:
      'A QoS 2 sender sends the PUBLISH with QoS=2 and DUP=0, answers the PUBREC with a PUBREL carrying the ' +
      'same packet identifier, and does not send the PUBLISH again once it has sent the PUBREL.',
  },
  {
    id: 'MQTT-4.6.0-1',
    binds: 'both',
    text: 'PUBLISH packets re-sent (QoS 1 and 2) go out in the order the originals were sent.',
  },
  {
    id: 'MQTT-4.6.0-2',
    binds: 'both',
    text: 'PUBACKs are sent in the order the QoS 1 PUBLISH packets they answer were received.',
  },
  {
    id: 'MQTT-4.6.0-3',
    binds: 'both',
    text: 'PUBRECs are sent in the order the QoS 2 PUBLISH packets they answer were received.',
  },
  {
    id: 'MQTT-4.6.0-6',
    binds: 'server',
    text:
      'The server delivers the messages of one topic and one QoS to each subscriber in the order it received ' +
      'them from any one client (by default every topic is ordered).',
  },
]);
