import { mqttChapter } from './statement.ts';

/**
 * MQTT 3.1.1 statements about CONNECT, CONNACK, PINGREQ, DISCONNECT and keep-alive that the harness
 * newly checks (issue 12). Several bind the client that writes the packet ("the flag MUST be 0"); they
 * are listed as binding both sides because the server's half is observable: a CONNECT that does not
 * conform to §3.1 is closed without being accepted [MQTT-3.1.4-1].
 */
export const MQTT_NEW_CONNECT = mqttChapter([
  {
    id: 'MQTT-1.5.3-1',
    binds: 'both',
    text:
      'A UTF-8 string in a packet is well-formed UTF-8 (RFC 3629), with no encoded surrogates U+D800..U+DFFF; ' +
      'a server or client that receives ill-formed UTF-8 closes the network connection.',
  },
  {
    id: 'MQTT-2.2.2-2',
    binds: 'both',
    text: 'A receiver of a packet whose reserved fixed-header flag bits differ from Table 2.2 closes the network connection.',
  },
  {
    id: 'MQTT-3.1.0-1',
    binds: 'both',
    text:
      'The first packet a client sends on a new network connection is CONNECT; the server treats any other first ' +
      'packet as a protocol violation and closes the connection [MQTT-4.8.0-1].',
  },
  {
    id: 'MQTT-3.1.0-2',
    binds: 'server',
    text: 'A second CONNECT from a client on the same connection is a protocol violation: the server disconnects the client.',
  },
  {
    id: 'MQTT-3.1.2-1',
    binds: 'server',
    text:
      'A CONNECT with a wrong protocol name may be closed or handled under another specification, but the server ' +
      'does not go on processing it as MQTT 3.1.1.',
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
    id: 'MQTT-3.1.2-9',
    binds: 'both',
    text: 'With the Will flag set, the Will Topic and Will Message fields are present in the CONNECT payload.',
  },
  {
    id: 'MQTT-3.1.2-11',
    binds: 'both',
    text:
      'With the Will flag 0, Will QoS and Will Retain are 0 and the Will Topic and Will Message fields are absent ' +
      'from the payload.',
  },
  {
    id: 'MQTT-3.1.2-13',
    binds: 'both',
    text: 'With the Will flag 0, the Will QoS bits are 0.',
  },
  {
    id: 'MQTT-3.1.2-14',
    binds: 'both',
    text: 'With the Will flag 1, Will QoS is 0, 1 or 2, never 3.',
  },
  {
    id: 'MQTT-3.1.2-15',
    binds: 'both',
    text: 'With the Will flag 0, the Will Retain flag is 0.',
  },
  {
    id: 'MQTT-3.1.2-18',
    binds: 'both',
    text: 'With the User Name flag 0, no user name is present in the payload.',
  },
  {
    id: 'MQTT-3.1.2-19',
    binds: 'both',
    text: 'With the User Name flag 1, a user name is present in the payload.',
  },
  {
    id: 'MQTT-3.1.2-20',
    binds: 'both',
    text: 'With the Password flag 0, no password is present in the payload.',
  },
  {
    id: 'MQTT-3.1.2-21',
    binds: 'both',
    text: 'With the Password flag 1, a password is present in the payload.',
  },
  {
    id: 'MQTT-3.1.2-22',
    binds: 'both',
    text: 'With the User Name flag 0, the Password flag is 0 too.',
  },
  {
    id: 'MQTT-3.1.2-24',
    binds: 'server',
    text:
      'With a non-zero keep-alive, a server that receives no control packet from the client for one and a half ' +
      'times the keep-alive disconnects it, as if the network had failed.',
  },
  {
    id: 'MQTT-3.1.3-5',
    binds: 'server',
    text: 'The server accepts client IDs of 1 to 23 UTF-8 bytes made only of the characters 0-9, a-z and A-Z.',
  },
  {
    id: 'MQTT-3.1.3-6',
    binds: 'server',
    text:
      'A server may accept a zero-byte client ID; if it does, it assigns that client a unique client ID of its own ' +
      'and handles the CONNECT as if the client had sent it.',
  },
  {
    id: 'MQTT-3.1.3-9',
    binds: 'server',
    text: 'A server that rejects a client ID answers CONNACK return code 0x02 (identifier rejected), then closes the connection.',
  },
  {
    id: 'MQTT-3.1.4-2',
    binds: 'server',
    text: 'A CONNECT with the client ID of a client that is already connected makes the server disconnect the existing client.',
  },
  {
    id: 'MQTT-3.1.4-5',
    binds: 'server',
    text: 'A server that rejects a CONNECT processes nothing the client sent after that CONNECT.',
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
    id: 'MQTT-3.12.4-1',
    binds: 'server',
    text: 'The server answers every PINGREQ with a PINGRESP.',
  },
  {
    id: 'MQTT-3.14.4-3',
    binds: 'server',
    text: 'On a DISCONNECT the server discards the will of the connection without publishing it.',
  },
]);
