@MQTT-3.1.1
Feature: SUBSCRIBE and UNSUBSCRIBE packets
  The packets are written byte by byte on a bare socket, so the broker sees exactly the flags, packet
  IDs and filters the check chose, and every answer is seen as sent. A malformed SUBSCRIBE or
  UNSUBSCRIBE is not answered: the broker closes the connection. Well-formed ones are answered with the
  packet ID they carried, whether or not anything was subscribed or unsubscribed.

  @MQTT-3.8.1-1
  Scenario Outline: a SUBSCRIBE whose fixed-header flags are <flags> closes the connection
    Given "device" is connected on a raw socket
    When "device" sends a SUBSCRIBE to "flags/a" with the fixed-header flags <flags>
    Then the broker closes the connection of "device" without answering the packet

    Examples:
      | flags |
      | 0000  |
      | 0011  |
      | 1010  |

  @MQTT-3.10.1-1
  Scenario Outline: an UNSUBSCRIBE whose fixed-header flags are <flags> closes the connection
    Given "device" is connected on a raw socket
    When "device" sends an UNSUBSCRIBE of "flags/a" with the fixed-header flags <flags>
    Then the broker closes the connection of "device" without answering the packet

    Examples:
      | flags |
      | 0000  |
      | 0011  |
      | 1010  |

  @MQTT-3.8.3-3
  Scenario: a SUBSCRIBE with no topic filter closes the connection
    Given "device" is connected on a raw socket
    When "device" sends a SUBSCRIBE with no topic filter
    Then the broker closes the connection of "device" without answering the packet

  @MQTT-3.10.3-2
  Scenario: an UNSUBSCRIBE with no topic filter closes the connection
    Given "device" is connected on a raw socket
    When "device" sends an UNSUBSCRIBE with no topic filter
    Then the broker closes the connection of "device" without answering the packet

  # The byte after each filter: bits 7-2 are reserved (0), bits 1-0 the QoS, of which 3 is not one.
  @MQTT-3.8.3-4
  Scenario Outline: a SUBSCRIBE whose requested-QoS byte is <byte> closes the connection
    Given "device" is connected on a raw socket
    When "device" sends a SUBSCRIBE to "options/a" whose requested-QoS byte is <byte>
    Then the broker closes the connection of "device" without answering the packet

    Examples:
      | byte |
      | 0x03 |
      | 0x04 |
      | 0x81 |

  @MQTT-3.8.4-1 @MQTT-3.8.4-2
  Scenario Outline: the SUBACK carries the SUBSCRIBE's packet ID <id>
    Given "device" is connected on a raw socket
    When "device" subscribes on its raw socket to "ids/a" at QoS 1 with packet ID <id>
    Then "device" gets a SUBACK with packet ID <id>

    Examples:
      | id    |
      | 1     |
      | 4660  |
      | 65535 |

  @MQTT-3.10.4-4
  Scenario Outline: the UNSUBACK carries the UNSUBSCRIBE's packet ID <id>
    Given "device" is connected on a raw socket
    When "device" subscribes on its raw socket to "ids/a" at QoS 1
    And "device" unsubscribes on its raw socket from "ids/a" with packet ID <id>
    Then "device" gets an UNSUBACK with packet ID <id>

    Examples:
      | id    |
      | 2     |
      | 4660  |
      | 65535 |

  # [MQTT-3.10.4-5]: an UNSUBSCRIBE whose filter equals no subscription of the client is still answered.
  @MQTT-3.10.4-5
  Scenario: an UNSUBSCRIBE of a filter the client never subscribed to gets an UNSUBACK
    Given "device" is connected on a raw socket
    When "device" unsubscribes on its raw socket from "ids/never" with packet ID 4661
    Then "device" gets an UNSUBACK with packet ID 4661

  @MQTT-3.10.4-5
  Scenario: an UNSUBSCRIBE of a topic that only matches a wildcard subscription gets an UNSUBACK
    Given "device" is connected on a raw socket
    When "device" subscribes on its raw socket to "ids/+" at QoS 0
    And "device" unsubscribes on its raw socket from "ids/a" with packet ID 4662
    Then "device" gets an UNSUBACK with packet ID 4662

  # [MQTT-3.8.4-5]: one return code per filter; [MQTT-3.9.3-2]: each 0x00, 0x01, 0x02 or 0x80, the
  # others being reserved. A filter that is not valid (§4.7.1) may instead close the connection.
  @MQTT-3.8.4-5 @MQTT-3.9.3-2
  Scenario Outline: a SUBSCRIBE to <filters> gets one return code per filter, each 0x00, 0x01, 0x02 or 0x80
    Given "device" is connected on a raw socket
    When "device" subscribes on its raw socket with packet ID 77 to <filters>
    Then the SUBACK to "device" has one return code per filter
    And every return code of the SUBACK to "device" is 0x00, 0x01, 0x02 or 0x80

    Examples:
      | filters                                                                                             |
      | "codes/a" at QoS 2                                                                                  |
      | "codes/a" at QoS 0, "codes/b" at QoS 1, "codes/c" at QoS 2                                          |
      | "codes/a" at QoS 1, "codes/a" at QoS 0                                                              |
      | "codes/+" at QoS 1, "codes/#" at QoS 2, "codes/x/+/y" at QoS 0, "codes/d" at QoS 1, "codes/e" at QoS 2 |
      | "codes/a" at QoS 1, "codes/#/b" at QoS 1                                                            |

  # [MQTT-2.3.1-7]: with several packets in flight, each answer carries the ID of the packet it answers.
  @MQTT-2.3.1-7
  Scenario: SUBSCRIBEs and UNSUBSCRIBEs written in one go are each answered with their own packet ID
    Given "device" is connected on a raw socket
    When "device" writes SUBSCRIBEs with packet IDs 258, 513, 772 and UNSUBSCRIBEs with packet IDs 1027, 1282 in one go
    Then each SUBSCRIBE and UNSUBSCRIBE of "device" is answered with its own packet ID
