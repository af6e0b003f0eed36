@MQTT-3.1.1
Feature: Sessions: kept, resumed, started afresh, owned by one client ID
  A session is the state the server keeps for one client ID [MQTT-3.1.3-2]: its subscriptions and the
  QoS 1 and QoS 2 messages queued while a cleanSession=0 client is away [MQTT-3.1.2-5], kept for as long
  as the session lasts [MQTT-4.1.0-1] and at least while the connection is open [MQTT-4.1.0-2]. A CONNECT
  resumes it or starts a new one as its cleanSession flag says [MQTT-3.1.4-3]. Subscribers are raw-packet
  probes, so every judgement is on the PUBLISH and CONNACK packets as they came. A refused or downgraded
  subscription is lawful [MQTT-3.9.3]: a check that needs it is inconclusive. The CONNACK session-present
  flag is recorded here, never judged: [MQTT-3.2.2-1/-2/-3] judge it in their own scenarios.

  # "after the return" shows the session was resumed at all (its kept subscription delivers); without it
  # the check is inconclusive, as a session not resumed is [MQTT-3.1.4-3]'s failure.
  @MQTT-3.1.2-5
  Scenario Outline: a QoS <qos> message for a persistent subscriber away after <how> is kept and sent on its return
    Given "sub" is online with cleanSession=false and a QoS <qos> subscription to "kept/<qos>"
    When <leaving>
    And "pub" sends "kept while away" to "kept/<qos>" at QoS <qos>
    And "sub" comes back with cleanSession=false
    And "pub" sends "after the return" to "kept/<qos>" at QoS <qos>
    Then "sub" is sent "kept while away", which its session kept while it was away

    Examples:
      | qos | how           | leaving                                  |
      | 1   | a DISCONNECT  | "sub" goes away with a DISCONNECT        |
      | 1   | a dead socket | "sub"'s socket dies without a DISCONNECT |

    # Under aliyun QCS-4 rules a kept QoS 2 session out; the @QCS-4 examples judge that cell.
    @persistent-qos2-session
    Examples: QoS 2
      | qos | how           | leaving                                  |
      | 2   | a DISCONNECT  | "sub" goes away with a DISCONNECT        |
      | 2   | a dead socket | "sub"'s socket dies without a DISCONNECT |

    # A server MAY keep QoS 0 messages too: what it did is recorded, never failed.
    Examples: QoS 0, recorded only
      | qos | how           | leaving                                  |
      | 0   | a DISCONNECT  | "sub" goes away with a DISCONNECT        |

  # When "DEVICE" was sent nothing, "device" comes back as the control: it must get the message, else the
  # broker kept nothing to give away and the check is inconclusive.
  @MQTT-3.1.3-2
  Scenario Outline: another client ID gets no part of a persistent session left after <how>
    Given "device" is online with cleanSession=false and a QoS 1 subscription to "mine"
    When <leaving>
    And "pub" sends "for device only" to "mine" at QoS 1
    And "DEVICE", a client ID new to the broker, connects with cleanSession=false
    Then "DEVICE" gets a session of its own, without "for device only" queued for "device"

    Examples:
      | how           | leaving                                     |
      | a DISCONNECT  | "device" goes away with a DISCONNECT        |
      | a dead socket | "device"'s socket dies without a DISCONNECT |

  @MQTT-3.1.4-3
  Scenario Outline: a CONNECT with cleanSession=0 after <how> resumes the session
    Given "sub" is online with cleanSession=false and a QoS 1 subscription to "resume"
    When <leaving>
    And "sub" comes back with cleanSession=false
    And "pub" sends "on the kept subscription" to "resume" at QoS 1
    Then "sub" resumed its session: "on the kept subscription" is sent on its kept subscription

    Examples:
      | how           | leaving                                  |
      | a DISCONNECT  | "sub" goes away with a DISCONNECT        |
      | a dead socket | "sub"'s socket dies without a DISCONNECT |

  @MQTT-3.1.4-3
  Scenario Outline: a CONNECT with cleanSession=1 after <how> starts a new session
    Given "sub" is online with cleanSession=false and a QoS 1 subscription to "fresh"
    When <leaving>
    And "sub" comes back with cleanSession=true
    And "pub" sends "on the old subscription" to "fresh" at QoS 1
    Then "sub" started a new session: "on the old subscription" is not sent

    Examples:
      | how           | leaving                                  |
      | a DISCONNECT  | "sub" goes away with a DISCONNECT        |
      | a dead socket | "sub"'s socket dies without a DISCONNECT |

  # One session over three connections: the subscription of the first still delivers on the third, and
  # what was queued during the second absence is kept. A broker that does not resume a session after a
  # dead socket breaks [MQTT-3.1.4-3] and this statement at once: the overlap is in the statements.
  @MQTT-4.1.0-1
  Scenario: a persistent session keeps its state across several connections
    Given "sub" is online with cleanSession=false and a QoS 1 subscription to "life"
    When "sub" goes away with a DISCONNECT
    And "sub" comes back with cleanSession=false
    And "sub"'s socket dies without a DISCONNECT
    And "pub" sends "queued in the second absence" to "life" at QoS 1
    And "sub" comes back with cleanSession=false
    And "pub" sends "on the third connection" to "life" at QoS 1
    Then "sub" still holds its session state: "queued in the second absence" and "on the third connection" are sent on this connection

  @MQTT-4.1.0-2
  Scenario Outline: a cleanSession=<clean> session lasts while its connection is open
    Given "sub" is online with cleanSession=<clean> and a QoS 1 subscription to "open"
    When "sub" stays connected and silent for 2 seconds
    And "pub" sends "still subscribed" to "open" at QoS 1
    Then "sub" is sent "still subscribed" on the subscription its open connection still holds

    Examples:
      | clean |
      | true  |
      | false |

  # [MQTT-4.6.0-4] as the server must keep it when it is the sender of QoS 2 messages: the subscriber
  # holds back its PUBRECs for three in-flight messages, then sends them in one write. In the "reversed"
  # example the client deliberately sends its PUBRECs out of the PUBLISH order, so only it tells a server
  # that follows the PUBRECs from one that releases in packet-ID or PUBLISH order; "in order" is the
  # everyday case, where both orders agree.
  @MQTT-4.6.0-4
  Scenario Outline: the server sends its PUBRELs in the order of the PUBRECs, <order>
    Given "sub" is online with cleanSession=true and a QoS 2 subscription to "rel"
    And "sub" withholds its PUBREC
    When "pub" sends "first" to "rel" at QoS 2
    And "pub" sends "second" to "rel" at QoS 2
    And "pub" sends "third" to "rel" at QoS 2
    And "sub" sends its withheld PUBRECs in one go, <order>
    Then "sub" is sent the PUBRELs in the order of its PUBRECs

    Examples:
      | order    |
      | reversed |
      | in order |
