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
