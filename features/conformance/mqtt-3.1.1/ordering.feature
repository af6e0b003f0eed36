@MQTT-3.1.1
Feature: Message ordering
  The server treats every topic as ordered [MQTT-4.6.0-5]: the messages one client publishes to a topic
  at one QoS reach each subscriber in that order [MQTT-4.6.0-6]. The publisher writes four PUBLISH packets
  in one go, so nothing but the broker decides their order. The order of the PUBACKs and PUBRECs a
  publisher gets back is not judged: [MQTT-4.6.0-2] and [MQTT-4.6.0-3] bind the client.

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

  # [MQTT-4.6.0-5]: every topic is ordered by default, not only a topic written alone. Three topics are
  # written in turns in one write; each topic's messages must keep their order, whatever the broker does
  # with the order between topics (which no statement fixes).
  @MQTT-4.6.0-5
  Scenario Outline: QoS <qos> messages written in turns to three topics keep each topic's order
    Given "sub" watches "mix/+" at QoS <qos>
    And "sub" watches at QoS <qos> or above, else the check is inconclusive
    When "pub" writes "1", "2" and "3" to each of "mix/a", "mix/b" and "mix/c" in turns at QoS <qos> in one go
    Then "sub" is sent the messages of each topic in the order written

    Examples:
      | qos |
      | 0   |
      | 1   |
      | 2   |
