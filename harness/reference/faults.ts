/**
 * Switchable faults (mutants) of the reference broker. Each one breaks one rule on purpose; the
 * mutation run (`mqtt-harness mutants`, part of `npm test`) checks that the scenario suite catches it:
 * a fault whose rule still passes is a hole in the harness.
 */
export const FAULTS = {
  'accept-long-client-id': { rule: 'CID-2', does: 'accepts client IDs over the 64-character limit' },
  'count-client-id-bytes': {
    rule: 'CID-2',
    does: 'counts the client ID limit in UTF-8 bytes instead of characters',
  },
  'accept-invisible-client-id': { rule: 'CID-3', does: 'accepts client IDs with invisible characters' },
  'accept-malformed-client-id': { rule: 'CID-1', does: 'accepts client IDs without exactly one "@@@"' },
  'takeover-duplicate-id': {
    rule: 'CID-4',
    does: 'takes over an online client ID instead of refusing the second CONNECT',
  },
  'ignore-group-provisioning': { rule: 'CID-5', does: 'accepts clients of any Group ID' },
  'ignore-parent-provisioning': {
    rule: 'TOP-2',
    does: 'accepts publish and subscribe under any parent topic',
  },
  'accept-publish-unprovisioned-parent': {
    rule: 'TOP-2',
    does: 'refuses subscriptions under unknown parent topics but accepts publishes there (they reach the MQ side)',
  },
  'ignore-unauthorized-publish': {
    rule: 'MQTT-3.3.5-2',
    does: 'answers an unauthorized PUBLISH (aliyun: under an unprovisioned parent topic; standard mode: to a --deny-publish topic) with nothing: no PUBACK or PUBREC, no close',
    profile: 'both',
  },
  'accept-long-topic': { rule: 'TOP-3', does: 'accepts topics over the 64-character limit' },
  'accept-large-payload': { rule: 'PUB-1', does: 'delivers payloads over 64 KB' },
  'unlimited-subscriptions': { rule: 'PUB-2', does: 'grants a 31st subscription' },
  'accept-reserved-characters': {
    rule: 'PUB-3',
    does: 'accepts ":", ",", "%" and "/" in client IDs and topic levels',
  },
  // Authentication (credentials.ts): only visible with auth on, so the mutation run gives it a login.
  'accept-any-signature': {
    rule: 'PUB-4',
    does: 'accepts a Signature login of a known AccessKeyId whatever its signature',
    needsAuth: 'signature',
  },
  // QoS × cleanSession (session-delivery.ts, qos2-persistent-session.ts)
  'drop-offline-qos1': {
    rule: 'QCS-2',
    does: 'drops QoS 1 messages for offline persistent sessions instead of queueing them',
  },
  'keep-offline-for-clean': {
    rule: 'QCS-2',
    does: 'keeps the session and offline messages of cleanSession=true clients',
  },
  'deliver-qos2-twice': {
    rule: 'QCS-1',
    does: 're-sends a released QoS 2 PUBLISH after a reconnect (delivered twice)',
  },
  'ignore-granted-qos': {
    rule: 'MQTT-3.8.4-6',
    does: 'delivers to a QoS 0 subscription at the published QoS',
  },
  // MQTT 3.1.1 QoS and CONNACK judgements (protocol-faults.ts)
  'puback-for-qos2': {
    rule: 'MQTT-3.3.4-1',
    does: 'answers a QoS 2 PUBLISH with PUBACK (handles it as QoS 1)',
  },
  'never-session-present': {
    rule: 'MQTT-3.2.2-2',
    does: 'sends CONNACK with session present = 0 although it resumes the stored session',
  },
  'grant-qos1-for-qos2': {
    rule: 'MQTT-3.9.3-1',
    does: 'grants QoS 1 to a QoS 2 SUBSCRIBE: lawful [MQTT-3.9.3], so every check must stay clean',
    lawful:
      '@MQTT-3.8.4-1 or @MQTT-3.9.3-1 or @MQTT-3.8.4-6 or @MQTT-3.3.4-1 or @MQTT-3.8.4-5 or @MQTT-3.9.3-2 or @MQTT-2.2.2-1',
  },
  'keep-qos2-persistent-session': {
    rule: 'QCS-4',
    does: 'keeps QoS 2 subscriptions of cleanSession=false sessions',
  },
  // CONNECT, CONNACK, PINGREQ, keep-alive and DISCONNECT (issue 12; connect-gate.ts, connect-faults.ts)
  'accept-packets-before-connect': {
    rule: 'MQTT-3.1.0-1',
    does: 'drops packets that come before the CONNECT and keeps the connection open',
  },
  'ignore-second-connect': {
    rule: 'MQTT-3.1.0-2',
    does: 'answers a second CONNECT like a PINGREQ and keeps the connection open',
  },
  'accept-any-protocol-name': { rule: 'MQTT-3.1.2-1', does: 'reads any 4-byte protocol name as "MQTT"' },
  'close-on-unsupported-level': {
    rule: 'MQTT-3.1.2-2',
    does: 'closes on an unsupported protocol level without CONNACK 0x01 (what plain Aedes does)',
  },
  'accept-reserved-connect-flag': { rule: 'MQTT-3.1.2-3', does: 'ignores the reserved CONNECT flag' },
  'accept-will-flag-without-will': {
    rule: 'MQTT-3.1.2-9',
    does: 'accepts a CONNECT whose will flag is set but whose will topic and message are missing',
  },
  'accept-will-fields-without-flag': {
    rule: 'MQTT-3.1.2-11',
    does: 'ignores bytes after the last announced field (a will topic and message without the will flag)',
  },
  'accept-will-qos-without-will': {
    rule: 'MQTT-3.1.2-13',
    does: 'ignores Will QoS bits when the will flag is 0',
  },
  'accept-will-qos-3': { rule: 'MQTT-3.1.2-14', does: 'accepts a will at QoS 3' },
  'accept-will-retain-without-will': {
    rule: 'MQTT-3.1.2-15',
    does: 'ignores the Will Retain bit when the will flag is 0',
  },
  'accept-user-name-without-flag': {
    rule: 'MQTT-3.1.2-18',
    does: 'ignores bytes after the last announced field (a user name without its flag)',
  },
  'accept-user-name-flag-without-name': {
    rule: 'MQTT-3.1.2-19',
    does: 'accepts a CONNECT whose user name flag is set but whose user name is missing',
  },
  'accept-password-without-flag': {
    rule: 'MQTT-3.1.2-20',
    does: 'ignores bytes after the last announced field (a password without its flag)',
  },
  'accept-password-flag-without-password': {
    rule: 'MQTT-3.1.2-21',
    does: 'accepts a CONNECT whose password flag is set but whose password is missing',
  },
  'accept-password-without-user-name': {
    rule: 'MQTT-3.1.2-22',
    does: 'accepts a password flag without the user name flag',
  },
  'accept-nul-in-connect-strings': {
    rule: 'MQTT-1.5.3-2',
    does: 'accepts U+0000 in the will topic and user name of a CONNECT',
  },
  'accept-ill-formed-utf8': {
    rule: 'MQTT-1.5.3-1',
    does: 'accepts ill-formed UTF-8 in the strings of a CONNECT',
  },
  'accept-connect-without-client-id': {
    rule: 'MQTT-3.1.3-3',
    does: 'accepts a CONNECT whose payload ends before the client ID, as if the client ID were empty',
    profile: 'mqtt-3.1.1', // aliyun refuses an empty client ID anyway (CID-1)
  },
  'accept-ill-formed-client-id': {
    rule: 'MQTT-3.1.3-4',
    does: 'accepts ill-formed UTF-8 in the client ID of a CONNECT (checks the other strings)',
  },
  'accept-ill-formed-will-topic': {
    rule: 'MQTT-3.1.3-10',
    does: 'accepts ill-formed UTF-8 in the will topic of a CONNECT (checks the other strings)',
  },
  'accept-ill-formed-user-name': {
    rule: 'MQTT-3.1.3-11',
    does: 'accepts ill-formed UTF-8 in the user name of a CONNECT (checks the other strings)',
  },
  'session-present-on-refusal': {
    rule: 'MQTT-3.2.2-4',
    does: 'sets session present in the CONNACK 0x01 to an unsupported protocol level',
  },
  'open-after-refusal': {
    rule: 'MQTT-3.2.2-5',
    does: 'keeps the connection open after CONNACK 0x01 to an unsupported protocol level',
  },
  'process-after-refused-connect': {
    rule: 'MQTT-3.1.4-5',
    does: 'delivers PUBLISHes written after a CONNECT it refused for its protocol level',
  },
  'drop-every-other-pingresp': {
    rule: 'MQTT-3.12.4-1',
    does: 'answers only every other PINGREQ of a connection',
  },
  'ignore-reserved-header-flags': {
    rule: 'MQTT-2.2.2-2',
    does: 'reads control packets with wrong fixed-header flags as if the flags were 0',
  },
  'lax-keepalive': {
    rule: 'MQTT-3.1.2-24',
    does: 'disconnects a silent client after 3 × its keep-alive, not 1.5 ×',
  },
  'will-despite-disconnect': {
    rule: 'MQTT-3.14.4-3',
    does: 'handles DISCONNECT as a dropped connection: the will is published',
  },
  'ignore-unexpected-packets': {
    rule: 'MQTT-4.8.0-1',
    does: 'keeps the connection open on a reserved packet type or a packet only a server sends',
  },
  // Client-ID statements the aliyun profile narrows: shown in standard mode (profile mqtt-3.1.1).
  'refuse-one-character-client-id': {
    rule: 'MQTT-3.1.3-5',
    does: 'refuses (closes) a CONNECT whose client ID is one character long',
    profile: 'mqtt-3.1.1',
  },
  'same-id-for-empty-client-ids': {
    rule: 'MQTT-3.1.3-6',
    does: 'assigns every empty client ID the same ID, so a second such client takes the first over',
    profile: 'mqtt-3.1.1',
  },
  'refuse-empty-client-id-with-0x03': {
    rule: 'MQTT-3.1.3-9',
    does: 'refuses an empty client ID with CONNACK 0x03 (server unavailable) instead of 0x02',
    profile: 'mqtt-3.1.1',
  },
  'refuse-online-client-id': {
    rule: 'MQTT-3.1.4-2',
    does: 'refuses a CONNECT with the client ID of a connected client instead of disconnecting that client',
    profile: 'mqtt-3.1.1',
  },
  // MQ mapping and P2P (mq-bridge.ts, native-p2p.ts)
  'lose-second-topic': {
    rule: 'MQM-5',
    does: 'drops mqttSecondTopic: uplinks lack it, downlinks go to the parent topic',
  },
  'default-qos-0': { rule: 'MQM-3', does: 'delivers MQ messages without qoslevel at QoS 0 instead of 1' },
  'utf8-payload': { rule: 'MQM-2', does: 're-encodes payloads as UTF-8 text between MQTT and MQ' },
  'p2p-to-all-subscribers': {
    rule: 'P2P-1',
    does: 'delivers P2P messages to every subscriber of the P2P topic too',
  },
  'p2p-receiver-clean-session': {
    rule: 'QCS-5',
    does: "keeps P2P messages for offline targets by the receiver's cleanSession, not the sender's",
  },
  // MQTT 3.1.1 PUBLISH, retain, QoS flows, ordering and will delivery (publish-faults.ts, issue 12)
  'dup-on-qos0': { rule: 'MQTT-3.3.1-2', does: 'sends QoS 0 PUBLISH packets with DUP=1' },
  'propagate-dup': {
    rule: 'MQTT-3.3.1-3',
    does: 'passes the DUP flag of the incoming PUBLISH on to QoS 1 and 2 subscribers (what Aedes does)',
  },
  'accept-qos3-publish': { rule: 'MQTT-3.3.1-4', does: 'reads a PUBLISH with both QoS bits set as QoS 1' },
  'accept-pubrel-flags': {
    rule: 'MQTT-3.6.1-1',
    does: 'accepts a PUBREL whose fixed header flags are not 0010',
  },
  'wrong-ack-id': {
    rule: 'MQTT-2.3.1-6',
    does: 'answers a QoS 1 or 2 PUBLISH with a PUBACK or PUBREC carrying the next packet ID',
  },
  'wrong-pubrel-id': {
    rule: 'MQTT-4.3.3-1',
    does: "answers a subscriber's PUBREC with a PUBREL carrying the next packet ID",
  },
  'qos1-sent-as-dup': {
    rule: 'MQTT-4.3.2-1',
    does: 'sends every QoS 1 PUBLISH to a subscriber with DUP=1, the first transmission too',
  },
  'forget-qos1-packet-id': {
    rule: 'MQTT-4.3.2-2',
    does: 'acknowledges but drops a QoS 1 PUBLISH whose packet ID the client used before',
  },
  'redeliver-qos2-repeat': {
    rule: 'MQTT-4.3.3-2',
    does: 'passes on again a QoS 2 PUBLISH repeated with DUP=1 before its PUBREL',
  },
  'retained-at-qos0': { rule: 'MQTT-3.3.1-5', does: 'sends retained messages to new subscriptions at QoS 0' },
  'no-retained-for-wildcards': {
    rule: 'MQTT-3.3.1-6',
    does: 'sends no retained message to a new subscription whose filter has a wildcard',
  },
  'retained-without-flag': {
    rule: 'MQTT-3.3.1-8',
    does: 'sends the retained QoS 1 and 2 messages of a new subscription with RETAIN=0',
  },
  'retain-flag-on-live': {
    rule: 'MQTT-3.3.1-9',
    does: 'sends messages to established subscriptions with RETAIN=1',
  },
  'qos0-retained-ignored': {
    rule: 'MQTT-3.3.1-7',
    does: 'ignores a retained QoS 0 message: the message retained before it stays',
  },
  'swallow-empty-retained': {
    rule: 'MQTT-3.3.1-10',
    does: 'clears the retained message on an empty retained PUBLISH but delivers it to nobody',
  },
  'retain-every-message': {
    rule: 'MQTT-3.3.1-12',
    does: 'stores every message as the retained one, RETAIN=0 or not',
  },
  'deliver-burst-reversed': {
    rule: 'MQTT-4.6.0-6',
    does: 'handles the PUBLISH packets of one read last first (delivered out of order)',
  },
  'unordered-mixed-burst': {
    rule: 'MQTT-4.6.0-5',
    does: 'handles a read of PUBLISH packets to several topics last first (a read of one topic keeps its order)',
  },
  'pubrecs-in-id-order': {
    rule: 'MQTT-4.6.0-4',
    does: 'handles the PUBRECs of one read in packet-ID order, so its PUBRELs follow the PUBLISHes, not the PUBRECs',
  },
  'resend-without-dup': {
    rule: 'MQTT-3.3.1-1',
    does: 're-sends an unacknowledged PUBLISH to a resumed session with DUP=0 (what Aedes does)',
  },
  'resend-qos1-with-new-id': {
    rule: 'MQTT-4.4.0-1',
    does: 're-sends an unacknowledged QoS 1 PUBLISH to a resumed session with another packet ID',
  },
  'resend-reversed': {
    rule: 'MQTT-4.6.0-1',
    does: 're-sends the unacknowledged messages of a resumed session last first',
  },
  'will-never-retained': { rule: 'MQTT-3.1.2-17', does: 'publishes every will with RETAIN=0' },
  'will-kept-after-publish': {
    rule: 'MQTT-3.1.2-12',
    does: 'keeps a published will by client ID and publishes it again when a later connection without a will ends',
  },
  'will-always-retained': { rule: 'MQTT-3.1.2-16', does: 'publishes every will with RETAIN=1' },
  // Robustness (ROB-1): shown by the limit detection's health checks, not by a scenario.
  'wedge-after-long-topic': {
    rule: 'ROB-1',
    does: 'after refusing a SUBSCRIBE to a topic over the length limit, refuses every later SUBSCRIBE (wedged)',
    shownBy: 'limit detection',
  },
  // SUBSCRIBE / UNSUBSCRIBE and topic matching, MQTT 3.1.1 §3.8-§3.10 and §4.7 (subscription-faults.ts)
  'accept-subscribe-flags': {
    rule: 'MQTT-3.8.1-1',
    does: 'handles a SUBSCRIBE whose fixed-header flags are not 0010 as a valid one',
  },
  'accept-unsubscribe-flags': {
    rule: 'MQTT-3.10.1-1',
    does: 'handles an UNSUBSCRIBE whose fixed-header flags are not 0010 as a valid one',
  },
  'ignore-empty-subscribe': {
    rule: 'MQTT-3.8.3-3',
    does: 'keeps the connection of a SUBSCRIBE with no topic filter (answers it with PINGRESP)',
  },
  'accept-subscribe-qos3': {
    rule: 'MQTT-3.8.3-4',
    does: 'reads a requested-QoS byte of 3 as QoS 2 and ignores its reserved bits',
  },
  'suback-id-low-byte': {
    rule: 'MQTT-3.8.4-2',
    does: 'answers a SUBSCRIBE with a SUBACK carrying only the low byte of its packet ID',
  },
  'keep-first-subscription': {
    rule: 'MQTT-3.8.4-3',
    does: 'keeps a subscription when the same filter is subscribed again (new QoS and retained re-send lost)',
  },
  'subscribe-first-filter-only': {
    rule: 'MQTT-3.8.4-4',
    does: 'grants every filter of a SUBSCRIBE but subscribes only the first',
  },
  'unsuback-wrong-id': {
    rule: 'MQTT-3.10.4-4',
    does: 'answers an UNSUBSCRIBE with an UNSUBACK of the next packet ID',
  },
  'no-unsuback-without-subscription': {
    rule: 'MQTT-3.10.4-5',
    does: 'sends no UNSUBACK (but a PINGRESP) when the UNSUBSCRIBE deletes no subscription',
  },
  'ignore-unsubscribe': {
    rule: 'MQTT-3.10.4-2',
    does: 'answers UNSUBSCRIBE with UNSUBACK but keeps the subscription',
  },
  'unsubscribe-by-matching': {
    rule: 'MQTT-3.10.4-1',
    does: 'also deletes subscriptions whose filter matches the UNSUBSCRIBE filter as a topic',
  },
  'unsubscribe-first-filter-only': {
    rule: 'MQTT-3.10.4-6',
    does: 'deletes only the first filter of an UNSUBSCRIBE of several',
  },
  'drop-inflight-on-unsubscribe': {
    rule: 'MQTT-3.10.4-3',
    does: 'ignores the PUBREC of a QoS 2 delivery once the client has unsubscribed (no PUBREL)',
  },
  'overlap-exact-filter-qos': {
    rule: 'MQTT-3.3.5-1',
    does: "sends a message matching an exact filter and a wildcard one at the exact filter's QoS (Aedes as it is)",
  },
  'accept-ill-formed-utf8-topic': {
    rule: 'MQTT-1.5.3-1',
    does: 'reads ill-formed UTF-8 in a topic name or filter as U+FFFD instead of closing (Aedes as it is)',
  },
  'accept-ill-formed-topic-name': {
    rule: 'MQTT-3.3.2-1',
    does: 'reads ill-formed UTF-8 in the topic name of a PUBLISH as U+FFFD (filters are checked)',
  },
  'accept-ill-formed-subscribe-filter': {
    rule: 'MQTT-3.8.3-1',
    does: 'reads ill-formed UTF-8 in a SUBSCRIBE filter as U+FFFD (topic names are checked)',
  },
  'accept-ill-formed-unsubscribe-filter': {
    rule: 'MQTT-3.10.3-1',
    does: 'reads ill-formed UTF-8 in an UNSUBSCRIBE filter as U+FFFD and answers it (the others are checked)',
  },
  'accept-empty-filter': { rule: 'MQTT-4.7.3-1', does: 'grants an empty topic filter' },
  'normalize-topics-nfc': {
    rule: 'MQTT-4.7.3-4',
    does: 'normalises topic names and filters to Unicode NFC before matching',
  },
  'strip-bom-in-topics': {
    rule: 'MQTT-1.5.3-3',
    does: 'strips U+FEFF from topic names and filters',
  },
  'retained-ignores-granted-qos': {
    rule: 'MQTT-3.8.4-6',
    does: 'sends a retained message at its own QoS to a wildcard subscription granted a lower one (Aedes as it is)',
  },
  'grant-wildcards-unhonoured': {
    rule: 'MQTT-3.8.3-2',
    does: 'grants filters with wildcards but never delivers through them (as a server without wildcard support that does not refuse them)',
  },
  'hash-excludes-parent': {
    rule: 'MQTT-4.5.0-1',
    does: 'lets "a/#" match only topics below "a", not "a" itself',
  },
  // MQTT over WebSocket (websocket-listener.ts)
  'websocket-no-subprotocol': {
    rule: 'MQTT-6.0.0-4',
    does: 'completes the WebSocket handshake offering "mqtt" without returning a subprotocol',
  },
  'websocket-text-as-binary': {
    rule: 'MQTT-6.0.0-1',
    does: 'reads a text frame as MQTT bytes instead of closing the connection',
  },
  'websocket-one-packet-per-frame': {
    rule: 'MQTT-6.0.0-2',
    does: "takes each WebSocket frame as one whole packet: drops a partial packet and what follows a frame's first packet",
  },
  // Sessions, MQTT 3.1.1 §3.1.2-§3.1.4 and §4.1 (session-delivery.ts, session-faults.ts; issue 12)
  'drop-offline-qos2': {
    rule: 'MQTT-3.1.2-5',
    does: 'drops QoS 2 messages for offline persistent sessions (keeps QoS 1 ones)',
    profile: 'mqtt-3.1.1',
  },
  'retained-dies-with-session': {
    rule: 'MQTT-3.1.2-7',
    does: 'clears the retained messages a cleanSession=1 client published when its session ends',
  },
  'case-insensitive-session-ids': {
    rule: 'MQTT-3.1.3-2',
    does: 'looks sessions up by the client ID lower-cased, so "DEVICE" gets the session of "device"',
  },
  'fresh-session-after-socket-death': {
    rule: 'MQTT-3.1.4-3',
    does: 'starts a new session when a cleanSession=0 client comes back after its socket died (resumes it only after a DISCONNECT)',
  },
  'forget-session-on-second-resume': {
    rule: 'MQTT-4.1.0-1',
    does: 'resumes a persistent session once, then starts afresh on the second resume',
  },
  'expire-connected-session': {
    rule: 'MQTT-4.1.0-2',
    does: 'lets a session expire 1 s after its connection opened, the connection still open (nothing delivered from then on)',
  },
  // Packet identifiers and the packets the server writes, MQTT 3.1.1 §2.2, §2.3, §3.1.4, §3.2, §3.9 (packet-faults.ts)
  'accept-packet-id-0': {
    rule: 'MQTT-4.8.0-1',
    does: 'answers a SUBSCRIBE, UNSUBSCRIBE or QoS > 0 PUBLISH with packet identifier 0 (a protocol violation, [MQTT-2.3.1-1]) instead of closing (Aedes as it is)',
  },
  'publish-packet-id-0': {
    rule: 'MQTT-2.3.1-1',
    does: "sends a QoS 1 PUBLISH with packet identifier 0 while another to the client is unacknowledged (a PUBACK 0 is read as the oldest such one's)",
  },
  'reuse-inflight-packet-id': {
    rule: 'MQTT-2.3.1-4',
    does: 'sends every QoS 1 PUBLISH of a connection with the packet ID of the first, acknowledged or not',
  },
  'qos0-with-packet-id': {
    rule: 'MQTT-2.3.1-5',
    does: 'writes a packet identifier into QoS 0 PUBLISH packets on topics with a level "qos0"',
  },
  'suback-id-of-previous': {
    rule: 'MQTT-2.3.1-7',
    does: 'answers each SUBSCRIBE with a SUBACK carrying the packet ID of the SUBSCRIBE before it',
  },
  'suback-dedupes-filters': {
    rule: 'MQTT-3.8.4-5',
    does: 'answers a SUBSCRIBE that repeats a filter with one return code per distinct filter (Aedes as it is)',
  },
  'suback-code-0x8f': {
    rule: 'MQTT-3.9.3-2',
    does: 'refuses an invalid filter ("a/#/b") with MQTT 5\'s SUBACK code 0x8F instead of closing',
  },
  'suback-header-flags': {
    rule: 'MQTT-2.2.2-1',
    does: 'sends a SUBACK that grants QoS 2 with the fixed-header flags 0010 instead of 0000',
  },
  'refuse-but-serve-keepalive-0': {
    rule: 'MQTT-3.2.2-5',
    does: 'answers a CONNECT with keep-alive 0 with CONNACK 0x05, then serves the connection as accepted',
  },
  'serve-without-connack-keepalive-0': {
    rule: 'MQTT-3.1.4-4',
    does: 'accepts a CONNECT with keep-alive 0 and serves the connection without ever sending its CONNACK',
  },
  'connack-0x81-on-malformed': {
    rule: 'MQTT-3.2.2-6',
    does: "answers a CONNECT it closes as malformed with MQTT 5's CONNACK 0x81 first",
  },
  'accept-disconnect-flags': {
    rule: 'MQTT-3.14.1-1',
    does: 'reads a DISCONNECT with reserved flags set as a DISCONNECT (the will is discarded)',
  },
} as const satisfies Record<string, FaultInfo>;

interface FaultInfo {
  readonly rule: string;
  readonly does: string;
  /**
   * Lawful behaviour, not a fault: the scenarios of this tag expression must stay clean (no failure,
   * no error), proving a check does not fail what the standard allows. `rule` is the one it once broke.
   */
  readonly lawful?: string;
  /**
   * The profile the mutation run checks this fault under (default aliyun): mqtt-3.1.1 for the statements
   * aliyun narrows; `both` for a check each profile makes its own way (and each must catch it).
   */
  readonly profile?: 'mqtt-3.1.1' | 'both';
  /** The fault shows only when the broker authenticates clients this way (PUB-4). */
  readonly needsAuth?: 'signature' | 'token';
  /** The fault shows in the limit detection (certify), not in a scenario: the mutation run probes for it. */
  readonly shownBy?: 'limit detection';
}

/** The login mode a fault needs switched on to show, if any. */
export function faultNeedsAuth(fault: Fault): 'signature' | 'token' | undefined {
  const info: FaultInfo = FAULTS[fault];
  return info.needsAuth;
}

/** The profiles a fault's mutation run uses: its own, else aliyun (which includes mqtt-3.1.1). */
export function faultProfiles(fault: Fault): readonly ('aliyun' | 'mqtt-3.1.1')[] {
  const info: FaultInfo = FAULTS[fault];
  return info.profile === 'both' ? ['aliyun', 'mqtt-3.1.1'] : [info.profile ?? 'aliyun'];
}

/** Whether the fault shows in the limit detection rather than in the scenarios. */
export function faultShownByLimits(fault: Fault): boolean {
  const info: FaultInfo = FAULTS[fault];
  return info.shownBy === 'limit detection';
}

/** The tag expression a lawful mutant must pass, if it is one. */
export function faultIsLawful(fault: Fault): string | undefined {
  const info: FaultInfo = FAULTS[fault];
  return info.lawful;
}

export type Fault = keyof typeof FAULTS;

export function isFault(name: string): name is Fault {
  return Object.hasOwn(FAULTS, name);
}
