@MQTT-3.1.1
Feature: A PUBLISH the server does not authorize
  MQTT 3.1.1 has no negative acknowledgement: a PUBLISH the server does not authorize is acknowledged
  as its QoS requires, as if accepted, or answered by closing the network connection [MQTT-3.3.5-2].
  Which topics a broker authorizes is its own configuration, so the check needs one it denies: the
  profile config's deniedPublishTopic, or the one a target the harness configures denies itself
  (embedded in standard mode, process:mosquitto's ACL); without one it is not applicable. Under the
  aliyun profile the parent-topic provisioning (TOP-2) gives one too.

  @MQTT-3.3.5-2 @needs-denied-publish-topic
  Scenario Outline: a QoS <qos> PUBLISH to a topic the broker does not authorize is acknowledged or closed
    # A broker that delivers the PUBLISH authorizes the topic after all: inconclusive, never a pass.
    Given "listener" subscribes to the topic the broker does not authorize
    And "sender" is online
    When "sender" publishes at QoS <qos> to the topic the broker does not authorize
    Then the unauthorized message of "sender" does not reach "listener", else the check is inconclusive
    And the broker acknowledges the PUBLISH of "sender" as its QoS requires, or closes the connection

    Examples:
      | qos |
      | 1   |
      | 2   |

  # Inconclusive on a broker that grants a subscription under a parent topic nobody provisioned (it
  # refuses nothing the check could send).
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
