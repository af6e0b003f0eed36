import { mqttChapter } from './statement.ts';

/** Chapter 3 of MQTT 3.1.1, §3.1.0–3.1.2: CONNECT as the first packet and its variable header (flags). */
export const MQTT_CHAPTER_3_CONNECT_FLAGS = mqttChapter([
  {
    id: 'MQTT-3.1.0-1',
    binds: 'both',
    text:
      'Once the network connection is open, the first packet a client sends on it is CONNECT; the server ' +
      'treats any other first packet as a protocol violation and closes the connection [MQTT-4.8.0-1].',
  },
  {
    id: 'MQTT-3.1.0-2',
    binds: 'server',
    text: 'A second CONNECT on the same network connection is a protocol violation: the server disconnects the client.',
  },
  {
    id: 'MQTT-3.1.2-1',
    binds: 'server',
    text:
      'A CONNECT with a protocol name other than "MQTT" may be dropped or handled by some other specification, ' +
      'but the server never goes on treating it as an MQTT 3.1.1 CONNECT.',
  },
  {
    id: 'MQTT-3.1.2-2',
    binds: 'server',
    text:
      'A CONNECT with a protocol level the server does not support is answered with CONNACK return code 0x01 ' +
      '(unacceptable protocol version), then the server disconnects the client.',
  },
  {
    id: 'MQTT-3.1.2-3',
    binds: 'server',
    text: 'The server checks that the reserved bit 0 of the CONNECT flags is 0 and disconnects the client if it is not.',
  },
  {
    id: 'MQTT-3.1.2-4',
    binds: 'both',
    text:
      'With cleanSession=0 the server resumes the session stored for the client ID (or creates one if there is ' +
      'none), and both sides keep the session after they disconnect.',
  },
  {
    id: 'MQTT-3.1.2-5',
    binds: 'server',
    text:
      'While a cleanSession=0 client is disconnected, the server keeps in its session the QoS 1 and QoS 2 ' +
      'messages that match the subscriptions it had when it went away.',
  },
  {
    id: 'MQTT-3.1.2-6',
    binds: 'both',
    text:
      'With cleanSession=1 both sides throw away any earlier session and start a new one that lasts as long as ' +
      'the connection; nothing of it is reused by a later session.',
  },
  {
    id: 'MQTT-3.1.2-7',
    binds: 'server',
    text:
      'Retained messages are not session state: they survive the end of the session of the client that ' +
      'published them (the standard writes this ID as MQTT-3.1.2.7).',
  },
  {
    id: 'MQTT-3.1.2-8',
    binds: 'server',
    text:
      'A CONNECT with the Will flag set makes the server store the Will message with the connection and publish ' +
      'it when the connection closes, unless a DISCONNECT removed it first.',
  },
  {
    id: 'MQTT-3.1.2-9',
    binds: 'both',
    text:
      'With the Will flag set, the CONNECT payload contains the Will Topic and Will Message (the server ' +
      'uses the Will QoS and Will Retain flags); a server does not accept a CONNECT that breaks this and ' +
      'closes the connection [MQTT-3.1.4-1].',
  },
  {
    id: 'MQTT-3.1.2-10',
    binds: 'server',
    text: 'The server removes the Will message once it has been published or once the client sent DISCONNECT.',
  },
  {
    id: 'MQTT-3.1.2-11',
    binds: 'both',
    text:
      'With the Will flag clear, the Will QoS and Will Retain flags are 0 and the payload has no Will Topic ' +
      'or Will Message; a server does not accept a CONNECT that breaks this and closes the connection ' +
      '[MQTT-3.1.4-1].',
  },
  {
    id: 'MQTT-3.1.2-12',
    binds: 'server',
    text: 'A connection whose CONNECT had the Will flag clear publishes no Will message when it ends.',
  },
  {
    id: 'MQTT-3.1.2-13',
    binds: 'both',
    text:
      'With the Will flag clear, Will QoS is 0; a server does not accept a CONNECT that breaks this and ' +
      'closes the connection [MQTT-3.1.4-1].',
  },
  {
    id: 'MQTT-3.1.2-14',
    binds: 'both',
    text:
      'With the Will flag set, Will QoS is 0, 1 or 2, never 3; a server does not accept a CONNECT that ' +
      'breaks this and closes the connection [MQTT-3.1.4-1].',
  },
  {
    id: 'MQTT-3.1.2-15',
    binds: 'both',
    text:
      'With the Will flag clear, Will Retain is 0; a server does not accept a CONNECT that breaks this and ' +
      'closes the connection [MQTT-3.1.4-1].',
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
    id: 'MQTT-3.1.2-18',
    binds: 'both',
    text:
      'With the User Name flag clear, the payload has no user name; a server does not accept a CONNECT that ' +
      'breaks this and closes the connection [MQTT-3.1.4-1].',
  },
  {
    id: 'MQTT-3.1.2-19',
    binds: 'both',
    text:
      'With the User Name flag set, the payload has a user name; a server does not accept a CONNECT that ' +
      'breaks this and closes the connection [MQTT-3.1.4-1].',
  },
  {
    id: 'MQTT-3.1.2-20',
    binds: 'both',
    text:
      'With the Password flag clear, the payload has no password; a server does not accept a CONNECT that ' +
      'breaks this and closes the connection [MQTT-3.1.4-1].',
  },
  {
    id: 'MQTT-3.1.2-21',
    binds: 'both',
    text:
      'With the Password flag set, the payload has a password; a server does not accept a CONNECT that ' +
      'breaks this and closes the connection [MQTT-3.1.4-1].',
  },
  {
    id: 'MQTT-3.1.2-22',
    binds: 'both',
    text:
      'With the User Name flag clear, the Password flag is clear too; a server does not accept a CONNECT ' +
      'that breaks this and closes the connection [MQTT-3.1.4-1].',
  },
  {
    id: 'MQTT-3.1.2-23',
    binds: 'client',
    text:
      'A client never stays silent for longer than its Keep Alive: with nothing else to send, it sends a ' +
      'PINGREQ.',
  },
  {
    id: 'MQTT-3.1.2-24',
    binds: 'server',
    text:
      'With a non-zero Keep Alive, a server that receives no packet from the client for one and a half times ' +
      'that period disconnects it, as if the network had failed.',
  },
]);
