@solutions
Feature: Electronic price tags in stores, through smart APs
  Each store has a few smart APs and many electronic price tags. Tags are not MQTT clients: they poll
  their AP over a short-range radio, report what they show and their battery, and pick up new prices.
  The APs connect over MQTT: they relay status reports up to the price-tag service and receive price
  changes point-to-point. Price changes are real time, so an AP does not get tasks that were pushed
  while it was offline; the service sees such a task unacknowledged and can re-issue it.

  @ESL-1
  Scenario: the price-tag service knows which tags are online
    Given a store with 2 smart APs and 20 price tags
    Then the price-tag service sees 20 tags online
    When the battery of tag T-3 runs out
    Then the price-tag service sees 19 tags online, without T-3

  @ESL-2 @ESL-6
  Scenario: a price change reaches the tag and is acknowledged
    Given a store with 2 smart APs and 20 price tags
    When the price of tag T-7 changes to 12.50
    Then the tag shows 12.50 within 5 s and the task is acknowledged
    And the task log shows the task for T-7 requested, delivered and acknowledged

  @ESL-3 @ESL-6 @QCS-2
  Scenario: a price change sent while the AP was offline is not delivered later, and is re-issued
    Given a store with 2 smart APs and 20 price tags
    And the smart AP of tag T-12 goes offline
    When the price of tag T-12 changes to 7.49
    And the smart AP of tag T-12 comes back online
    Then the price-tag service sees the task for T-12 still requested, not acknowledged
    And tag T-12 still shows 9.99
    When the price-tag service re-issues the task for T-12
    Then tag T-12 shows 7.49 within 5 s and the task is acknowledged
    And the smart AP of tag T-12 took the price change only once
    And the task log shows the task for T-12 requested, re-issued, delivered and acknowledged

  @TOP-4 @ESL-4 @CID-6 @TOP-3 @CID-2
  Scenario: price changes and status reports travel under different parent topics
    Given a store with 2 smart APs and 20 price tags
    When the price of tag T-15 changes to 3.20
    Then tag T-15 shows 3.20 within 5 s and the task is acknowledged
    And the price-tag topic plan uses different parent topics for different task types
    And the price-tag topic plan uses different parent topics for uplink and downlink
    And the price-tag topic plan uses different parent topics for very different priority or volume
    And every topic and client ID the price-tag system used fits the profile's limits
