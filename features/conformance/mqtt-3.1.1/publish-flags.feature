@MQTT-3.1.1
Feature: PUBLISH flags
  The fixed header of a PUBLISH, judged on the wire: the DUP flag a subscriber is sent says only
  whether that outgoing packet is a re-send, and a PUBLISH with both QoS bits set closes the
  connection. The publisher writes each PUBLISH exactly as the step says; the subscriber records every
  flag as it arrived.

  # [MQTT-3.3.1-3] the incoming DUP flag is not passed on; a QoS 0 delivery also has DUP=0 [MQTT-3.3.1-2].
  Scenario Outline: a QoS <published> PUBLISH sent with DUP=1 reaches a QoS <subscribed> subscriber with DUP=0
    Given "sub" watches "dup/<published><subscribed>" at QoS <subscribed>
    When "pub" writes "first <published><subscribed>" to "dup/<published><subscribed>" at QoS <published> with the DUP flag set
    Then "sub" is sent "first <published><subscribed>" with the DUP flag clear the first time

    @MQTT-3.3.1-2 @MQTT-3.3.1-3
    Examples: delivered at QoS 0
      | published | subscribed |
      | 1         | 0          |
      | 2         | 0          |

    @MQTT-3.3.1-3
    Examples: delivered at QoS 1 or 2
      | published | subscribed |
      | 1         | 1          |
      | 2         | 1          |
      | 1         | 2          |
      | 2         | 2          |

  @MQTT-3.3.1-4
  Scenario: a PUBLISH with QoS 3 closes the connection
    Given "pub" writes "before" to "qos3" at QoS 1
    When "pub" writes a PUBLISH with both QoS bits set to "qos3"
    Then the broker closes "pub"'s connection after its QoS 3 PUBLISH
