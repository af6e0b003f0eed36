@MQTT-3.1.1
Feature: Client identifier edge cases
  Sent with the raw probe client, because client libraries refuse to send these CONNECTs at all.

  @MQTT-3.1.3-8
  Scenario: an empty client ID with a persistent session is refused
    The server must answer CONNACK 0x02 (identifier rejected) and then close the network connection;
    a close without CONNACK, or another return code, is not what [MQTT-3.1.3-8] asks for.

    When "device" connects with an empty client ID and a persistent session
    Then the broker refuses the client ID of "device"
    And the broker rejects the identifier of "device" with CONNACK 0x02 and closes the connection
