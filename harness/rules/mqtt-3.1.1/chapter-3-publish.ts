import { mqttChapter } from './statement.ts';

/** Chapter 3 of MQTT 3.1.1, §3.3–3.7: PUBLISH (DUP, QoS, RETAIN, topic name) and its acknowledgements. */
export const MQTT_CHAPTER_3_PUBLISH = mqttChapter([
  {
    id: 'MQTT-3.3.1-1',
    binds: 'both',
    text: 'Whoever re-delivers a PUBLISH sets its DUP flag to 1.',
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
    id: 'MQTT-3.3.1-5',
    binds: 'server',
    text:
      'A PUBLISH from a client with RETAIN=1 makes the server store the message and its QoS for future ' +
      'subscribers to matching filters.',
  },
  {
    id: 'MQTT-3.3.1-6',
    binds: 'server',
    text: 'A new subscription receives the last retained message, if any, of every topic it matches.',
  },
  {
    id: 'MQTT-3.3.1-7',
    binds: 'server',
    text:
      'A retained QoS 0 PUBLISH makes the server discard any message retained earlier on that topic (it ' +
      'should keep the new one, but may discard it at any time).',
  },
  {
    id: 'MQTT-3.3.1-8',
    binds: 'server',
    text: 'A message the server sends because a subscription was just made carries RETAIN=1.',
  },
  {
    id: 'MQTT-3.3.1-9',
    binds: 'server',
    text:
      'A message the server sends to an established subscription carries RETAIN=0, whatever the flag was when ' +
      'it was published.',
  },
  {
    id: 'MQTT-3.3.1-10',
    binds: 'server',
    text:
      'A retained PUBLISH with an empty payload is delivered as usual and removes the retained message of that ' +
      'topic, so later subscribers get none.',
  },
  {
    id: 'MQTT-3.3.1-11',
    binds: 'server',
    text: 'The server never stores an empty payload as a retained message.',
  },
  {
    id: 'MQTT-3.3.1-12',
    binds: 'server',
    text:
      'A PUBLISH from a client with RETAIN=0 is neither stored as retained nor removes or replaces the ' +
      'message already retained on its topic.',
  },
  {
    id: 'MQTT-3.3.2-1',
    binds: 'both',
    text: 'The topic name is the first field of the PUBLISH variable header, a UTF-8 string as §1.5.3 defines it.',
  },
  {
    id: 'MQTT-3.3.2-2',
    binds: 'both',
    text: 'The topic name of a PUBLISH contains no wildcard characters (`+`, `#`).',
  },
  {
    id: 'MQTT-3.3.2-3',
    binds: 'server',
    text: 'The topic name of a PUBLISH the server sends to a subscriber matches that subscription’s filter (§4.7).',
  },
  {
    id: 'MQTT-3.3.4-1',
    binds: 'both',
    text:
      'The receiver of a PUBLISH answers as Table 3.4 says for its QoS: nothing for QoS 0, PUBACK for QoS 1, ' +
      'PUBREC for QoS 2.',
  },
  {
    id: 'MQTT-3.3.5-1',
    binds: 'server',
    text: 'A message matching several of a client’s subscriptions is delivered at the highest QoS among them.',
  },
  {
    id: 'MQTT-3.3.5-2',
    binds: 'server',
    text:
      'A PUBLISH the server does not authorize is either acknowledged as its QoS requires, as if accepted, or ' +
      'answered by closing the network connection: MQTT 3.1.1 has no way to tell the client it was refused.',
  },
  {
    id: 'MQTT-3.6.1-1',
    binds: 'both',
    text:
      'The fixed header flags of a PUBREL are 0010; the server treats any other value as a malformed packet ' +
      'and closes the network connection.',
  },
]);
