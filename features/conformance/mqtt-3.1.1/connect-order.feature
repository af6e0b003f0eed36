@MQTT-3.1.1
Feature: Packet order and control packets on a connection
  The first packet of a connection is CONNECT and there is only one [MQTT-3.1.0-1] [MQTT-3.1.0-2];
  a server answers each PINGREQ with a PINGRESP [MQTT-3.12.4-1] and closes the connection on a
  packet whose reserved fixed-header flags are wrong [MQTT-2.2.2-2]. "Closes" means the socket closed
  within 2 s; what the broker sent before is recorded.

  @MQTT-3.1.0-1
  Scenario Outline: a connection whose first packet is a <packet> instead of CONNECT is closed
    When "device" sends a <packet> as its first packet
    Then the broker closes the connection of "device"

    Examples:
      | packet    |
      | PINGREQ   |
      | SUBSCRIBE |

  @MQTT-3.1.0-1
  Scenario: a PUBLISH sent before any CONNECT is not delivered and the connection is closed
    Given "listener" listens to every topic of the scenario
    When "device" sends a PUBLISH as its first packet
    Then the PUBLISH of "device" does not reach "listener"
    And the broker closes the connection of "device"

  @MQTT-3.1.0-2
  Scenario: a second CONNECT on a connection is a protocol violation and closes it
    Given "device" is online
    When "device" sends a "CONNECT"
    Then the broker closes the connection of "device"

  @MQTT-3.12.4-1
  Scenario Outline: each of <n> PINGREQs is answered with a PINGRESP
    Given "device" is online
    When "device" sends <n> PINGREQs
    Then the broker answers every PINGREQ of "device" with a PINGRESP

    Examples:
      | n |
      | 1 |
      | 3 |

  @MQTT-2.2.2-2
  Scenario Outline: a <packet> is a malformed packet and closes the connection
    Given "device" is online
    When "device" sends a "<packet>"
    Then the broker closes the connection of "device"

    Examples:
      | packet                    |
      | PINGREQ with flags 0x1    |
      | PINGREQ with flags 0x8    |
      | PUBACK with flags 0x1     |
      | DISCONNECT with flags 0x1 |
      | DISCONNECT with flags 0x8 |

  # [MQTT-3.14.1-1]: a DISCONNECT whose reserved flags are not 0 is malformed, not a DISCONNECT, so
  # [MQTT-3.14.4-3] does not let the server discard the will: the connection ends on an error and the
  # will is owed [MQTT-3.1.2-8]. Closing alone cannot tell it from a DISCONNECT taken as valid: the will can.
  @MQTT-3.14.1-1 @MQTT-3.1.2-8
  Scenario Outline: a DISCONNECT with the reserved flags <flags> closes the connection and the will is published
    Given "listener" listens to every topic of the scenario
    And "device" is online with a will
    When "device" sends a "DISCONNECT with flags <flags>"
    Then the broker closes the connection of "device"
    And the will of "device" reaches "listener"

    Examples:
      | flags |
      | 0x1   |
      | 0x2   |
      | 0x8   |
