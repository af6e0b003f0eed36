@MQTT-3.1.1 @QCS
Feature: QoS × cleanSession (Table 2-1)
  What a subscriber gets depends on the QoS of its subscription and on its cleanSession flag. Each
  cell of Table 2-1 (QCS-6) is judged in two parts, each by the rule the part belongs to, so a broker
  is named only under the rule it breaks (and under QCS-6, the table itself, where the profile has it):

    part of a cell       aspects                                                   rule
    online               granted QoS; online delivery: count and QoS received      QCS-1
    across reconnects    offline delivery after a DISCONNECT and after a socket    QCS-2
                         death; subscription kept or lost; session present
    across reconnects,   the same aspects; aliyun: not supported, behaves as       QCS-4
    QoS 2 / false        cleanSession=true (mqtt-3.1.1: a kept session, QCS-2)
    every part           the cell as Table 2-1 states it                           QCS-6

  The profile says what each cell must be: under aliyun QoS 0 is never kept offline and QoS 2 with
  cleanSession=false behaves as cleanSession=true (QCS-4); under mqtt-3.1.1 a persistent session keeps
  QoS 1 and QoS 2 messages [MQTT-3.1.2-4, MQTT-3.1.2-5] and may keep QoS 0 ones. Each judgement lists
  its aspects with the expected and observed counts, so a deviation shows in which cell and how.

  @QCS-1 @QCS-6
  Scenario Outline: Table 2-1 online, a QoS <qos> subscription with cleanSession=<clean>
    Given "sub" is online with cleanSession=<clean> and a QoS <qos> subscription to "cell"
    When "pub" sends "online" to "cell" at QoS <qos>
    Then "sub" gets its online messages as Table 2-1 says for QoS <qos> with cleanSession=<clean>

    Examples:
      | qos | clean |
      | 0   | true  |
      | 0   | false |
      | 1   | true  |
      | 1   | false |
      | 2   | true  |
      | 2   | false |

  # One subscriber walks through the life of a session: away after a DISCONNECT, back without
  # resubscribing (is the subscription kept?), resubscribed, away after its socket died, back again.
  # The Examples blocks carry the other rules: QoS 2 / false is QCS-4's under aliyun and QCS-2's elsewhere.
  # (QCS-6 is the table itself; it applies only under aliyun.)
  @QCS-6
  Scenario Outline: Table 2-1 across reconnects, a QoS <qos> subscription with cleanSession=<clean>
    Given "sub" is online with cleanSession=<clean> and a QoS <qos> subscription to "cell"
    When "sub" goes away with a DISCONNECT
    And "pub" sends "while away after a DISCONNECT" to "cell" at QoS <qos>
    And "sub" comes back with cleanSession=<clean>
    And "pub" sends "after coming back" to "cell" at QoS <qos>
    And "sub" is online with cleanSession=<clean> and a QoS <qos> subscription to "cell"
    And "sub"'s socket dies without a DISCONNECT
    And "pub" sends "while away after the socket died" to "cell" at QoS <qos>
    And "sub" comes back with cleanSession=<clean>
    Then "sub" finds its offline messages and subscription as Table 2-1 says for QoS <qos> with cleanSession=<clean>

    @QCS-2
    Examples:
      | qos | clean |
      | 0   | true  |
      | 0   | false |
      | 1   | true  |
      | 1   | false |
      | 2   | true  |

    @QCS-2 @persistent-qos2-session
    Examples: QoS 2 with a persistent session (mqtt-3.1.1: kept [MQTT-3.1.2-4])
      | qos | clean |
      | 2   | false |

    @aliyun @QCS-4
    Examples: QoS 2 with cleanSession=false (aliyun: not supported, behaves as cleanSession=true)
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
