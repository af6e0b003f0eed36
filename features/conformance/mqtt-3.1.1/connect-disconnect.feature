@MQTT-3.1.1
Feature: DISCONNECT discards the will
  On a DISCONNECT the server discards the connection's will without publishing it [MQTT-3.14.4-3],
  whatever its QoS and retain flag: a subscriber receives nothing, and a retained will does not
  become the retained message of its topic.

  @MQTT-3.14.4-3
  Scenario Outline: a will at QoS <qos> is not published after DISCONNECT
    Given "watcher" is connected
    And "watcher" subscribes to "ap/7/presence" at QoS 2
    And "watcher" holds its subscription at QoS 0 or above, else the check is inconclusive
    And "ap" is connected with the will "offline" on "ap/7/presence" at QoS <qos>
    When "ap" disconnects
    Then "watcher" receives nothing on "ap/7/presence"

    Examples:
      | qos |
      | 0   |
      | 1   |
      | 2   |

  @MQTT-3.14.4-3
  Scenario: a retained will is neither published nor retained after DISCONNECT
    Given "watcher" is connected
    And "watcher" subscribes to "ap/8/presence" at QoS 1
    And "watcher" holds its subscription at QoS 0 or above, else the check is inconclusive
    And "ap" is connected with the retained will "offline" on "ap/8/presence"
    When "ap" disconnects
    Then "watcher" receives nothing on "ap/8/presence"
    When "late" is connected
    And "late" subscribes to "ap/8/presence" at QoS 1
    Then "late" receives nothing on "ap/8/presence"
