@solutions
Feature: Audio/video call signalling between phones
  People call each other from the audio/video app on their phones. The app signals over MQTT: a
  meeting request goes up to the control service, which registers the call with the RTC back end and
  sends each participant an invitation point-to-point. Apps are often killed in the background, so
  they keep their session and receive what was sent while they were away, but they never act on a
  message twice or on one that has gone out of date.

  Background:
    Given the RTC control service is running
    And Alice uses the app on an Android phone
    And Bob uses the app on an iPhone

  @RTC-1 @RTC-2 @RTC-3
  Scenario: Alice invites Bob to a meeting and both join
    When Alice requests a meeting with Bob
    Then the control service registers a call from Alice with Bob
    And Alice joins the call
    And Bob joins the call
    And the call is set up with Alice and Bob

  @RTC-1
  Scenario: a meeting request for an unknown account is refused
    When Alice requests a meeting with someone who has no account
    Then the control service refuses Alice's meeting request

  @RTC-4
  Scenario: during a call the host adds a participant, mutes one and ends the call
    Given Carol uses the app on an Android phone
    And Alice and Bob are in a call
    When Alice adds Carol to the call
    Then Carol joins the call
    When Alice mutes Bob
    Then Bob is muted
    When Alice ends the call
    Then the call has ended for Alice, Bob and Carol

  @RTC-5 @QCS-2
  Scenario: Bob's app was killed before the invitation and still joins after relaunch
    Given Bob's app is killed in the background
    When Alice requests a meeting with Bob
    Then Alice joins the call
    And Bob has not joined the call
    When Bob relaunches the app
    Then Bob joins the call
    And the call is set up with Alice and Bob

  @RTC-6
  Scenario: an invitation older than a day is discarded, not acted on
    Given Bob's app is killed in the background
    When Alice requests a meeting with Bob
    And the control service has invited Bob
    And Bob's phone stays offline for 25 hours
    And Bob relaunches the app
    Then Bob discards the invitation as out of date

  @RTC-6
  Scenario: a repeated invitation is acted on only once
    When Alice requests a meeting with Bob
    And Bob joins the call
    And the control service sends Bob's invitation again
    Then Bob ignores the repeated invitation

  @TOP-4 @CID-6 @TOP-3 @CID-2
  Scenario: the signalling topic plan keeps uplink and downlink apart
    When Alice requests a meeting with Bob
    And the call is set up with Alice and Bob
    Then the RTC topic plan uses different parent topics for uplink and downlink
    And the RTC topic plan uses different parent topics for very different priority or volume
    And every topic and client ID the RTC system used fits the profile's limits
