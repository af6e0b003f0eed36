@aliyun @P2P @needs-p2p
Feature: Point-to-point (P2P) messages
  A P2P message names its one target client by client ID in the topic `<parent>/p2p/<clientId>` (the
  format comes from the profile, P2P-2) and reaches that client alone, which needs no subscription
  (P2P-1). When the target is offline, the sender's cleanSession decides whether the message waits
  (QCS-5). From the MQ side a P2P message may set `cleansessionflag` (default true) and `mqttRealTopic`,
  the topic the client sees (P2P-3, MQM-4, MQM-6).
  How P2P reaches a client is the target's P2P mode, shown in the report: `native` (the reference
  broker), `auto-subscribe` (e.g. EMQX), or `client` (`--p2p client`: each device subscribes to its own
  P2P topic — then the broker-side rules, tagged @needs-broker-p2p, are not applicable).

  @P2P-2
  Scenario: a message to <parent>/p2p/<clientId> reaches that client and no other device
    Given "alice" is online as a P2P sender with cleanSession true
    And "bob" is online as a P2P receiver
    And "carol" is online as a P2P receiver
    When "alice" sends the P2P message "hi bob" to "bob" at QoS 1
    Then "bob" receives the P2P message "hi bob" exactly once
    And "carol" does not receive the P2P message "hi bob"

  @P2P-1 @needs-broker-p2p
  Scenario: the target receives a P2P message without any subscription of its own
    Given "alice" is online as a P2P sender with cleanSession true
    And "bob" is online as a P2P receiver
    When "alice" sends the P2P message "no subscription needed" to "bob" at QoS 1
    Then "bob" receives the P2P message "no subscription needed" exactly once

  @P2P-1 @needs-broker-p2p
  Scenario: a P2P message reaches only its target, not a client subscribed to every topic of the parent
    Given "alice" is online as a P2P sender with cleanSession true
    And "bob" is online as a P2P receiver
    And "eve" subscribes to everything under the parent topic
    When "alice" sends the P2P message "for bob only" to "bob" at QoS 1
    Then "bob" receives the P2P message "for bob only"
    And "eve" does not receive the P2P message "for bob only"

  @QCS-5 @P2P-1 @needs-broker-p2p
  Scenario: a cleanSession=false sender's P2P message waits for an offline target with cleanSession=true
    Given "alice" is online as a P2P sender with cleanSession false
    And "bob" is online as a P2P receiver with cleanSession true
    When "bob" goes offline from P2P
    And "alice" sends the P2P message "while you were away" to "bob" at QoS 1
    And "bob" is online as a P2P receiver with cleanSession true
    Then "bob" receives the P2P message "while you were away"

  @QCS-5 @needs-broker-p2p
  Scenario: a cleanSession=true sender's P2P message does not wait for an offline target with cleanSession=false
    Given "alice" is online as a P2P sender with cleanSession true
    And "bob" is online as a P2P receiver with cleanSession false
    When "bob" goes offline from P2P
    And "alice" sends the P2P message "gone" to "bob" at QoS 1
    And "bob" is online as a P2P receiver with cleanSession false
    Then "bob" does not receive the P2P message "gone"

  @P2P-3 @MQM-4 @QCS-5 @MQM @needs-mq @needs-broker-p2p
  Scenario: a P2P message from MQ with cleansessionflag false waits for an offline target
    Given the MQ side consumes the MQ topic of the parent topic
    And "bob" is online as a P2P receiver with cleanSession true
    When "bob" goes offline from P2P
    And the MQ side sends the P2P message the text "queued for bob" to "bob" with cleansessionflag false
    And "bob" is online as a P2P receiver with cleanSession true
    Then "bob" receives the P2P message "queued for bob"

  @P2P-3 @MQM-4 @QCS-5 @MQM @needs-mq @needs-broker-p2p
  Scenario: a P2P message from MQ without cleansessionflag (default true) does not wait for an offline target
    Given the MQ side consumes the MQ topic of the parent topic
    And "bob" is online as a P2P receiver with cleanSession false
    When "bob" goes offline from P2P
    And the MQ side sends the P2P message the text "not kept" to "bob"
    And "bob" is online as a P2P receiver with cleanSession false
    Then "bob" does not receive the P2P message "not kept"

  @P2P-3 @P2P-1 @needs-mq @needs-broker-p2p
  Scenario: a P2P message from MQ reaches its target on the fixed P2P topic
    Given the MQ side consumes the MQ topic of the parent topic
    And "bob" is online as a P2P receiver
    And "eve" subscribes to everything under the parent topic
    When the MQ side sends the P2P message the text "from the back end" to "bob"
    Then "bob" receives the P2P message "from the back end" exactly once
    And "eve" does not receive the P2P message "from the back end"

  @P2P-3 @MQM-6 @MQM @needs-mq @needs-broker-p2p
  Scenario: mqttRealTopic sets the topic the P2P target sees
    Given the MQ side consumes the MQ topic of the parent topic
    And "bob" is online as a P2P receiver
    When the MQ side sends the P2P message the text "invitation" to "bob" with mqttRealTopic "calls/invite"
    Then "bob" receives the P2P message "invitation" on "calls/invite"
