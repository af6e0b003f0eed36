@MQTT-3.1.1
Feature: Overlapping subscriptions
  A message matching several subscriptions of one client reaches it at the highest QoS among them
  (never above the QoS it was published with) [MQTT-3.3.5-1]. Whether it is sent once, or once per
  matching subscription, the standard leaves open: the report records which. The subscriber speaks
  MQTT on a bare socket, so every copy and its QoS is seen as sent; both orders of subscribing are
  tried. A grant below the QoS asked is lawful and makes the check inconclusive.

  @MQTT-3.3.5-1
  Scenario Outline: "<first>" at QoS <q1> then "<second>" at QoS <q2>: a QoS <published> message on "<topic>" is sent at QoS <expected>
    Given "sub" is connected on a raw socket
    And "pub" is connected
    When "sub" subscribes on its raw socket to "<first>" at QoS <q1>
    And "sub" subscribes on its raw socket to "<second>" at QoS <q2>
    Then "sub" holds "<first>" at QoS <q1> or above, else the check is inconclusive
    And "sub" holds "<second>" at QoS <q2> or above, else the check is inconclusive
    When "pub" publishes "m" to "<topic>" at QoS <published>, which the broker must accept
    Then "sub" is sent "m" on "<topic>" at QoS <expected>, once or once per matching subscription

    Examples: both orders
      | first        | q1 | second       | q2 | topic        | published | expected |
      | over/+/price | 0  | over/#       | 1  | over/7/price | 1         | 1        |
      | over/#       | 1  | over/+/price | 0  | over/7/price | 1         | 1        |
      | over/7/price | 0  | over/7/+     | 1  | over/7/price | 1         | 1        |
      | over/7/+     | 1  | over/7/price | 0  | over/7/price | 1         | 1        |

    Examples: QoS 2 and the published QoS as the cap
      | first        | q1 | second       | q2 | topic        | published | expected |
      | over/+/+     | 0  | over/7/price | 2  | over/7/price | 2         | 2        |
      | over/7/price | 2  | over/+/+     | 0  | over/7/price | 2         | 2        |
      | over/#       | 1  | over/7/#     | 2  | over/7/price | 1         | 1        |
