@MQTT-3.1.1
Feature: Malformed packets
  Packets a client library refuses to send, written byte by byte by the harness's raw probe, so the
  verdict is about the broker and not about MQTT.js. A broker never delivers a PUBLISH whose topic
  name is invalid, never grants a malformed topic filter, and closes the connection on a protocol
  violation [MQTT-4.8.0-1]. Where MQTT 3.1.1 names no close for the case itself, the scenario judges
  the delivery and records whether the connection was closed.

  @MQTT-3.3.2-2 @MQTT-4.7.1-1
  Scenario Outline: a PUBLISH to the topic name "<topic>" is not delivered
    Given "listener" listens to every topic of the scenario
    And "sender" is online
    When "sender" publishes to the topic name "<topic>" as written
    Then the message of "sender" does not reach "listener"
    And the report records whether the broker closed the connection of "sender"

    Examples:
      | topic |
      | a/+   |
      | a/#   |
      | a+b   |
      | #     |

  @MQTT-4.7.1-2
  Scenario Outline: the filter "<filter>", whose "#" is not the last level, is not granted
    Given "device" is online
    When "device" subscribes to the filter "<filter>" as written
    Then the broker does not grant the filter of "device"

    Examples:
      | filter |
      | a/#/b  |
      | a#     |
      | a/#b   |

  @MQTT-4.7.1-3
  Scenario Outline: the filter "<filter>", whose "+" does not fill its level, is not granted
    Given "device" is online
    When "device" subscribes to the filter "<filter>" as written
    Then the broker does not grant the filter of "device"

    Examples:
      | filter |
      | a+     |
      | +a     |
      | a/+b/c |

  @MQTT-4.7.3-2 @MQTT-1.5.3-2
  Scenario: a PUBLISH whose topic name contains U+0000 is not delivered and the connection is closed
    Given "listener" listens to every topic of the scenario
    And "sender" is online
    When "sender" publishes to a topic name containing U+0000
    Then the message of "sender" does not reach "listener"
    And the broker closes the connection of "sender"

  @MQTT-4.7.3-2 @MQTT-1.5.3-2
  Scenario: a SUBSCRIBE whose filter contains U+0000 is not granted and the connection is closed
    Given "device" is online
    When "device" subscribes to a filter containing U+0000
    Then the broker does not grant the filter of "device"
    And the broker closes the connection of "device"

  @MQTT-3.1.4-1 @MQTT-4.8.0-1
  Scenario: a CONNECT whose client ID length runs past the end of the packet is closed without a CONNACK
    When "device" connects with a client ID whose length runs past the end of the packet
    Then the broker closes the connection of "device" without a CONNACK

  @MQTT-4.8.0-1
  Scenario: a PUBLISH whose topic length runs past the end of the packet closes the connection
    Given "sender" is online
    When "sender" publishes with a topic length that runs past the end of the packet
    Then the broker closes the connection of "sender"

  # Packets a client never sends: a reserved packet type (0, and 15 in MQTT 3.1.1), or one that only a
  # server sends. Each is a protocol violation on which the server closes the connection.
  @MQTT-4.8.0-1
  Scenario Outline: a <packet> from a client closes the connection
    Given "device" is online
    When "device" sends a "<packet>"
    Then the broker closes the connection of "device"

    Examples:
      | packet         |
      | packet type 0  |
      | packet type 15 |
      | CONNACK        |
      | SUBACK         |
      | PINGRESP       |
