import { mqttChapter } from './statement.ts';

/** Chapter 4 of MQTT 3.1.1: operational behaviour (QoS flows, redelivery, topic matching, errors). */
export const MQTT_CHAPTER_4 = mqttChapter([
  {
    id: 'MQTT-4.3.1-1',
    binds: 'both',
    text: 'A QoS 0 sender sends the PUBLISH with QoS=0 and DUP=0 (and never again).',
  },
  {
    id: 'MQTT-4.3.2-2',
    binds: 'both',
    text:
      'A QoS 1 receiver answers with a PUBACK carrying the packet identifier of the PUBLISH, and after that ' +
      'treats a PUBLISH with the same identifier as a new message.',
  },
  {
    id: 'MQTT-4.3.3-2',
    binds: 'both',
    text:
      'A QoS 2 receiver answers with a PUBREC carrying the packet identifier, answers any repeat of that PUBLISH ' +
      'with PUBREC until the PUBREL arrives, and never passes the message on twice.',
  },
  {
    id: 'MQTT-4.4.0-1',
    binds: 'both',
    text:
      'When a client reconnects with cleanSession=0, both sides re-send every unacknowledged PUBLISH (QoS > 0) ' +
      'and PUBREL with their original packet identifiers.',
  },
  {
    id: 'MQTT-4.5.0-1',
    binds: 'server',
    text:
      'A message the server takes ownership of is added to the session of every client with a matching ' +
      'subscription (matching as §4.7 says), so each of them receives it.',
  },
  {
    id: 'MQTT-4.7.1-1',
    binds: 'both',
    text: 'Wildcards belong in topic filters only, never in a topic name.',
  },
  {
    id: 'MQTT-4.7.1-2',
    binds: 'both',
    text: 'The multi-level wildcard `#` stands alone or after a `/`, and is the last character of the filter.',
  },
  {
    id: 'MQTT-4.7.1-3',
    binds: 'both',
    text: 'The single-level wildcard `+` may sit at any level, but fills that level on its own.',
  },
  {
    id: 'MQTT-4.7.2-1',
    binds: 'server',
    text: 'A filter that starts with a wildcard (`#` or `+`) does not match a topic name that starts with `$`.',
  },
  {
    id: 'MQTT-4.7.3-2',
    binds: 'both',
    text: 'Topic names and topic filters never contain the null character U+0000.',
  },
  {
    id: 'MQTT-4.8.0-1',
    binds: 'both',
    text:
      'Unless a statement says otherwise, a server or client that meets a protocol violation closes the ' +
      'connection the offending packet arrived on.',
  },
]);
