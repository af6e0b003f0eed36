@MQTT-3.1.1 @QCS
Feature: Delivery guarantees when the network fails
  QoS 1 is at least once, QoS 2 exactly once, QoS 0 at most once (QCS-1), also when a connection dies
  in the middle of a flow. The subscriber here keeps its own session state like a real client and can
  withhold its acknowledgements; a fault proxy between it and the broker can cut the network or turn
  it into a black hole. What the broker re-sends is judged from the wire: DUP flags and packet IDs as
  they arrived, nothing de-duplicated except what [MQTT-4.3.3-2] lets a QoS 2 receiver de-duplicate.

  @QCS-1 @QCS-2 @MQTT-4.4.0-1 @MQTT-3.3.1-1
  Scenario: an unacknowledged QoS 1 message is re-sent with DUP after a reconnect
    Given "sub" is online through a faulty network with cleanSession=false and a QoS 1 subscription to "orders"
    And "sub" withholds its PUBACK
    When "pub" sends "order 1" to "orders" at QoS 1
    And the network of "sub" is cut
    And "sub" acknowledges normally again
    And "sub" comes back with cleanSession=false
    Then "sub" is sent "order 1" again with the DUP flag set and its packet ID

  @QCS-1 @QCS-2 @MQTT-4.4.0-1
  Scenario: a QoS 1 message lost in a black hole reaches the subscriber after a reconnect
    Given "sub" is online through a faulty network with cleanSession=false and a QoS 1 subscription to "orders"
    When the network of "sub" becomes a black hole
    And "pub" sends "order 2" to "orders" at QoS 1
    And the network of "sub" is cut
    And "sub" comes back with cleanSession=false
    Then "sub"'s application receives "order 2" at least once

  @QCS-1 @MQTT-4.3.3-2 @MQTT-4.4.0-1
  Scenario: QoS 2 is delivered once when the connection dies before PUBREC
    Given "sub" is online through a faulty network with cleanSession=false and a QoS 2 subscription to "payments"
    And "sub" withholds its PUBREC
    When "pub" sends "payment 1" to "payments" at QoS 2
    And the network of "sub" is cut
    And "sub" acknowledges normally again
    And "sub" comes back with cleanSession=false
    Then "sub"'s application receives "payment 1" exactly once

  @QCS-1 @MQTT-4.3.3-2 @MQTT-4.4.0-1
  Scenario: QoS 2 is delivered once when the connection dies between PUBREL and PUBCOMP
    Given "sub" is online through a faulty network with cleanSession=false and a QoS 2 subscription to "payments"
    And "sub" withholds its PUBCOMP
    When "pub" sends "payment 2" to "payments" at QoS 2
    And the network of "sub" is cut
    And "sub" acknowledges normally again
    And "sub" comes back with cleanSession=false
    Then "sub"'s application receives "payment 2" exactly once

  @QCS-1 @MQTT-4.3.1-1
  Scenario: a QoS 0 message swallowed by the network is never re-sent
    Given "sub" is online through a faulty network with cleanSession=false and a QoS 0 subscription to "telemetry"
    When "pub" sends "reading 1" to "telemetry" at QoS 0
    And the network of "sub" becomes a black hole
    And "pub" sends "reading 2" to "telemetry" at QoS 0
    And the network of "sub" is cut
    And "sub" comes back with cleanSession=false
    Then "sub" is sent "reading 1" no more than once
    And "sub" is sent "reading 2" no more than once
