@MQTT-3.1.1
Feature: Client identifiers every server handles the same way
  A server accepts any client ID of 1 to 23 characters from 0-9a-zA-Z [MQTT-3.1.3-5]; it may refuse
  an empty one (with CONNACK 0x02 [MQTT-3.1.3-9]), but one it accepts gets a unique ID of its own
  [MQTT-3.1.3-6]; and a CONNECT with the client ID of a connected client disconnects that client
  [MQTT-3.1.4-2]. Under a profile that narrows client IDs (aliyun: CID-1, CID-4, CID-5) these are not
  applicable; its CID scenarios judge client IDs instead.

  @MQTT-3.1.3-5 @any-client-id
  Scenario Outline: a client ID of <length> characters from 0-9a-zA-Z is accepted
    When "device" connects with a client ID of <length> characters from 0-9a-zA-Z
    Then the broker accepts the CONNECT of "device"

    Examples:
      | length |
      | 1      |
      | 23     |

  @MQTT-3.1.3-6 @MQTT-3.1.3-9 @any-client-id
  Scenario: two clients with a zero-length client ID and cleanSession 1 do not take each other over
    When "first" connects with a zero-length client ID and cleanSession 1
    And "second" connects with a zero-length client ID and cleanSession 1
    Then the broker keeps "first" and "second" apart, or refuses an empty client ID with CONNACK 0x02

  @MQTT-3.1.4-2 @takeover
  Scenario Outline: a CONNECT with the client ID of a connected client disconnects it (<session> session)
    Given "device" is online
    When "twin" takes over the client ID of "device" with a <session> session
    Then the broker accepts "twin" and disconnects "device"

    Examples:
      | session    |
      | clean      |
      | persistent |
