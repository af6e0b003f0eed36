@MQTT-3.1.1
Feature: Subscriptions made by SUBSCRIBE
  The subscriber speaks MQTT on a bare socket, so what the broker sends it (QoS, RETAIN, how many
  copies) is seen as sent. A SUBSCRIBE of several filters makes one subscription per filter; a
  SUBSCRIBE of a filter the client already holds replaces that subscription, sending its retained
  messages again. A filter the broker refuses (SUBACK 0x80) or grants below the QoS the check needs
  makes the check inconclusive: both are lawful [MQTT-3.9.3].

  @MQTT-3.8.4-4
  Scenario: each filter of one SUBSCRIBE becomes a subscription, as if each came in a SUBSCRIBE of its own
    Given "sub" is connected on a raw socket
    And "pub" is connected
    When "sub" subscribes on its raw socket in one SUBSCRIBE to:
      | filter    | qos |
      | multi/a   | 1   |
      | multi/+/b | 0   |
      | multi/c/# | 2   |
    And "pub" publishes "first" to "multi/a" at QoS 1, which the broker must accept
    And "pub" publishes "second" to "multi/x/b" at QoS 1, which the broker must accept
    And "pub" publishes "third" to "multi/c/d/e" at QoS 1, which the broker must accept
    Then "sub" is sent "first" on "multi/a"
    And "sub" is sent "second" on "multi/x/b"
    And "sub" is sent "third" on "multi/c/d/e"

  # [MQTT-3.8.4-3]: the same filter again replaces the subscription — its retained message is sent
  # again, and from then on messages arrive once, at the new QoS. The first retained copy is judged by
  # [MQTT-3.3.1-6] (retained.feature): here, without it, the check is inconclusive.
  @MQTT-3.8.4-3
  Scenario Outline: subscribing again to "<filter>" at QoS 1 replaces the QoS 0 subscription
    Given "sub" is connected on a raw socket
    And "pub" is connected
    When "pub" publishes the retained message "kept" to "replace/a" at QoS 1
    And "sub" subscribes on its raw socket to "<filter>" at QoS 0
    Then "sub" is sent "kept" on "replace/a", else the check is inconclusive
    When "sub" subscribes on its raw socket to "<filter>" at QoS 1
    Then "sub" holds "<filter>" at QoS 1 or above, else the check is inconclusive
    And "sub" is sent "kept" on "replace/a" a second time, at QoS 1
    When "pub" publishes "live" to "replace/a" at QoS 1, which the broker must accept
    Then "sub" is sent "live" on "replace/a" exactly once, at QoS 1

    Examples:
      | filter    |
      | replace/a |
      | replace/+ |
      | replace/# |

  @MQTT-3.8.4-3
  Scenario: subscribing again to the same filter at QoS 0 lowers the subscription to QoS 0
    Given "sub" is connected on a raw socket
    And "pub" is connected
    When "sub" subscribes on its raw socket to "lower/+" at QoS 1
    Then "sub" holds "lower/+" at QoS 1 or above, else the check is inconclusive
    When "sub" subscribes on its raw socket to "lower/+" at QoS 0
    And "pub" publishes "live" to "lower/a" at QoS 1, which the broker must accept
    Then "sub" is sent "live" on "lower/a" exactly once, at QoS 0

  # [MQTT-3.8.4-6] holds for retained messages too: sent on SUBSCRIBE at the lower of their QoS and
  # the QoS granted to the matching subscription, whatever the filter. Whether it is sent at all is
  # judged by [MQTT-3.3.1-6] (retained.feature). Published at QoS 1, which every
  # broker here supports (a QoS 2 publish is judged in publish-subscribe.feature).
  @MQTT-3.8.4-6
  Scenario Outline: a retained QoS <published> message is sent at QoS 0 to a new QoS 0 subscription to "<filter>"
    Given "sub" is connected on a raw socket
    And "pub" is connected
    When "pub" publishes the retained message "kept" to "granted/a/b" at QoS <published>
    And "sub" subscribes on its raw socket to "<filter>" at QoS 0
    Then "sub" is sent "kept" on "granted/a/b", else the check is inconclusive
    And "sub" is sent "kept" on "granted/a/b" at QoS 0

    Examples:
      | published | filter      |
      | 1         | granted/a/b |
      | 1         | granted/+/b |
      | 1         | granted/#   |
      | 1         | granted/a/+ |
