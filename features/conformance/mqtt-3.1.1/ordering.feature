@MQTT-3.1.1
Feature: Message ordering
  The server treats every topic as ordered [MQTT-4.6.0-5]: the messages one client publishes to a topic
  at one QoS reach each subscriber in that order [MQTT-4.6.0-6], and the server acknowledges PUBLISH
  packets in the order it received them [MQTT-4.6.0-2, MQTT-4.6.0-3]. The publisher writes four
  PUBLISH packets in one go, so nothing but the broker decides their order.

  @MQTT-4.6.0-6
  Scenario Outline: four QoS <qos> messages of one topic reach the subscriber in the order published
    Given "sub" watches "line/<qos>" at QoS <qos>
    And "sub" watches at QoS <qos> or above, else the check is inconclusive
    When "pub" writes "a", "b", "c" and "d" to "line/<qos>" at QoS <qos> in one go
    Then "sub" is sent "a", "b", "c" and "d" in that order

    Examples:
      | qos |
      | 0   |
      | 1   |
      | 2   |

  @MQTT-4.6.0-6
  Scenario: messages of one topic reach a wildcard subscriber in the order published
    Given "sub" watches "line/#" at QoS 1
    When "pub" writes "a", "b", "c" and "d" to "line/x/y" at QoS 1 in one go
    Then "sub" is sent "a", "b", "c" and "d" in that order

  @MQTT-4.6.0-2
  Scenario: PUBACKs go out in the order of the QoS 1 PUBLISH packets
    When "pub" writes "a", "b", "c" and "d" to "acks/1" at QoS 1 in one go
    Then "pub" gets its PUBACKs in the order of its PUBLISH packets

  @MQTT-4.6.0-3
  Scenario: PUBRECs go out in the order of the QoS 2 PUBLISH packets
    When "pub" writes "a", "b", "c" and "d" to "acks/2" at QoS 2 in one go
    Then "pub" gets its PUBRECs in the order of its PUBLISH packets
