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
