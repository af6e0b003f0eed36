@MQTT-3.1.1
Feature: Last will
  The broker publishes a client's will when the connection ends without DISCONNECT, and discards it
  when the client disconnects properly.

  @MQTT-3.1.2-8
  Scenario: the will is published when the connection drops
    Given "watcher" is connected
    And "watcher" subscribes to "ap/9/presence" at QoS 1
    And "watcher" holds its subscription at QoS 0 or above, else the check is inconclusive
    And "ap" is connected with the will "offline" on "ap/9/presence"
    When "ap"'s connection drops without a DISCONNECT
    Then "watcher" receives "offline" on "ap/9/presence"

  @MQTT-3.1.2-10
  Scenario: the will is discarded on a clean DISCONNECT
    Given "watcher" is connected
    And "watcher" subscribes to "ap/9/presence" at QoS 1
    And "ap" is connected with the will "offline" on "ap/9/presence"
    When "ap" disconnects
    Then "watcher" receives nothing on "ap/9/presence"

  # A control watcher proves the will was published before the later subscriber arrives.
  @MQTT-3.1.2-17
  Scenario: a will with Will Retain set is retained for later subscribers
    Given "watcher" is connected
    And "watcher" subscribes to "ap/5/presence" at QoS 1
    And "ap" is connected with the retained will "gone" on "ap/5/presence"
    When "ap"'s connection drops without a DISCONNECT
    Then "watcher" receives "gone" on "ap/5/presence", else the check is inconclusive
    Given "late" is connected
    When "late" subscribes to "ap/5/presence" at QoS 1
    Then "late" receives "gone" on "ap/5/presence" with the retain flag set

  @MQTT-3.1.2-16
  Scenario: a will without Will Retain is not retained
    Given "watcher" is connected
    And "watcher" subscribes to "ap/6/presence" at QoS 1
    And "ap" is connected with the will "gone" on "ap/6/presence"
    When "ap"'s connection drops without a DISCONNECT
    Then "watcher" receives "gone" on "ap/6/presence", else the check is inconclusive
    Given "late" is connected
    When "late" subscribes to "ap/6/presence" at QoS 1
    Then "late" receives nothing on "ap/6/presence"

  # [MQTT-3.1.2-12], with [MQTT-3.1.2-10] behind it: the will of the first connection was published and
  # removed, so the second connection, which has none, leaves nothing behind.
  @MQTT-3.1.2-12
  Scenario: a connection without a will publishes none, also after an earlier connection's will was published
    Given "watcher" is connected
    And "watcher" subscribes to "ap/7/presence" at QoS 1
    And "watcher" holds its subscription at QoS 1 or above, else the check is inconclusive
    And "ap" is connected with the will "offline" on "ap/7/presence"
    When "ap"'s connection drops without a DISCONNECT
    Then "watcher" receives "offline" on "ap/7/presence", else the check is inconclusive
    Given "ap" is connected
    When "ap"'s connection drops without a DISCONNECT
    Then "watcher" receives "offline" on "ap/7/presence" exactly once at QoS 1
