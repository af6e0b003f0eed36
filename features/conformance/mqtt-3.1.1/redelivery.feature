@MQTT-3.1.1
Feature: Re-sending after a reconnect
  When a client comes back with cleanSession=0, the server sends again what the client had not
  acknowledged [MQTT-4.4.0-1]: each PUBLISH with DUP=1 [MQTT-3.3.1-1] and its original packet ID, each
  PUBREL with its packet ID, in the order of the originals [MQTT-4.6.0-1]. The subscriber withholds an
  acknowledgement, then leaves with a DISCONNECT or with its socket dying.

  @MQTT-4.4.0-1 @MQTT-3.3.1-1
  Scenario Outline: a QoS <qos> PUBLISH left without <ack> is re-sent with DUP=1 and its packet ID after <how>
    Given "sub" is online with cleanSession=false and a QoS <qos> subscription to "orders/<qos>"
    And "sub" withholds its <ack>
    When "pub" sends "order <qos>" to "orders/<qos>" at QoS <qos>
    And <leaving>
    And "sub" acknowledges normally again
    And "sub" comes back with cleanSession=false
    Then "sub" is sent "order <qos>" again with the DUP flag set and its packet ID

    Examples:
      | qos | ack    | how          | leaving                                    |
      | 1   | PUBACK | a DISCONNECT | "sub" goes away with a DISCONNECT          |
      | 1   | PUBACK | a dead socket | "sub"'s socket dies without a DISCONNECT  |
      | 2   | PUBREC | a DISCONNECT | "sub" goes away with a DISCONNECT          |
      | 2   | PUBREC | a dead socket | "sub"'s socket dies without a DISCONNECT  |

  @MQTT-4.4.0-1
  Scenario Outline: a PUBREL left without PUBCOMP is re-sent with its packet ID after <how>
    Given "sub" is online with cleanSession=false and a QoS 2 subscription to "payments"
    And "sub" withholds its PUBCOMP
    When "pub" sends "payment" to "payments" at QoS 2
    And <leaving>
    And "sub" acknowledges normally again
    And "sub" comes back with cleanSession=false
    Then "sub" is sent the PUBREL of "payment" again with its packet ID

    Examples:
      | how           | leaving                                   |
      | a DISCONNECT  | "sub" goes away with a DISCONNECT         |
      | a dead socket | "sub"'s socket dies without a DISCONNECT  |

  @MQTT-4.6.0-1
  Scenario Outline: unacknowledged QoS <qos> messages are re-sent in their original order
    Given "sub" is online with cleanSession=false and a QoS <qos> subscription to "queue/<qos>"
    And "sub" withholds its <ack>
    When "pub" sends "first" to "queue/<qos>" at QoS <qos>
    And "pub" sends "second" to "queue/<qos>" at QoS <qos>
    And "pub" sends "third" to "queue/<qos>" at QoS <qos>
    And "sub"'s socket dies without a DISCONNECT
    And "sub" acknowledges normally again
    And "sub" comes back with cleanSession=false
    Then "sub" is sent "first", "second" and "third" again in that order

    Examples:
      | qos | ack    |
      | 1   | PUBACK |
      | 2   | PUBREC |
