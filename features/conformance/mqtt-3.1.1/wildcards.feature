@MQTT-3.1.1
Feature: Topic wildcards
  `#` matches a level and everything below it, including the parent level itself; `+` matches
  exactly one level, which may be empty; neither matches topics that start with `$`.
  The matching process itself is described non-normatively (section 4.7.1). A message that matches a
  filter and is not delivered breaks [MQTT-4.5.0-1] (a message the server owns goes to every client
  with a matching subscription); a message sent on a topic the filter does not match breaks
  [MQTT-3.3.2-3] (a topic name the server sends matches the subscription's filter). The filter-syntax
  rules [MQTT-4.7.1-2/-3] are checked with malformed filters in malformed-packets.feature. A refused
  subscription is lawful: the check is then inconclusive.

  @MQTT-4.5.0-1
  Scenario Outline: "<filter>" matches "<topic>"
    Given "sub" is connected
    And "pub" is connected
    When "sub" subscribes to "<filter>" at QoS 1
    Then "sub" holds its subscription at QoS 0 or above, else the check is inconclusive
    When "pub" publishes "m" to "<topic>" at QoS 1, which the broker must accept
    Then "sub" receives "m" on "<topic>"

    Examples: the multi-level wildcard
      | filter         | topic              |
      | sport/#        | sport              |
      | sport/#        | sport/tennis       |
      | sport/#        | sport/tennis/final |
      | sport/#        | sport/a/b/c/d/e    |
      | sport/tennis/# | sport/tennis       |
      | sport/tennis/# | sport/tennis/x/y   |
      | sport/+/#      | sport/tennis       |
      | sport/+/#      | sport/tennis/final |
      | sport/#        | sport/             |
      | sport/#        | sport//            |

    Examples: the single-level wildcard
      | filter         | topic              |
      | sport/+        | sport/             |
      | sport/+/player | sport/tennis/player |
      | sport/+/player | sport//player      |
      | sport/+/+      | sport/tennis/final |
      | sport/+/+      | sport//            |
      | +/tennis       | sport/tennis       |

    Examples: empty levels match as written
      | filter         | topic              |
      | sport//player  | sport//player      |
      | sport/         | sport/             |
      | sport//        | sport//            |

  # [MQTT-3.8.3-2]: a server without wildcard support refuses wildcard filters (SUBACK 0x80: lawful, and
  # the check is inconclusive); one it grants, it honours. Granted QoS 0 the message may be lost, so a grant
  # of QoS 1 is needed; "control", on the topic itself, shows the broker delivers the message at all. A
  # granted filter not honoured is also a matching message not delivered: [MQTT-4.5.0-1] above fails with it.
  @MQTT-3.8.3-2
  Scenario Outline: a granted wildcard filter "<filter>" is honoured
    Given "sub" is connected
    And "control" is connected
    And "pub" is connected
    When "sub" subscribes to "<filter>" at QoS 1
    Then "sub" holds its subscription at QoS 1 or above, else the check is inconclusive
    When "control" subscribes to "<topic>" at QoS 1
    And "pub" publishes "m" to "<topic>" at QoS 1, which the broker must accept
    Then "control" receives "m" on "<topic>", else the check is inconclusive
    And "sub" receives "m" on "<topic>" through the wildcard filter it was granted

    Examples:
      | filter    | topic              |
      | sport/+   | sport/tennis       |
      | sport/#   | sport/tennis/final |
      | +/+/final | sport/tennis/final |

  # [MQTT-3.3.2-3]: what the server sends on a subscription matches its filter.
  @MQTT-3.3.2-3
  Scenario Outline: "<filter>" does not match "<topic>"
    Given "sub" is connected
    And "pub" is connected
    When "sub" subscribes to "<filter>" at QoS 1
    And "pub" publishes "m" to "<topic>" at QoS 1
    Then "sub" receives nothing on "<topic>"

    Examples:
      | filter         | topic                  |
      | sport/+        | sport                  |
      | sport/+        | sport/tennis/final     |
      | sport/+/player | sport/tennis/coach     |
      | sport/tennis/# | sport                  |
      | sport/tennis/# | sport/tennisx          |
      | sport/+/#      | sport                  |
      | sport//player  | sport/player           |
      | sport/player   | sport//player          |
      | sport/         | sport                  |
      | sport          | sport/                 |
      | sport/+/+      | sport/tennis           |

  # [MQTT-4.7.2-1]; the control subscriber "ops" proves the "$" message is delivered at all (a server
  # MAY refuse "$" topics to clients): without it, silence on "#" says nothing.
  @MQTT-4.7.2-1 @broker-wide
  Scenario: "#" does not match a topic that starts with "$"
    Given "everything" is connected
    And "ops" is connected
    And "pub" is connected
    When "everything" subscribes to the broker-wide filter "#" at QoS 0
    And "ops" subscribes to "$ops/#" at QoS 0
    And "pub" publishes "m" to "$ops/health" at QoS 0
    Then "ops" receives "m" on "$ops/health", else the check is inconclusive
    And "everything" receives no message on a topic that starts with "$"

  @MQTT-4.7.2-1 @broker-wide
  Scenario: "+/..." does not match a topic that starts with "$"
    Given "levels" is connected
    And "ops" is connected
    And "pub" is connected
    When "levels" subscribes to the broker-wide filter "+/#" at QoS 0
    And "ops" subscribes to "$ops/#" at QoS 0
    And "pub" publishes "m" to "$ops/health" at QoS 0
    Then "ops" receives "m" on "$ops/health", else the check is inconclusive
    And "levels" receives no message on a topic that starts with "$"
