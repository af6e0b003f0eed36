@MQTT-3.1.1
Feature: CONNECT and CONNACK
  A client opens a session with CONNECT; the broker's first packet back is CONNACK, which says
  whether the broker kept a session for the client.

  @MQTT-3.2.0-1 @MQTT-3.2.2-1
  Scenario: a clean session is accepted without a session present
    When "phone" connects with a clean session
    Then the broker accepts "phone" with no session present

  @MQTT-3.2.2-3
  Scenario: a first persistent session is accepted without a session present
    When "phone" connects with a persistent session
    Then the broker accepts "phone" with no session present

  # [MQTT-3.2.2-2] judges only the flag in CONNACK; whether the session itself came back is [MQTT-3.1.2-4].
  @MQTT-3.2.2-2
  Scenario: a persistent session is resumed with its session present
    Given "phone" is connected with a persistent session
    And "phone" subscribes to "calls/phone" at QoS 1
    When "phone" disconnects
    And "phone" connects with a persistent session
    Then the broker accepts "phone" with its session present

  # [MQTT-3.1.2-4] the stored session is resumed: its subscription delivers without a new SUBSCRIBE.
  # The session-present flag is not looked at here; it is [MQTT-3.2.2-2]'s, above.
  @MQTT-3.1.2-4
  Scenario: a resumed persistent session keeps its subscription
    Given "phone" is connected with a persistent session
    And "pub" is connected
    And "phone" subscribes to "calls/phone" at QoS 1
    When "phone" disconnects
    And "phone" connects with a persistent session
    Then the broker accepts "phone"
    When "pub" publishes "ring" to "calls/phone" at QoS 1
    Then "phone" receives "ring" on "calls/phone"

  @MQTT-3.1.2-6 @MQTT-3.2.2-1
  Scenario: a clean session discards the earlier session
    Given "phone" is connected with a persistent session
    And "phone" subscribes to "calls/phone" at QoS 1
    When "phone" disconnects
    And "phone" connects with a clean session
    Then the broker accepts "phone" with no session present
