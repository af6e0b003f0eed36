@MQTT-3.1.1
Feature: Publish and subscribe round trip
  A message published at a QoS reaches each matching subscriber at the minimum of the published
  QoS and the QoS the broker granted the subscription. A broker may grant a lower QoS than asked
  [MQTT-3.9.3]: that is recorded, never failed; a check that needs the QoS asked for is inconclusive.

  # [MQTT-3.8.4-1] a SUBACK answers the SUBSCRIBE; [MQTT-3.9.3-1] its return codes follow the order of
  # the filters. Which QoS is granted is the broker's choice (any code up to the one asked, or 0x80).
  @MQTT-3.8.4-1 @MQTT-3.9.3-1
  Scenario: a SUBSCRIBE of three filters is answered with a SUBACK of three return codes in their order
    Given "sub" is connected on the wire
    When "sub" subscribes in one SUBSCRIBE to "order/a" at QoS 2, "order/b" at QoS 1 and "order/c" at QoS 0
    Then "sub" gets a SUBACK with one return code per filter, in the order of the filters

  # The QoS flow of each level [MQTT-4.3.x]: needs the subscription granted at the QoS it delivers at.
  Scenario Outline: a QoS <qos> message reaches a QoS <qos> subscriber once
    Given "sub" is connected
    And "pub" is connected
    When "sub" subscribes to "rooms/<qos>" at QoS <qos>
    Then "sub" holds its subscription at QoS <qos> or above, else the check is inconclusive
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

  # [MQTT-3.3.4-1] Table 3.4: a QoS 2 PUBLISH is answered with PUBREC (PUBACK is the QoS 1 answer).
  # Closing the connection instead is recorded as inconclusive: [MQTT-3.3.5-2] lets a server close a
  # connection whose PUBLISH it does not authorize.
  @MQTT-3.3.4-1 @MQTT-4.3.3-2
  Scenario: a QoS 2 PUBLISH is answered with PUBREC
    Given "pub" is connected on the wire
    When "pub" publishes "exactly once" to "answers/2" at QoS 2 on the wire
    Then the broker answered "pub"'s QoS 2 PUBLISH with PUBREC

  # [MQTT-3.8.4-6] the delivered QoS is the lower of the published one and the granted one: needs the
  # subscription granted as asked and the publish accepted, else inconclusive.
  @MQTT-3.8.4-6
  Scenario Outline: a QoS <published> message to a QoS <subscribed> subscription arrives at QoS <delivered>
    Given "sub" is connected
    And "pub" is connected
    When "sub" subscribes to "downgrade" at QoS <subscribed>
    Then "sub" holds its subscription at QoS <delivered> or above, else the check is inconclusive
    When "pub" publishes "m" to "downgrade" at QoS <published>, which the broker must accept
    Then "sub" receives "m" on "downgrade" exactly once at QoS <delivered>

    Examples:
      | published | subscribed | delivered |
      | 2         | 0          | 0         |
      | 2         | 1          | 1         |
      | 1         | 0          | 0         |
      | 0         | 2          | 0         |
      | 1         | 2          | 1         |

  # [MQTT-3.3.5-1]: one message, several matching subscriptions — delivered at the highest granted QoS.
  @MQTT-3.3.5-1
  Scenario: overlapping subscriptions deliver at the highest granted QoS
    Given "sub" is connected
    And "pub" is connected
    When "sub" subscribes to "store/+/price" at QoS 0
    And "sub" subscribes to "store/#" at QoS 1
    Then "sub" holds its subscription at QoS 1 or above, else the check is inconclusive
    When "pub" publishes "12.50" to "store/7/price" at QoS 1
    Then "sub" receives "12.50" on "store/7/price" at QoS 1

  @MQTT-3.3.5-1
  Scenario: a message matching two of a client's subscriptions is not lost
    Given "sub" is connected
    And "pub" is connected
    When "sub" subscribes to "store/7/price" at QoS 1
    And "sub" subscribes to "store/7/+" at QoS 1
    Then "sub" holds its subscription at QoS 1 or above, else the check is inconclusive
    When "pub" publishes "9.99" to "store/7/price" at QoS 1
    Then "sub" receives "9.99" on "store/7/price" at QoS 1
