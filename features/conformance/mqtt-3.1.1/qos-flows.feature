@MQTT-3.1.1
Feature: QoS 1 and QoS 2 flows, packet by packet
  What the server sends back at each step of a flow, and what it sends as the sender of a flow, judged
  on the wire: packet identifiers echoed, a QoS 2 message passed on exactly once, a packet ID free again
  once its flow is complete. The publisher writes each packet with the packet ID the step names.

  @MQTT-2.3.1-6
  Scenario: a QoS 1 PUBLISH is answered with a PUBACK carrying its packet ID
    When "pub" writes "one" to "flow/1" at QoS 1 with packet ID 4660, awaiting nothing
    Then "pub" gets a PUBACK for packet ID 4660

  @MQTT-2.3.1-6
  Scenario: a QoS 2 PUBLISH is answered with a PUBREC carrying its packet ID
    When "pub" writes "two" to "flow/2" at QoS 2 with packet ID 4661, awaiting nothing
    Then "pub" gets a PUBREC for packet ID 4661

  # [MQTT-4.3.3-2]: PUBREC again for a repeat before the PUBREL, the message passed on once, PUBCOMP
  # with the PUBREL's packet ID.
  @MQTT-4.3.3-2
  Scenario: a QoS 2 PUBLISH repeated before its PUBREL is acknowledged again and passed on once
    Given "sub" watches "flow/2" at QoS 2
    When "pub" writes "exactly once" to "flow/2" at QoS 2 with packet ID 77, awaiting nothing
    Then "pub" gets a PUBREC for packet ID 77
    When "pub" writes "exactly once" to "flow/2" at QoS 2 with packet ID 77 and the DUP flag set, awaiting nothing
    Then "pub" gets a second PUBREC for packet ID 77
    When "pub" releases packet ID 77
    Then "pub" gets a PUBCOMP for packet ID 77
    And "sub" is sent "exactly once" exactly 1 time

  # [MQTT-4.3.2-2]: after the PUBACK, the same packet ID starts a new message, whatever its DUP flag.
  @MQTT-4.3.2-2
  Scenario: a QoS 1 packet ID used again after its PUBACK carries a new message
    Given "sub" watches "flow/1" at QoS 1
    When "pub" writes "again" to "flow/1" at QoS 1 with packet ID 9, completing the flow
    And "pub" writes "again" to "flow/1" at QoS 1 with packet ID 9 and the DUP flag set, completing the flow
    Then "sub" is sent "again" exactly 2 times

  # [MQTT-4.3.3-2]: after the PUBCOMP, the same packet ID starts a new message.
  @MQTT-4.3.3-2
  Scenario: a QoS 2 packet ID used again after its PUBCOMP carries a new message
    Given "sub" watches "flow/2" at QoS 2
    When "pub" writes "first" to "flow/2" at QoS 2 with packet ID 12, completing the flow
    And "pub" writes "second" to "flow/2" at QoS 2 with packet ID 12, completing the flow
    Then "sub" is sent "first" exactly 1 time
    And "sub" is sent "second" exactly 1 time

  # The server as QoS 1 sender [MQTT-4.3.2-1]: QoS=1, DUP=0, a packet ID.
  @MQTT-4.3.2-1
  Scenario: the server sends a QoS 1 message with DUP=0 and a packet ID
    Given "sub" watches "flow/out1" at QoS 1
    And "sub" watches at QoS 1 or above, else the check is inconclusive
    When "pub" writes "handed over" to "flow/out1" at QoS 1
    Then "sub" is sent "handed over" at QoS 1 with DUP clear and a packet ID

  # The server as QoS 2 sender [MQTT-4.3.3-1]: its PUBREL carries the packet ID of its PUBLISH.
  @MQTT-4.3.3-1
  Scenario: the server sends a QoS 2 message with DUP=0, releases it with the same packet ID, and never re-sends it
    Given "sub" watches "flow/out" at QoS 2
    And "sub" watches at QoS 2 or above, else the check is inconclusive
    When "pub" writes "handed over" to "flow/out" at QoS 2
    Then "sub" is sent "handed over" at QoS 2 with DUP clear, then a PUBREL with its packet ID, and never again

  @MQTT-3.6.1-1
  Scenario Outline: a PUBREL whose fixed header flags are <flags> closes the connection
    When "pub" writes "held" to "flow/rel" at QoS 2 with packet ID 31, awaiting nothing
    Then "pub" gets a PUBREC for packet ID 31
    When "pub" releases packet ID 31 with a PUBREL whose fixed header flags are <flags>
    Then the broker closes "pub"'s connection after its malformed PUBREL

    Examples:
      | flags |
      | 0     |
      | 3     |
