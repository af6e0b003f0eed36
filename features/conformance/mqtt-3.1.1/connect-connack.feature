@MQTT-3.1.1
Feature: CONNACK of a refused CONNECT
  A CONNACK with a non-zero return code says session present 0 [MQTT-3.2.2-4] and is followed by the
  close of the connection [MQTT-3.2.2-5]; nothing the client wrote after a refused CONNECT is
  processed [MQTT-3.1.4-5]. The refusal used is the unsupported protocol level (6), which every
  MQTT 3.1.1 server must refuse with CONNACK 0x01 [MQTT-3.1.2-2].

  @MQTT-3.2.2-4
  Scenario: a refused CONNECT of a client ID with a stored session says no session present
    Given "phone" left a persistent session with a subscription
    When "phone" resumes its session with protocol level 6
    Then the refusing CONNACK to "phone" says no session present

  @MQTT-3.2.2-5
  Scenario: the connection is closed after CONNACK 0x02 to an empty client ID with a persistent session
    When "device" connects with a zero-length client ID and cleanSession 0
    Then the broker closes the connection of "device" after the refusing CONNACK

  @MQTT-3.1.4-5
  Scenario: PUBLISHes written right after a refused CONNECT are not processed
    Given "listener" listens to every topic of the scenario
    When "device" connects with protocol level 6 and PUBLISHes in the same write
    Then the PUBLISH of "device" does not reach "listener"

  # [MQTT-3.2.2-6]: the return codes are those of Table 3.1; a server with none that fits closes the
  # connection without CONNACK. Malformed CONNECTs are where a server might reach for another code.
  @MQTT-3.2.2-6
  Scenario Outline: a CONNECT with <defect> is answered, if at all, with a CONNACK return code from 0 to 5
    When "device" connects with a CONNECT that has <defect>
    Then the CONNACK to "device", if any, carries a return code from 0 to 5

    Examples:
      | defect                                    |
      | the reserved flag set                     |
      | will QoS 3                                |
      | a password without a user name            |
      | U+0000 in the client ID                   |
      | ill-formed UTF-8 (C3 28) in the client ID |

  @MQTT-3.2.2-6
  Scenario: an unsupported protocol level is answered, if at all, with a CONNACK return code from 0 to 5
    When "device" connects with protocol level 6
    Then the CONNACK to "device", if any, carries a return code from 0 to 5

  # [MQTT-3.1.4-4]: a server that goes on serving a connection has accepted its CONNECT, so it owes
  # CONNACK 0; one it refused with a non-zero CONNACK it must close [MQTT-3.2.2-5]. A refusal followed
  # by the close is not judged here (inconclusive).
  @MQTT-3.1.4-4 @MQTT-3.2.2-5
  Scenario Outline: a well-formed CONNECT with keep-alive <keepalive> and cleanSession <clean> is served only after CONNACK 0
    When "device" connects on a raw socket with keep-alive <keepalive> and cleanSession <clean>
    Then the broker answers "device" with CONNACK 0 if it serves the connection

    Examples:
      | keepalive | clean |
      | 60        | 1     |
      | 0         | 1     |
      | 30        | 0     |
