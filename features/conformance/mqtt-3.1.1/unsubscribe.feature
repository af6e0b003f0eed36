@MQTT-3.1.1
Feature: UNSUBSCRIBE
  The subscriber speaks MQTT on a bare socket. An UNSUBSCRIBE deletes the subscription whose filter is
  exactly, character for character, the one it names — wildcards are not expanded — and after the
  UNSUBACK nothing more is sent for it. A control subscriber proves each message that must not arrive
  was delivered at all: without it, silence would prove nothing (inconclusive).

  @MQTT-3.10.4-2
  Scenario Outline: after unsubscribing from "<filter>" no QoS <qos> message for it is sent
    Given "sub" is connected on a raw socket
    And "control" is connected on a raw socket
    And "pub" is connected
    When "sub" subscribes on its raw socket to "<filter>" at QoS <qos>
    And "control" subscribes on its raw socket to "<filter>" at QoS <qos>
    And "pub" publishes "before" to "<topic>" at QoS <qos>, which the broker must accept
    Then "sub" is sent "before" on "<topic>"
    When "sub" unsubscribes on its raw socket from "<filter>"
    And "pub" publishes "after" to "<topic>" at QoS <qos>, which the broker must accept
    Then "control" is sent "after" on "<topic>", else the check is inconclusive
    And "sub" is sent no copy of "after"

    Examples:
      | filter     | topic        | qos |
      | stop/a     | stop/a       | 0   |
      | stop/+     | stop/a       | 1   |
      | stop/#     | stop/a/b     | 2   |
      | stop/+/c/# | stop/b/c     | 1   |

  # [MQTT-3.10.4-1]: the UNSUBSCRIBE filter is compared with the held filters as text, not matched.
  @MQTT-3.10.4-1
  Scenario Outline: unsubscribing from "<unsubscribed>" leaves the subscription to "<filter>" in place
    Given "sub" is connected on a raw socket
    And "pub" is connected
    When "sub" subscribes on its raw socket to "<filter>" at QoS 1
    And "sub" unsubscribes on its raw socket from "<unsubscribed>"
    And "pub" publishes "still" to "<topic>" at QoS 1, which the broker must accept
    Then "sub" is sent "still" on "<topic>"

    Examples:
      | filter   | unsubscribed | topic    |
      | keep/+   | keep/a       | keep/a   |
      | keep/#   | keep/a/b     | keep/a/b |
      | keep/a   | keep/+       | keep/a   |
      | keep/Up  | keep/up      | keep/Up  |

  @MQTT-3.10.4-6
  Scenario: one UNSUBSCRIBE of two filters deletes both subscriptions
    Given "sub" is connected on a raw socket
    And "control" is connected on a raw socket
    And "pub" is connected
    When "sub" subscribes on its raw socket to "two/a" at QoS 1
    And "sub" subscribes on its raw socket to "two/b" at QoS 1
    And "control" subscribes on its raw socket to "two/+" at QoS 1
    And "sub" unsubscribes on its raw socket in one UNSUBSCRIBE from "two/a" and "two/b"
    And "pub" publishes "to a" to "two/a" at QoS 1, which the broker must accept
    And "pub" publishes "to b" to "two/b" at QoS 1, which the broker must accept
    Then "control" is sent "to a" on "two/a", else the check is inconclusive
    And "control" is sent "to b" on "two/b", else the check is inconclusive
    And "sub" is sent no copy of "to a"
    And "sub" is sent no copy of "to b"

  # [MQTT-3.10.4-3]: the raw subscriber holds back its PUBREC until after the UNSUBACK; the broker must
  # still release the message. A QoS 1 delivery has nothing left to observe once the PUBLISH is sent.
  @MQTT-3.10.4-3
  Scenario Outline: a QoS 2 delivery begun before unsubscribing from "<filter>" is completed after it
    Given "sub" is connected on a raw socket
    And "pub" is connected
    When "sub" subscribes on its raw socket to "<filter>" at QoS 2
    Then "sub" holds "<filter>" at QoS 2 or above, else the check is inconclusive
    When "pub" publishes "m" to "inflight/a" at QoS 2, which the broker must accept
    Then "sub" is sent "m" on "inflight/a" at QoS 2
    When "sub" unsubscribes on its raw socket from "<filter>"
    And "sub" answers "m" with PUBREC
    Then "sub" gets a PUBREL for "m"

    Examples:
      | filter     |
      | inflight/a |
      | inflight/# |
