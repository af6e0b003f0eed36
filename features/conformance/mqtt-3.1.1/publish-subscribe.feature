@MQTT-3.1.1
Feature: Publish and subscribe round trip
  A message published at a QoS reaches each matching subscriber at the minimum of the published
  QoS and the QoS the broker granted the subscription.

  @MQTT-3.8.4-1 @MQTT-3.9.3-1
  Scenario Outline: a QoS <qos> message reaches a QoS <qos> subscriber once
    Given "sub" is connected
    And "pub" is connected
    When "sub" subscribes to "rooms/<qos>" at QoS <qos>
    Then "sub" is granted QoS <qos>
    When "pub" publishes "hello at <qos>" to "rooms/<qos>" at QoS <qos>
    Then "sub" receives "hello at <qos>" on "rooms/<qos>" exactly once at QoS <qos>

    @MQTT-4.3.1-1
    Examples: at most once
      | qos |
      | 0   |

    @MQTT-4.3.2-2
    Examples: at least once (the broker acknowledges with PUBACK)
      | qos |
      | 1   |

    @MQTT-4.3.3-2
    Examples: exactly once (the broker answers with PUBREC and PUBCOMP)
      | qos |
      | 2   |

  @MQTT-3.8.4-6
  Scenario Outline: a QoS <published> message to a QoS <subscribed> subscription arrives at QoS <delivered>
    Given "sub" is connected
    And "pub" is connected
    When "sub" subscribes to "downgrade" at QoS <subscribed>
    And "pub" publishes "m" to "downgrade" at QoS <published>
    Then "sub" receives "m" on "downgrade" exactly once at QoS <delivered>

    Examples:
      | published | subscribed | delivered |
      | 2         | 0          | 0         |
      | 2         | 1          | 1         |
      | 1         | 0          | 0         |
      | 0         | 2          | 0         |
      | 1         | 2          | 1         |

  @MQTT-3.3.5-1
  Scenario: overlapping subscriptions deliver at the highest granted QoS
    Given "sub" is connected
    And "pub" is connected
    When "sub" subscribes to "store/+/price" at QoS 0
    And "sub" subscribes to "store/#" at QoS 1
    And "pub" publishes "12.50" to "store/7/price" at QoS 1
    Then "sub" receives "12.50" on "store/7/price" at QoS 1

  @MQTT-3.3.5-1
  Scenario: a message matching two of a client's subscriptions is not lost
    Given "sub" is connected
    And "pub" is connected
    When "sub" subscribes to "store/7/price" at QoS 1
    And "sub" subscribes to "store/7/+" at QoS 1
    And "pub" publishes "9.99" to "store/7/price" at QoS 1
    Then "sub" receives "9.99" on "store/7/price" at QoS 1
