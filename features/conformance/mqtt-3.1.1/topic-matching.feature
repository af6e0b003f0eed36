@MQTT-3.1.1
Feature: Topic names and filters are matched as written
  Matching compares the exact characters: no Unicode normalisation, no case folding, and U+FEFF
  (bytes EF BB BF) is a character like any other, never stripped. Topics in this feature write
  invisible and combining characters as \uXXXX escapes, which the harness decodes. A control subscriber
  to the topic itself proves each message that must not arrive was delivered at all (else the check is
  inconclusive). A topic filter has at least one character.

  @MQTT-4.7.3-4
  Scenario Outline: "<filter>" does not match "<topic>", which differs from it only in <difference>
    Given "sub" is connected on a raw socket
    And "control" is connected on a raw socket
    And "pub" is connected on a raw socket
    When "sub" subscribes on its raw socket to "<filter>" at QoS 0
    And "control" subscribes on its raw socket to "<topic>" at QoS 0
    And "pub" publishes "m" to "<topic>" at QoS 1 on its raw socket
    Then "control" is sent "m" on "<topic>", else the check is inconclusive
    And "sub" is sent no copy of "m"

    Examples:
      | filter             | topic              | difference                               |
      | exact/caf\u00e9    | exact/cafe\u0301   | Unicode normalisation (NFC filter)       |
      | exact/cafe\u0301   | exact/caf\u00e9    | Unicode normalisation (NFD filter)       |
      | exact/+/caf\u00e9  | exact/x/cafe\u0301 | Unicode normalisation under a wildcard   |
      | exact/\u212b       | exact/\u00c5       | a compatibility character (Angstrom sign) |
      | exact/Sport        | exact/sport        | letter case                              |
      | exact/sport        | exact/sport\u0020  | a trailing space                         |

  @MQTT-4.7.3-4
  Scenario Outline: "<filter>" matches "<topic>" written with the same characters
    Given "sub" is connected on a raw socket
    And "pub" is connected on a raw socket
    When "sub" subscribes on its raw socket to "<filter>" at QoS 0
    And "pub" publishes "m" to "<topic>" at QoS 1 on its raw socket
    Then "sub" is sent "m" on "<topic>"

    Examples:
      | filter           | topic            |
      | exact/cafe\u0301 | exact/cafe\u0301 |
      | exact/+          | exact/\u00c5     |
      | exact/\ud83d\ude00 | exact/\ud83d\ude00 |

  @MQTT-1.5.3-3
  Scenario: U+FEFF in a topic filter is kept, so it matches only topics that carry it
    Given "sub" is connected on a raw socket
    And "control" is connected on a raw socket
    And "pub" is connected on a raw socket
    When "sub" subscribes on its raw socket to "bom/\ufeffa" at QoS 0
    And "control" subscribes on its raw socket to "bom/a" at QoS 0
    And "pub" publishes "without" to "bom/a" at QoS 1 on its raw socket
    And "pub" publishes "with" to "bom/\ufeffa" at QoS 1 on its raw socket
    Then "control" is sent "without" on "bom/a", else the check is inconclusive
    And "sub" is sent "with" on "bom/\ufeffa"
    And "sub" is sent no copy of "without"

  @MQTT-4.7.3-1
  Scenario: an empty topic filter is not granted
    Given "device" is connected on a raw socket
    When "device" subscribes on its raw socket to the empty topic filter
    Then the broker does not grant the last filter "device" subscribed to
