@MQTT-3.1.1
Feature: Retained messages
  The broker keeps the last retained message of a topic and hands it to every new subscriber. A
  refused or downgraded subscription is lawful [MQTT-3.9.3]: a check that needs it is inconclusive.

  @MQTT-3.3.1-5 @MQTT-3.3.1-6 @MQTT-3.3.1-8
  Scenario: a new subscriber receives the retained message with the retain flag set
    Given "pub" is connected
    And "sub" is connected
    When "pub" publishes the retained message "online" to "ap/42/status" at QoS 1
    And "sub" subscribes to "ap/42/status" at QoS 1
    Then "sub" holds its subscription at QoS 0 or above, else the check is inconclusive
    And "sub" receives "online" on "ap/42/status" with the retain flag set

  @MQTT-3.3.1-9
  Scenario: an established subscriber receives a retained message with the retain flag clear
    Given "pub" is connected
    And "sub" is connected
    When "sub" subscribes to "ap/42/status" at QoS 1
    Then "sub" holds its subscription at QoS 0 or above, else the check is inconclusive
    When "pub" publishes the retained message "online" to "ap/42/status" at QoS 1
    Then "sub" receives "online" on "ap/42/status" with the retain flag clear

  @MQTT-3.3.1-10 @MQTT-3.3.1-11
  Scenario: an empty retained message clears the retained message
    Given "pub" is connected
    And "late" is connected
    When "pub" publishes the retained message "online" to "ap/42/status" at QoS 1
    And "pub" clears the retained message on "ap/42/status"
    And "late" subscribes to "ap/42/status" at QoS 1
    Then "late" receives nothing on "ap/42/status"

  @MQTT-3.3.1-5
  Scenario: a later retained message replaces the earlier one
    Given "pub" is connected
    And "late" is connected
    When "pub" publishes the retained message "12.50" to "tag/7/price" at QoS 1
    And "pub" publishes the retained message "9.99" to "tag/7/price" at QoS 1
    And "late" subscribes to "tag/7/price" at QoS 1
    Then "late" holds its subscription at QoS 1 or above, else the check is inconclusive
    And "late" receives "9.99" on "tag/7/price" with the retain flag set
    And "late" receives "9.99" on "tag/7/price" exactly once at QoS 1
    And "late" does not receive "12.50" on "tag/7/price"
