import { mqttChapter } from './statement.ts';

/** Chapter 4 of MQTT 3.1.1: operational behaviour (session state, QoS flows, redelivery, ordering, topics, errors). */
export const MQTT_CHAPTER_4 = mqttChapter([
  {
    id: 'MQTT-4.1.0-1',
    binds: 'both',
    text: 'Client and server keep the session state for as long as the session lasts.',
  },
  {
    id: 'MQTT-4.1.0-2',
    binds: 'both',
    text: 'A session lasts at least as long as its network connection is open.',
  },
  {
    id: 'MQTT-4.3.1-1',
    binds: 'both',
    text: 'A QoS 0 sender sends the PUBLISH with QoS=0 and DUP=0 (and never again).',
  },
  {
    id: 'MQTT-4.3.2-1',
    binds: 'both',
    text:
      'A QoS 1 sender gives each new message a packet identifier not in use, sends it with QoS=1 and DUP=0, ' +
      'and holds it as unacknowledged until the matching PUBACK arrives.',
  },
  {
    id: 'MQTT-4.3.2-2',
    binds: 'both',
    text:
      'A QoS 1 receiver answers with a PUBACK carrying the packet identifier of the PUBLISH, and after that ' +
      'treats a PUBLISH with the same identifier as a new message.',
  },
  {
    id: 'MQTT-4.3.3-1',
    binds: 'both',
    text:
      'A QoS 2 sender sends the PUBLISH with QoS=2 and DUP=0, answers the PUBREC with a PUBREL carrying the ' +
      'same packet identifier, and does not send the PUBLISH again once it has sent the PUBREL.',
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
    id: 'MQTT-4.5.0-2',
    binds: 'client',
    text:
      'A client acknowledges every PUBLISH it receives as its QoS requires, whether or not it chooses to ' +
      'process the message.',
  },
  {
    id: 'MQTT-4.6.0-1',
    binds: 'both',
    text:
      'PUBLISH packets re-sent (QoS 1 and 2) go out in the order the originals were sent (a client’s rule that ' +
      'the server follows too when delivering, [MQTT-4.6.0-6]).',
  },
  {
    id: 'MQTT-4.6.0-2',
    binds: 'client',
    text:
      'A client sends its PUBACKs in the order the QoS 1 PUBLISH packets they answer were received (the ' +
      'server follows §4.6 only when delivering to subscribers, where it sends no PUBACK).',
  },
  {
    id: 'MQTT-4.6.0-3',
    binds: 'client',
    text:
      'A client sends its PUBRECs in the order the QoS 2 PUBLISH packets they answer were received (the ' +
      'server follows §4.6 only when delivering to subscribers, where it sends no PUBREC).',
  },
  {
    id: 'MQTT-4.6.0-4',
    binds: 'both',
    text: 'PUBRELs are sent in the order the PUBRECs they answer were received.',
  },
  {
    id: 'MQTT-4.6.0-5',
    binds: 'server',
    text:
      'By default the server treats every topic as ordered (an administrator may be allowed to make some ' +
      'unordered).',
  },
  {
    id: 'MQTT-4.6.0-6',
    binds: 'server',
    text:
      'The server delivers the messages of one topic and one QoS to each subscriber in the order it received ' +
      'them from any one client (by default every topic is ordered).',
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
    id: 'MQTT-4.7.3-1',
    binds: 'both',
    text: 'Topic names and topic filters are at least one character long.',
  },
  {
    id: 'MQTT-4.7.3-2',
    binds: 'both',
    text: 'Topic names and topic filters never contain the null character U+0000.',
  },
  {
    id: 'MQTT-4.7.3-3',
    binds: 'both',
    text: 'Topic names and topic filters encode to at most 65,535 bytes of UTF-8.',
    check: 'none',
    why:
      'a string’s two-byte length prefix cannot express more than 65,535 bytes, so no packet on the wire can ' +
      'carry a longer one',
  },
  {
    id: 'MQTT-4.7.3-4',
    binds: 'server',
    text:
      'Matching subscriptions, the server neither normalizes topic names or filters nor modifies or replaces ' +
      'characters it does not recognize: each level matches exactly.',
  },
  {
    id: 'MQTT-4.8.0-1',
    binds: 'both',
    text:
      'Unless a statement says otherwise, a server or client that meets a protocol violation closes the ' +
      'connection the offending packet arrived on.',
  },
  {
    id: 'MQTT-4.8.0-2',
    binds: 'both',
    text:
      'A server or client that meets a transient error while processing an incoming packet closes the ' +
      'connection that packet arrived on.',
    check: 'none',
    why:
      'a transient error (storage, memory, a busy resource) happens inside the server; nothing sent from ' +
      'outside can cause one on demand, so its handling cannot be told apart from a protocol violation',
  },
]);
