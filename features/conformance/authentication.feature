@aliyun
Feature: Authentication
  With authentication on, a client logs in with an AccessKey (permanent credentials) or a token
  (temporary credentials) (SEC-3), in the form the public docs give (PUB-4): signature — username
  `Signature|<AccessKeyId>|<InstanceId>`, password Base64(HMAC-SHA1(secret, clientId)); token — username
  `Token|<AccessKeyId>|<InstanceId>`, password `R|<token>` (subscribe) or `R|<token>|W|<token>`
  (subscribe and publish), a permission per device login (SEC-2). A refused login is CONNACK 4 or 5;
  the report records which.
  The logins come from the run's credentials (`--profile-config` with `auth`, the secret in the
  environment variable it names); without them these scenarios are not applicable, never passed.

  @PUB-4 @SEC-3 @needs-auth-signature
  Scenario: a client that signs its own client ID with the AccessKey secret is accepted
    When "device" logs in with a valid signature
    Then the broker accepts "device"

  @PUB-4 @SEC-3 @needs-auth-signature
  Scenario Outline: signature authentication refuses a login with <login>
    When "device" logs in with <login>
    Then the broker refuses the login of "device"

    Examples:
      | login                                  |
      | a signature made with another secret   |
      | a signature made for another client ID |
      | an unknown AccessKeyId                 |
      | no credentials                         |

  @PUB-4 @SEC-3 @needs-auth-token
  Scenario: a token login allowed to read and write (R|token|W|token) subscribes and publishes
    When "device" logs in with a read-write token
    Then the broker accepts "device"
    When "device" subscribes to "auth/read-write" at QoS 1
    Then "device" is granted QoS 1
    When "device" publishes "written" to "auth/read-write" at QoS 1
    Then "device" receives "written" on "auth/read-write"

  @PUB-4 @SEC-3 @SEC-2 @needs-auth-token
  Scenario: a token login allowed to read only (R|token) subscribes, but what it publishes reaches no one
    Given "listener" is connected
    And "listener" subscribes to "auth/read-only" at QoS 1
    And "listener" is granted QoS 1
    When "reader" logs in with a read-only token
    Then the broker accepts "reader"
    When "reader" subscribes to "auth/read-only" at QoS 1
    Then "reader" is granted QoS 1
    When "listener" publishes "for the reader" to "auth/read-only" at QoS 1
    Then "reader" receives "for the reader" on "auth/read-only"
    When "reader" tries to publish "from the reader" to "auth/read-only" at QoS 1
    Then "listener" does not receive "from the reader" on "auth/read-only"

  @PUB-4 @SEC-3 @needs-auth-token
  Scenario Outline: token authentication refuses a login with <login>
    When "device" logs in with <login>
    Then the broker refuses the login of "device"

    Examples:
      | login                  |
      | an unknown token       |
      | an unknown AccessKeyId |
      | no credentials         |
