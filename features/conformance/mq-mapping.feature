@aliyun @MQM @needs-mq
Feature: MQTT ↔ MQ message mapping
  An MQ topic has one level: the MQTT parent topic maps to it, and the subtopics travel as the property
  `mqttSecondTopic` — everything after the parent, leading `/` included, so parent + mqttSecondTopic is
  the MQTT topic again (MQM-1, MQM-5). The payload crosses byte for byte both ways (MQM-2). Every MQTT →
  MQ message carries `qoslevel`, `cleansessionflag` and `clientId`, never `mqttRealTopic` (MQM-3, 4, 6,
  7). An MQ sender may set `qoslevel` (default 1) and `mqttSecondTopic`; `cleansessionflag` only on P2P
  messages; `clientId` never (MQM-3, 4, 5, 7). One client's uplink keeps its order (MQM-8).
  Needs an MQ side (`--mq memory` or `--mq amqp`); without one these rules are not applicable.

  Background:
    Given the MQ side consumes the MQ topic of the parent topic
    And "device" is connected with cleanSession true

  @MQM-1
  Scenario: the parent topic of an uplink is its MQ topic
    When "device" publishes the text "hello" to "room/1" at QoS 1
    Then the MQ side receives the message on the MQ topic named like the parent topic

  @MQM-1 @MQM-5
  Scenario Outline: the subtopics of an uplink travel as mqttSecondTopic (<topic>)
    When "device" publishes the text "level" to "<topic>" at QoS 1
    Then its mqttSecondTopic is the MQTT topic after the parent topic

    Examples:
      | topic      |
      | a          |
      | a/b/c      |
      | trailing/  |
      | 中文/😀     |

  @MQM-2
  Scenario Outline: an uplink payload reaches the MQ side byte for byte (<payload>)
    When "device" publishes <payload> to "blob" at QoS 1
    Then its body is the payload byte for byte

    Examples:
      | payload                     |
      | binary bytes                |
      | an empty payload            |
      | the bytes FF FE 00 C0 AF 80 |
      | the largest allowed payload |

  @MQM-3
  Scenario Outline: an uplink's qoslevel is the QoS it was published at (QoS <qos>)
    When "device" publishes the text "qos" to "q" at QoS <qos>
    Then its qoslevel is the QoS of the publish

    Examples:
      | qos |
      | 0   |
      | 1   |
      | 2   |

  @MQM-4
  Scenario Outline: an uplink's cleansessionflag is the publisher's cleanSession (<clean>)
    Given "sensor" is connected with cleanSession <clean>
    When "sensor" publishes the text "clean" to "c" at QoS 1
    Then its cleansessionflag is the publisher's cleanSession

    Examples:
      | clean |
      | true  |
      | false |

  @MQM-6
  Scenario: an uplink never carries mqttRealTopic
    When "device" publishes the text "real" to "r/1" at QoS 1
    Then it carries no mqttRealTopic

  @MQM-7
  Scenario: an uplink carries the publisher's client ID
    When "device" publishes the text "who" to "w" at QoS 0
    Then its clientId is the publisher's client ID

  @MQM-8
  Scenario: one client's uplink messages reach the MQ side in the order it sent them
    When "device" publishes 50 numbered messages to "seq" at QoS 1
    Then the MQ side receives the numbered messages in the order they were sent

  @MQM-2
  Scenario Outline: an MQ message reaches MQTT byte for byte (<payload>)
    Given "device" subscribes to the parent topic at QoS 1
    When the MQ side sends <payload> to the parent topic
    Then "device" receives the MQ message byte for byte on the parent topic

    Examples:
      | payload                     |
      | the text "downlink"         |
      | binary bytes                |
      | an empty payload            |
      | the largest allowed payload |

  @MQM-5
  Scenario: mqttSecondTopic picks the subtopic: subscribers of another subtopic get nothing
    Given "kitchen" is connected with cleanSession true
    And "kitchen" subscribes to "room/kitchen" at QoS 1
    And "device" subscribes to "room/hall" at QoS 1
    When the MQ side sends the text "lights on" to the subtopic "room/kitchen"
    Then "kitchen" receives the MQ message byte for byte on "room/kitchen"
    And "device" does not receive the MQ message

  @MQM-3
  Scenario: an MQ message without qoslevel is delivered at QoS 1
    Given "device" subscribes to the parent topic at QoS 2
    When the MQ side sends the text "default qos" to the parent topic
    Then "device" receives the MQ message on the parent topic at QoS 1

  @MQM-3
  Scenario Outline: an MQ message with qoslevel <qos> is delivered at QoS <qos>
    Given "device" subscribes to the parent topic at QoS 2
    When the MQ side sends the text "qos <qos>" to the parent topic with qoslevel <qos>
    Then "device" receives the MQ message on the parent topic at QoS <qos>

    Examples:
      | qos |
      | 0   |
      | 1   |
      | 2   |

  @MQM-4
  Scenario: cleansessionflag cannot be set on an MQ message that is not P2P
    Given "device" subscribes to the parent topic at QoS 1
    When the MQ side sends the text "not p2p" to the parent topic with cleansessionflag false
    Then the MQ side refuses the message by MQM-4, or "device" receives it on the parent topic as if the property were not set

  @MQM-7
  Scenario: an MQ sender cannot set clientId
    Given "device" subscribes to the parent topic at QoS 1
    When the MQ side sends the text "spoofed" to the parent topic with the property "clientId" set to "GID_harness@@@someone"
    Then the MQ side refuses the message by MQM-7, or "device" receives it on the parent topic as if the property were not set
