import { mqttChapter } from './statement.ts';

/**
 * MQTT 3.1.1 statements of §1.5.3, §3.8–§3.10 and §4.7 newly checked by the SUBSCRIBE/UNSUBSCRIBE and
 * topic features (issue 12). Kept apart from the chapter files until the full Appendix B catalogue
 * replaces them.
 */
export const MQTT_SUBSCRIBE_STATEMENTS = mqttChapter([
  {
    id: 'MQTT-1.5.3-1',
    binds: 'both',
    text:
      'The characters of a UTF-8 string are well-formed UTF-8 (no encoded surrogates U+D800-U+DFFF, no overlong ' +
      'forms); a receiver of a packet with ill-formed UTF-8 closes the network connection.',
  },
  {
    id: 'MQTT-1.5.3-3',
    binds: 'both',
    text:
      'The bytes EF BB BF in a UTF-8 string always mean U+FEFF (zero width no-break space), wherever they ' +
      'appear; a receiver must not skip or strip them.',
  },
  {
    id: 'MQTT-3.8.1-1',
    binds: 'both',
    text:
      'Bits 3-0 of the SUBSCRIBE fixed header are reserved and must be 0010; the server treats any other value ' +
      'as malformed and closes the network connection.',
  },
  {
    id: 'MQTT-3.8.3-3',
    binds: 'both',
    text:
      'A SUBSCRIBE carries at least one topic filter / QoS pair; one with no payload is a protocol violation ' +
      '(the server closes the connection).',
  },
  {
    id: 'MQTT-3.8.3-4',
    binds: 'server',
    text:
      'The server treats a SUBSCRIBE as malformed and closes the network connection if a reserved bit of a ' +
      'requested-QoS byte is not 0 or the requested QoS is not 0, 1 or 2.',
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
      'A SUBSCRIBE whose topic filter is identical to one of the client’s subscriptions replaces that ' +
      'subscription completely (its QoS may change); retained messages matching the filter are sent again, ' +
      'and the flow of publications is not interrupted.',
  },
  {
    id: 'MQTT-3.8.4-4',
    binds: 'server',
    text:
      'A SUBSCRIBE with several topic filters is handled as that many SUBSCRIBEs in a row, with their answers ' +
      'combined into one SUBACK.',
  },
  {
    id: 'MQTT-3.10.1-1',
    binds: 'both',
    text:
      'Bits 3-0 of the UNSUBSCRIBE fixed header are reserved and must be 0010; the server treats any other ' +
      'value as malformed and closes the network connection.',
  },
  {
    id: 'MQTT-3.10.3-2',
    binds: 'both',
    text:
      'An UNSUBSCRIBE carries at least one topic filter; one with no payload is a protocol violation (the ' +
      'server closes the connection).',
  },
  {
    id: 'MQTT-3.10.4-1',
    binds: 'server',
    text:
      'The topic filters of an UNSUBSCRIBE, wildcards or not, are compared character by character with the ' +
      'client’s subscriptions: a subscription whose filter is exactly equal is deleted, nothing else is.',
  },
  {
    id: 'MQTT-3.10.4-2',
    binds: 'server',
    text: 'Once the server deletes a subscription it adds no new messages for it to the client’s deliveries.',
  },
  {
    id: 'MQTT-3.10.4-3',
    binds: 'server',
    text:
      'Deleting a subscription, the server still completes the delivery of any QoS 1 or QoS 2 message it has ' +
      'started to send to the client for it.',
  },
  {
    id: 'MQTT-3.10.4-4',
    binds: 'server',
    text: 'The server answers an UNSUBSCRIBE with an UNSUBACK carrying the same packet identifier.',
  },
  {
    id: 'MQTT-3.10.4-5',
    binds: 'server',
    text: 'The server answers an UNSUBSCRIBE with an UNSUBACK even when it deleted no subscription.',
  },
  {
    id: 'MQTT-3.10.4-6',
    binds: 'server',
    text:
      'An UNSUBSCRIBE with several topic filters is handled as that many UNSUBSCRIBEs in a row, answered by ' +
      'one UNSUBACK.',
  },
  {
    id: 'MQTT-4.7.3-1',
    binds: 'both',
    text: 'Topic names and topic filters are at least one character long.',
  },
  {
    id: 'MQTT-4.7.3-4',
    binds: 'server',
    text:
      'Matching subscriptions, the server does not normalise topic names or filters, nor modify or replace ' +
      'characters it does not recognise: matching is by the exact characters.',
  },
]);
