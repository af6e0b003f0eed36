@MQTT-3.1.1
Feature: A PUBLISH the server does not authorize
  MQTT 3.1.1 has no negative acknowledgement: a PUBLISH the server does not authorize is acknowledged
  as its QoS requires, as if accepted, or answered by closing the network connection [MQTT-3.3.5-2].
  The check needs a broker that authorizes by topic: the aliyun profile's parent-topic provisioning
  (TOP-2), so it is not applicable under mqtt-3.1.1, and inconclusive on a broker that grants a
  subscription under a parent topic nobody provisioned (it refuses nothing the check could send).

  @MQTT-3.3.5-2 @aliyun
  Scenario Outline: a QoS <qos> PUBLISH under a parent topic that is not provisioned is acknowledged or closed
    Given "listener" is refused a subscription under a parent topic that is not provisioned, else the check is inconclusive
    And "sender" is online
    When "sender" publishes at QoS <qos> under the parent topic that is not provisioned
    Then the broker acknowledges the PUBLISH of "sender" as its QoS requires, or closes the connection

    Examples:
      | qos |
      | 1   |
      | 2   |
