@MQTT-3.1.1 @needs-websocket
Feature: MQTT over WebSocket
  MQTT 3.1.1 chapter 6, judged on the target's WebSocket endpoint at the frame level (the harness's own
  frames, not a client library's): the server selects the subprotocol "mqtt", MQTT travels in binary
  frames only, and packets need not line up with frames. A target that serves no MQTT over WebSocket
  (no ws:// URL, no WebSocket endpoint) makes these scenarios not applicable.

  @MQTT-6.0.0-4
  Scenario: the opening handshake offering "mqtt" gets "mqtt" back
    When "device" opens a WebSocket offering the subprotocol "mqtt"
    Then the broker selects and returns the subprotocol "mqtt" to "device"

  @MQTT-6.0.0-1
  Scenario: a CONNECT in a text frame makes the broker close the connection
    When "device" sends its CONNECT in a text frame
    Then the broker closes the WebSocket connection of "device"

  @MQTT-6.0.0-2
  Scenario: a CONNECT split over three binary frames is read
    When "device" sends its CONNECT split over 3 binary frames
    Then "device" gets a CONNACK over the WebSocket

  @MQTT-6.0.0-2
  Scenario: a CONNECT and a PINGREQ in one binary frame are both answered
    When "device" sends its CONNECT and a PINGREQ in one binary frame
    Then "device" gets CONNACK 0 and a PINGRESP over the WebSocket

  @MQTT-6.0.0-2
  Scenario: a QoS 1 PUBLISH sent one binary frame per byte is acknowledged
    Given "listener" is connected over the WebSocket
    And "listener" subscribes over the WebSocket to the scenario topic
    And "sender" is connected over the WebSocket
    When "sender" publishes at QoS 1 to the scenario topic one binary frame per byte
    Then "sender" gets a PUBACK over the WebSocket
    And whether the message of "sender" reaches "listener" is recorded
