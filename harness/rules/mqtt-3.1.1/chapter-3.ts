import { mqttChapter } from './statement.ts';

/** Chapter 3 of MQTT 3.1.1: the control packets (CONNECT, CONNACK, PUBLISH, SUBSCRIBE, SUBACK, …). */
export const MQTT_CHAPTER_3 = mqttChapter([
  {
    id: 'MQTT-3.1.2-4',
    binds: 'both',
    text:
      'With cleanSession=0 the server resumes the session stored for the client ID (or creates one if there is ' +
      'none), and both sides keep the session after they disconnect.',
  },
  {
    id: 'MQTT-3.1.2-6',
    binds: 'both',
    text:
      'With cleanSession=1 both sides throw away any earlier session and start a new one that lasts as long as ' +
      'the connection; nothing of it is reused by a later session.',
  },
  {
    id: 'MQTT-3.1.2-8',
    binds: 'server',
    text:
      'A CONNECT with the Will flag set makes the server store the Will message with the connection and publish ' +
      'it when the connection closes, unless a DISCONNECT removed it first.',
  },
  {
    id: 'MQTT-3.1.2-10',
    binds: 'server',
    text: 'The server removes the Will message once it has been published or once the client sent DISCONNECT.',
  },
  {
    id: 'MQTT-3.1.3-8',
    binds: 'server',
    text:
      'A CONNECT with an empty client ID and cleanSession=0 is answered with CONNACK return code 0x02 (identifier ' +
      'rejected), then the connection is closed.',
  },
  {
    id: 'MQTT-3.1.4-1',
    binds: 'server',
    text: 'The server validates a CONNECT and closes the connection without any CONNACK if it is malformed.',
  },
  {
    id: 'MQTT-3.2.0-1',
    binds: 'server',
    text: 'The first packet a server sends on a connection is CONNACK.',
  },
  {
    id: 'MQTT-3.2.2-1',
    binds: 'server',
    text: 'Accepting a connection with cleanSession=1, the server sets Session Present to 0 (and return code 0).',
  },
  {
    id: 'MQTT-3.2.2-2',
    binds: 'server',
    text:
      'Accepting a connection with cleanSession=0 when it holds a session for that client ID, the server sets ' +
      'Session Present to 1.',
  },
  {
    id: 'MQTT-3.2.2-3',
    binds: 'server',
    text:
      'Accepting a connection with cleanSession=0 when it holds no session for that client ID, the server sets ' +
      'Session Present to 0.',
  },
  {
    id: 'MQTT-3.3.1-1',
    binds: 'both',
    text: 'Whoever re-delivers a PUBLISH sets its DUP flag to 1.',
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
    id: 'MQTT-3.8.4-1',
    binds: 'server',
    text: 'The server answers every SUBSCRIBE with a SUBACK.',
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
]);
