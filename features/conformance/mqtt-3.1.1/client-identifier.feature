@MQTT-3.1.1
Feature: Client identifier edge cases
  Sent with the raw probe client, because client libraries refuse to send these CONNECTs at all.

  @MQTT-3.1.3-8
  Scenario: an empty client ID with a persistent session is refused
    When "device" connects with an empty client ID and a persistent session
    Then the broker refuses the client ID of "device"
