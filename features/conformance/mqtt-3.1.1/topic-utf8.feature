@MQTT-3.1.1
Feature: Topic names and filters are well-formed UTF-8
  A topic name or filter that is not well-formed UTF-8 — an encoded surrogate (U+D800-U+DFFF), an
  overlong form, a byte UTF-8 never uses, a sequence cut short — makes the receiver close the network
  connection [MQTT-1.5.3-1]. Topic names and the filters of SUBSCRIBE and UNSUBSCRIBE are UTF-8 strings
  [MQTT-3.3.2-1] [MQTT-3.8.3-1] [MQTT-3.10.3-1], so such bytes break that statement too. The packets are
  written byte by byte: the filter or topic is the scenario's own prefix, "/", then the bytes shown. The
  broker must not answer the packet, nor deliver the message.

  @MQTT-1.5.3-1 @MQTT-3.8.3-1
  Scenario Outline: a SUBSCRIBE whose filter ends in the bytes <bytes> (<what>) closes the connection
    Given "device" is connected on a raw socket
    When "device" subscribes on its raw socket to "utf8" followed by the bytes <bytes>
    Then the broker closes the connection of "device" without answering the packet

    Examples:
      | bytes    | what                    |
      | ED A0 80 | U+D800, a surrogate     |
      | C0 AF    | an overlong "/"         |
      | FF       | a byte UTF-8 never uses |
      | E2 82    | a sequence cut short    |

  @MQTT-1.5.3-1 @MQTT-3.3.2-1
  Scenario Outline: a PUBLISH whose topic name ends in the bytes <bytes> (<what>) closes the connection, undelivered
    Given "listener" is connected on a raw socket
    And "sender" is connected on a raw socket
    When "listener" subscribes on its raw socket to "utf8/#" at QoS 0
    And "sender" publishes to "utf8" followed by the bytes <bytes> on its raw socket
    Then the broker closes the connection of "sender" without answering the packet
    And "listener" is sent no copy of "m"

    Examples:
      | bytes    | what                    |
      | ED BF BF | U+DFFF, a surrogate     |
      | E0 80 AF | an overlong "/"         |
      | 80       | a lone continuation     |

  @MQTT-1.5.3-1 @MQTT-3.10.3-1
  Scenario Outline: an UNSUBSCRIBE whose filter ends in the bytes <bytes> (<what>) closes the connection
    Given "device" is connected on a raw socket
    When "device" subscribes on its raw socket to "utf8/a" at QoS 0
    And "device" unsubscribes on its raw socket from "utf8" followed by the bytes <bytes>
    Then the broker closes the connection of "device" without answering the packet

    Examples:
      | bytes    | what                    |
      | ED A0 80 | U+D800, a surrogate     |
      | C0 AF    | an overlong "/"         |
      | C3 28    | a lead byte cut short   |
