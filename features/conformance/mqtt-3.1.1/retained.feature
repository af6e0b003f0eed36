@MQTT-3.1.1
Feature: Retained messages
  The broker keeps the last retained message of a topic and hands it to every new subscriber. A
  refused or downgraded subscription is lawful [MQTT-3.9.3]: a check that needs it is inconclusive.

  @MQTT-3.3.1-9
  Scenario: an established subscriber receives a retained message with the retain flag clear
    Given "pub" is connected
    And "sub" is connected
    When "sub" subscribes to "ap/42/status" at QoS 1
    Then "sub" holds its subscription at QoS 0 or above, else the check is inconclusive
    When "pub" publishes the retained message "online" to "ap/42/status" at QoS 1
    Then "sub" receives "online" on "ap/42/status" with the retain flag clear

  @MQTT-3.3.1-10 @MQTT-3.3.1-11
  Scenario: an empty retained message clears the retained message
    Given "pub" is connected
    And "late" is connected
    When "pub" publishes the retained message "online" to "ap/42/status" at QoS 1
    And "pub" clears the retained message on "ap/42/status"
    And "late" subscribes to "ap/42/status" at QoS 1
    Then "late" receives nothing on "ap/42/status"

  @MQTT-3.3.1-5
  Scenario: a later retained message replaces the earlier one
    Given "pub" is connected
    And "late" is connected
    When "pub" publishes the retained message "12.50" to "tag/7/price" at QoS 1
    And "pub" publishes the retained message "9.99" to "tag/7/price" at QoS 1
    And "late" subscribes to "tag/7/price" at QoS 1
    Then "late" holds its subscription at QoS 1 or above, else the check is inconclusive
    And "late" receives "9.99" on "tag/7/price" with the retain flag set
    And "late" receives "9.99" on "tag/7/price" exactly once at QoS 1
    And "late" does not receive "12.50" on "tag/7/price"

  # Judged on the wire, each part under its own statement: no message breaks [MQTT-3.3.1-6], RETAIN=0
  # breaks [MQTT-3.3.1-8], a QoS other than the lower of the stored and the granted one breaks
  # [MQTT-3.3.1-5]. A control subscriber proves the broker took the message on first. QoS 0 retained
  # messages are left out: a server may discard them at any time [MQTT-3.3.1-7].
  @MQTT-3.3.1-5 @MQTT-3.3.1-6 @MQTT-3.3.1-8
  Scenario Outline: a QoS <qos> retained message on "<topic>" reaches a later "<filter>" subscription
    Given "control" watches "<topic>" at QoS 0
    When "pub" retains "kept <qos>" on "<topic>" at QoS <qos>
    And "control" is sent "kept <qos>", else the check is inconclusive
    And "late" watches "<filter>" at QoS 2
    Then "late" is sent the retained "kept <qos>" on "<topic>" at QoS <qos>

    Examples:
      | qos | topic   | filter  |
      | 1   | shelf/1 | shelf/1 |
      | 2   | shelf/1 | shelf/1 |
      | 1   | shelf/1 | shelf/+ |
      | 2   | shelf/1 | shelf/# |
      | 1   | a/b/c/d | a/+/c/+ |
      | 2   | a/b/c/d | a/#     |
      | 2   | s/1     | #       |

  @MQTT-3.3.1-9
  Scenario Outline: an established "<filter>" subscription is sent a QoS <qos> retained message with RETAIN=0
    Given "sub" watches "<filter>" at QoS 2
    When "pub" retains "live <qos>" on "door/<qos>" at QoS <qos>
    Then "sub" is sent "live <qos>" with the retain flag clear

    Examples:
      | qos | filter     |
      | 0   | door/0     |
      | 1   | door/+     |
      | 2   | #          |

  @MQTT-3.3.1-12
  Scenario: a message published without RETAIN neither is retained nor replaces the retained one
    Given "control" watches "tag/9" at QoS 1
    When "pub" retains "kept" on "tag/9" at QoS 1
    And "pub" writes "passing" to "tag/9" at QoS 1
    And "control" is sent "passing", else the check is inconclusive
    And "late" watches "tag/9" at QoS 1
    Then "late" is sent "kept" exactly 1 time
    And "late" is not sent "passing"

  @MQTT-3.3.1-12
  Scenario: a message published without RETAIN leaves nothing for a later subscriber
    Given "control" watches "tag/10" at QoS 1
    When "pub" writes "passing" to "tag/10" at QoS 1
    And "control" is sent "passing", else the check is inconclusive
    And "late" watches "tag/10" at QoS 1
    Then "late" is sent nothing on "tag/10"

  # [MQTT-3.3.1-7]: the new QoS 0 message should be kept but may be discarded; the old one must go.
  @MQTT-3.3.1-7
  Scenario: a retained QoS 0 message discards the message retained before it
    Given "control" watches "lamp/3" at QoS 1
    When "pub" retains "old" on "lamp/3" at QoS 1
    And "pub" retains "new" on "lamp/3" at QoS 0
    And "control" is sent "new", else the check is inconclusive
    And "late" watches "lamp/3" at QoS 1
    Then "late" is not sent "old"

  @MQTT-3.3.1-10
  Scenario Outline: an empty retained QoS <qos> message reaches an established subscription and clears the retained one
    Given "sub" watches "lock/<qos>" at QoS 2
    When "pub" retains "locked" on "lock/<qos>" at QoS 1
    And "pub" clears the retained message on "lock/<qos>" with a QoS <qos> PUBLISH
    Then "sub" is sent an empty message
    When "late" watches "lock/<qos>" at QoS 2
    Then "late" is sent nothing on "lock/<qos>"

    Examples:
      | qos |
      | 0   |
      | 1   |
      | 2   |

  # [MQTT-3.1.2-7]: retained messages are not session state. "early" proves the broker retained the
  # message at all (else [MQTT-3.3.1-6] is the rule at stake, and this check is inconclusive); then the
  # publisher, a cleanSession=1 client, leaves and its session ends with it. "late" subscribes only once a
  # CONNECT with the publisher's client ID and cleanSession=1 is accepted, which discards any session the
  # broker still held for it [MQTT-3.1.2-6]: the session is then over, however slowly the broker noticed.
  @MQTT-3.1.2-7
  Scenario Outline: a QoS <qos> retained message outlives the session of its publisher, ended by <how>
    When "pub" retains "kept <qos>" on "sign/<qos>" at QoS <qos>
    And "early" watches "sign/<qos>" at QoS 2
    And "early" is sent "kept <qos>", else the check is inconclusive
    And <leaving>
    And "late" watches "sign/<qos>" at QoS 2
    Then "late" is sent the retained "kept <qos>" after the session of "pub" ended

    Examples:
      | qos | how           | leaving                                      |
      | 1   | a DISCONNECT  | "pub" goes away with a DISCONNECT        |
      | 1   | a dead socket | "pub"'s socket dies without a DISCONNECT |
      | 2   | a DISCONNECT  | "pub" goes away with a DISCONNECT        |
      | 2   | a dead socket | "pub"'s socket dies without a DISCONNECT |
