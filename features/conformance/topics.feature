@aliyun
Feature: Topics
  Every topic lives under a parent topic that was provisioned first (TOP-2); a topic, parent and
  subtopics together, is at most as long as the profile declares (TOP-3: 64 characters under
  aliyun); topic levels carry no reserved characters (PUB-3). A message over the payload limit is
  discarded (PUB-1), and a client holds at most the declared number of subscriptions (PUB-2).
  MQTT 3.1.1 has no negative PUBACK, so a refused PUBLISH shows as a message that never arrives.

  @TOP-2
  Scenario: subscribing under a parent topic that is not provisioned is refused
    Given "device" is online
    When "device" subscribes under a parent topic that is not provisioned
    Then the broker refuses the subscription of "device"

  @TOP-2
  Scenario: subscribing under the provisioned parent topic is granted
    Given "device" is online
    When "device" subscribes under the provisioned parent topic
    Then the broker grants the subscriptions of "device"

  @TOP-2
  Scenario: a message published under a parent topic that is not provisioned is not delivered
    "Not delivered" needs someone who could have seen it. A broker that follows TOP-2 refuses the
    listener's `<parent>/#` (and `#`), so no MQTT client can receive such a message; the MQ side then
    watches the MQ topic named like the parent (MQM-1), where an accepted message would go. With no
    granted subscription and no MQ side nothing can observe it, and the scenario ends in an error
    (inconclusive), never a pass.

    Given "listener" listens under a parent topic that is not provisioned
    And "sender" is online
    When "sender" publishes under the parent topic that is not provisioned
    Then the message of "sender" does not reach "listener"

  @TOP-2 @TOP-1
  Scenario: a message published under the provisioned parent topic is delivered
    Given "listener" listens to every topic of the scenario
    And "sender" is online
    When "sender" publishes under the provisioned parent topic
    Then the message of "sender" reaches "listener"

  @TOP-3
  Scenario Outline: subscribing to a topic of <length> <alphabet> characters: the broker <verdict> it
    Given "device" is online
    When "device" subscribes to a topic of <length> <alphabet> characters
    Then the broker <verdict> the subscription of "device"

    Examples:
      | length    | alphabet | verdict |
      | limit     | ASCII    | grants  |
      | limit + 1 | ASCII    | refuses |
      | limit     | 3-byte   | grants  |
      | limit + 1 | 3-byte   | refuses |
      | limit     | 4-byte   | grants  |
      | limit + 1 | 4-byte   | refuses |

  @TOP-3
  Scenario Outline: publishing to a topic of <length> <alphabet> characters: the message <delivery> the listener
    Given "listener" listens to every topic of the scenario
    And "sender" is online
    When "sender" publishes to a topic of <length> <alphabet> characters
    Then the message of "sender" <delivery> "listener"

    Examples:
      | length    | alphabet | delivery       |
      | limit     | ASCII    | reaches        |
      | limit + 1 | ASCII    | does not reach |
      | limit     | 3-byte   | reaches        |
      | limit + 1 | 3-byte   | does not reach |
      | limit     | 4-byte   | reaches        |
      | limit + 1 | 4-byte   | does not reach |

  @PUB-3
  Scenario Outline: subscribing to a topic with "<character>" in a subtopic is refused
    Given "device" is online
    When "device" subscribes to a topic with "<character>" in a subtopic
    Then the broker refuses the subscription of "device"

    Examples:
      | character |
      | :         |
      | ,         |
      | %         |

  @PUB-3
  Scenario Outline: a message published to a topic with "<character>" in a subtopic is not delivered
    Given "listener" listens to every topic of the scenario
    And "sender" is online
    When "sender" publishes to a topic with "<character>" in a subtopic
    Then the message of "sender" does not reach "listener"

    Examples:
      | character |
      | :         |
      | ,         |
      | %         |

  @PUB-1
  Scenario Outline: a payload of <size> bytes: the message <delivery> the listener
    Given "listener" listens to every topic of the scenario
    And "sender" is online
    When "sender" publishes a payload of <size> bytes
    Then the message of "sender" <delivery> "listener"

    Examples:
      | size      | delivery       |
      | limit     | reaches        |
      | limit + 1 | does not reach |

  @PUB-2
  Scenario: as many subscriptions as the limit are all granted
    Given "device" is online
    When "device" subscribes to limit different topics, one SUBSCRIBE each
    Then the broker grants the subscriptions of "device"

  @PUB-2
  Scenario: one subscription over the limit is refused
    Given "device" is online
    When "device" subscribes to limit + 1 different topics, one SUBSCRIBE each
    Then the broker refuses only the last subscription of "device"
