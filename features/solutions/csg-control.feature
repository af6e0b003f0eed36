@solutions
Feature: Unified control of Cloud Storage Gateway instances
  CSG instances run in customer data centres and on cloud VMs, with no address the console could
  reach. They connect out to MQTT, and the console controls them only through it: commands are remote
  calls with a request ID and a reply topic, or marked "noreply" when nothing comes back. An instance
  keeps no session, so it never receives an earlier command again; when a command fails, the console
  asks the user to issue it again. The console collects instance status by push and by active pull.

  Background:
    Given the CSG console is running
    And CSG instance csg-hz-1 in cn-hangzhou is connected
    And CSG instance csg-sh-1 in cn-shanghai is connected

  @CSG-1 @CSG-2 @CSG-3
  Scenario: the console changes an instance's cache size and gets the result back
    When the console asks csg-hz-1 to set its cache size to 200 GB
    Then csg-hz-1 carries out the command
    And the console shows the command to csg-hz-1 as succeeded

  @CSG-3
  Scenario: a command without a return value gets no reply
    When the console tells csg-sh-1 to flush its cache, expecting no reply
    Then csg-sh-1 carries out the command
    And csg-sh-1 sends no reply

  @CSG-3
  Scenario: an error code makes the console ask for the command again, and re-issuing works
    Given csg-hz-1 will answer its next command with the error code GatewayBusy
    When the console asks csg-hz-1 to set its cache size to 200 GB
    Then the console asks the user to re-issue the command to csg-hz-1
    When the user re-issues the command to csg-hz-1
    Then csg-hz-1 carries out the command
    And the console shows the command to csg-hz-1 as succeeded

  @CSG-3 @CSG-4 @QCS-2
  Scenario: after a reconnect an instance never receives a command sent while it was away
    Given csg-hz-1 loses its connection
    When the console asks csg-hz-1 to set its cache size to 500 GB
    And csg-hz-1 reconnects
    And the console pulls the status of csg-hz-1
    Then the console shows the status of csg-hz-1, collected by pull
    And csg-hz-1 never received the command sent while it was away

  @CSG-2
  Scenario: instance status reaches the console by push and by pull
    When the cache usage of csg-sh-1 reaches 85 %
    Then the console shows csg-sh-1 with cache usage 85 %, collected by push
    When the console pulls the status of csg-hz-1
    Then the console shows the status of csg-hz-1, collected by pull

  @TOP-4 @CSG-5 @CID-6 @TOP-3 @CID-2
  Scenario: commands go down and results come up under different parent topics
    When the console pulls the status of csg-sh-1
    Then the console shows the status of csg-sh-1, collected by pull
    And the CSG topic plan uses different parent topics for uplink and downlink
    And the CSG topic plan uses different parent topics for different task types
    And the CSG topic plan uses different parent topics for very different priority or volume
    And every topic and client ID the CSG system used fits the profile's limits
