@MQTT-3.1.1
Feature: Packet identifiers and fixed-header flags
  What MQTT 3.1.1 §2.2 and §2.3 require of every control packet, judged on raw sockets from the bytes
  that went over the wire. A SUBSCRIBE, UNSUBSCRIBE or QoS > 0 PUBLISH carries a non-zero packet
  identifier [MQTT-2.3.1-1] (a client's 0 is a protocol violation the server closes on [MQTT-4.8.0-1]);
  the server does not use an identifier for another message while its flow is unfinished [MQTT-2.3.1-4];
  a QoS 0 PUBLISH has none [MQTT-2.3.1-5]; the reserved fixed-header flags carry the values of Table 2.2
  [MQTT-2.2.2-1] (the harness's parser refuses any other and records the bytes).

  # A client's packet identifier 0 breaks [MQTT-2.3.1-1]: a protocol violation the server closes on.
  @MQTT-4.8.0-1
  Scenario Outline: a <packet> with packet identifier 0 closes the connection
    Given "device" is connected on a raw socket
    When "device" sends a <packet> with packet identifier 0
    Then the broker closes the connection of "device" without answering the packet

    Examples:
      | packet        |
      | SUBSCRIBE     |
      | UNSUBSCRIBE   |
      | QoS 1 PUBLISH |
      | QoS 2 PUBLISH |

  # The subscriber acknowledges nothing, so every QoS 1 flow stays unfinished. A server may hold
  # messages back until earlier ones are acknowledged: fewer than two sent is inconclusive. The server's
  # own QoS 1 PUBLISH packets carry a non-zero packet identifier [MQTT-2.3.1-1].
  @MQTT-2.3.1-1 @MQTT-2.3.1-4
  Scenario: QoS 1 messages in flight to a subscriber that acknowledged none carry distinct packet IDs
    Given "sub" is connected on a raw socket
    And "pub" is connected on a raw socket
    When "sub" subscribes on its raw socket to "inflight/a" at QoS 1
    And "pub" publishes "m1" to "inflight/a" at QoS 1 on its raw socket
    And "pub" publishes "m2" to "inflight/a" at QoS 1 on its raw socket
    And "pub" publishes "m3" to "inflight/a" at QoS 1 on its raw socket
    Then the QoS 1 messages "m1", "m2" and "m3" in flight to "sub" on "inflight/a" carry distinct packet IDs

  @MQTT-2.3.1-5
  Scenario Outline: a message published at QoS <published> reaches a QoS 0 subscription without a packet identifier
    Given "sub" is connected on a raw socket
    And "pub" is connected on a raw socket
    When "sub" subscribes on its raw socket to "qos0/a" at QoS 0
    And "pub" publishes "payload-<published>" to "qos0/a" at QoS <published> on its raw socket
    Then "sub" is sent "payload-<published>" on "qos0/a" at QoS 0 with nothing between the topic name and the payload

    Examples:
      | published |
      | 0         |
      | 1         |

  @MQTT-2.2.2-1
  Scenario: every packet the broker sends carries the fixed-header flags of Table 2.2
    Given "sub" is connected on a raw socket
    And "pub" is connected on a raw socket
    When "sub" and "pub" exchange every kind of packet on "flags/a"
    Then every packet the broker sent "sub" and "pub" carries the fixed-header flags of Table 2.2
