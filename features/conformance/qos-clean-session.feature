@MQTT-3.1.1 @QCS
Feature: QoS × cleanSession (Table 2-1)
  What a subscriber gets depends on the QoS of its subscription and on its cleanSession flag. Each
  row below is one cell of Table 2-1 (QCS-6); the profile says what the cell must be: under aliyun
  QoS 0 is never kept offline and QoS 2 with cleanSession=false behaves as cleanSession=true (QCS-4);
  under mqtt-3.1.1 a persistent session keeps QoS 1 and QoS 2 messages [MQTT-3.1.2-4, MQTT-3.1.2-5]
  and may keep QoS 0 ones. The judgement lists every aspect with the observed counts, so a broker
  that deviates shows in which cell and how.

  # One subscriber walks through the life of a session: online, away after a DISCONNECT, back without
  # resubscribing (is the subscription kept?), resubscribed, away after its socket died, back again.
  @QCS-1 @QCS-2 @QCS-6
  Scenario Outline: Table 2-1, a QoS <qos> subscription with cleanSession=<clean>
    Given "sub" is online with cleanSession=<clean> and a QoS <qos> subscription to "cell"
    When "pub" sends "online" to "cell" at QoS <qos>
    And "sub" goes away with a DISCONNECT
    And "pub" sends "while away after a DISCONNECT" to "cell" at QoS <qos>
    And "sub" comes back with cleanSession=<clean>
    And "pub" sends "after coming back" to "cell" at QoS <qos>
    And "sub" is online with cleanSession=<clean> and a QoS <qos> subscription to "cell"
    And "sub"'s socket dies without a DISCONNECT
    And "pub" sends "while away after the socket died" to "cell" at QoS <qos>
    And "sub" comes back with cleanSession=<clean>
    Then Table 2-1 holds for "sub" at QoS <qos> with cleanSession=<clean>

    Examples:
      | qos | clean |
      | 0   | true  |
      | 0   | false |
      | 1   | true  |
      | 1   | false |
      | 2   | true  |

    @QCS-4
    Examples: QoS 2 with a persistent session (aliyun: not supported, behaves as clean)
      | qos | clean |
      | 2   | false |

  # QCS-3: a client must keep its flag. This shows what a broker does when one flips it: a clean
  # CONNECT discards the earlier session with whatever was queued for it [MQTT-3.1.2-6], and the next
  # persistent CONNECT starts from nothing.
  @QCS-3 @MQTT-3.1.2-6 @MQTT-3.2.2-1
  Scenario: a client that flips cleanSession loses what was queued for it
    Given "sub" is online with cleanSession=false and a QoS 1 subscription to "flip"
    When "sub" goes away with a DISCONNECT
    And "pub" sends "queued while away" to "flip" at QoS 1
    And "sub" comes back with cleanSession=true
    Then "sub" finds no session present
    And "sub"'s application never receives "queued while away"
    When "pub" sends "after the flip" to "flip" at QoS 1
    Then "sub"'s application never receives "after the flip"
    When "sub" goes away with a DISCONNECT
    And "sub" comes back with cleanSession=false
    Then "sub" finds no session present
