import { mqttChapter } from './statement.ts';

/** Chapter 3 of MQTT 3.1.1, §3.1.3–3.2: the CONNECT payload, the server's response and CONNACK. */
export const MQTT_CHAPTER_3_CONNECT = mqttChapter([
  {
    id: 'MQTT-3.1.3-1',
    binds: 'client',
    text:
      'The CONNECT payload fields that are present come in the order Client Identifier, Will Topic, Will ' +
      'Message, User Name, Password.',
  },
  {
    id: 'MQTT-3.1.3-2',
    binds: 'both',
    text:
      'Client and server both identify the session state they hold for a client by its client ID: a session ' +
      'belongs to one client ID and to no other.',
  },
  {
    id: 'MQTT-3.1.3-3',
    binds: 'both',
    text:
      'The client ID is always present, as the first field of the CONNECT payload; a server does not accept ' +
      'a CONNECT that breaks this and closes the connection [MQTT-3.1.4-1].',
  },
  {
    id: 'MQTT-3.1.3-4',
    binds: 'both',
    text:
      'The client ID is a UTF-8 string as §1.5.3 defines it; a server that receives one that is not closes ' +
      'the connection [MQTT-1.5.3-1].',
  },
  {
    id: 'MQTT-3.1.3-5',
    binds: 'server',
    text:
      'The server accepts client IDs of 1 to 23 bytes made only of the characters 0-9, a-z and A-Z (it may ' +
      'accept others too).',
  },
  {
    id: 'MQTT-3.1.3-6',
    binds: 'server',
    text:
      'A server that accepts an empty client ID gives that client a unique ID of its own and handles the ' +
      'CONNECT as if the client had sent that ID.',
  },
  {
    id: 'MQTT-3.1.3-7',
    binds: 'client',
    text: 'A client that sends an empty client ID also sets cleanSession=1.',
  },
  {
    id: 'MQTT-3.1.3-8',
    binds: 'server',
    text:
      'A CONNECT with an empty client ID and cleanSession=0 is answered with CONNACK return code 0x02 (identifier ' +
      'rejected), then the connection is closed.',
  },
  {
    id: 'MQTT-3.1.3-9',
    binds: 'server',
    text:
      'A server that rejects a client ID answers with CONNACK return code 0x02 (identifier rejected), then ' +
      'closes the network connection.',
  },
  {
    id: 'MQTT-3.1.3-10',
    binds: 'both',
    text:
      'The Will Topic is a UTF-8 string as §1.5.3 defines it; a server that receives one that is not closes ' +
      'the connection [MQTT-1.5.3-1].',
  },
  {
    id: 'MQTT-3.1.3-11',
    binds: 'both',
    text:
      'The User Name is a UTF-8 string as §1.5.3 defines it; a server that receives one that is not closes ' +
      'the connection [MQTT-1.5.3-1].',
  },
  {
    id: 'MQTT-3.1.4-1',
    binds: 'server',
    text: 'The server validates a CONNECT and closes the connection without any CONNACK if it is malformed.',
  },
  {
    id: 'MQTT-3.1.4-2',
    binds: 'server',
    text:
      'Accepting a CONNECT whose client ID belongs to a client that is already connected, the server ' +
      'disconnects that existing client.',
  },
  {
    id: 'MQTT-3.1.4-3',
    binds: 'server',
    text: 'Accepting a CONNECT, the server starts or resumes the session as its cleanSession flag says (§3.1.2.4).',
  },
  {
    id: 'MQTT-3.1.4-4',
    binds: 'server',
    text: 'A CONNECT the server accepts is acknowledged with a CONNACK whose return code is 0.',
  },
  {
    id: 'MQTT-3.1.4-5',
    binds: 'server',
    text:
      'A server that rejects a CONNECT acts on nothing the client sent after it (clients may send packets ' +
      'before the CONNACK arrives).',
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
    id: 'MQTT-3.2.2-4',
    binds: 'server',
    text: 'A CONNACK with a non-zero return code has Session Present set to 0.',
  },
  {
    id: 'MQTT-3.2.2-5',
    binds: 'server',
    text: 'After sending a CONNACK with a non-zero return code the server closes the network connection.',
  },
  {
    id: 'MQTT-3.2.2-6',
    binds: 'server',
    text:
      'When none of the return codes of Table 3.1 fits, the server closes the network connection without ' +
      'a CONNACK: a CONNACK never carries a return code outside 0–5.',
  },
]);
