import { mqttChapter } from './statement.ts';

/** Chapter 7 of MQTT 3.1.1: conformance targets. Statements about implementations as a whole. */
export const MQTT_CHAPTER_7 = mqttChapter([
  {
    id: 'MQTT-7.0.0-1',
    binds: 'server',
    text:
      'A server that also opens connections to other servers (a bridge) conforms both as an MQTT client and ' +
      'as an MQTT server.',
    check: 'none',
    why:
      'about the connections a server opens to other servers, which a certification that connects to it as a ' +
      'client never sees',
  },
  {
    id: 'MQTT-7.0.0-2',
    binds: 'both',
    text: 'A conformant implementation needs no extension from outside the standard to work with another one.',
    check: 'none',
    why:
      'about the implementation as a whole, not one exchange: every check connects with plain MQTT 3.1.1 and ' +
      'no extension, so a broker that needed one fails those checks instead',
  },
  {
    id: 'MQTT-7.1.1-1',
    binds: 'server',
    text:
      'A conformant server supports at least one transport that carries an ordered, lossless stream of bytes ' +
      'in both directions.',
    check: 'none',
    why:
      'about the transport under MQTT (TCP, TLS, WebSocket), not its packets; every check reaches the broker ' +
      'over such a transport, and one that lost or reordered bytes would fail them',
  },
  {
    id: 'MQTT-7.1.2-1',
    binds: 'client',
    text:
      'A conformant client supports at least one transport that carries an ordered, lossless stream of bytes ' +
      'in both directions.',
  },
]);
