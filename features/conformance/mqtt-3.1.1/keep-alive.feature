@MQTT-3.1.1
Feature: Keep-alive
  A server disconnects a client it has heard nothing from for one and a half times the keep-alive
  [MQTT-3.1.2-24]. The time is measured from the moment the CONNECT was written to the moment the
  socket closed, and judged against 1.5 × keep-alive plus a tolerance of 1 s (timer granularity of
  brokers that count whole seconds, and a loaded machine); the measured figure is in the report.
  An earlier close is recorded, not failed: the statement bounds the wait from above only.

  @MQTT-3.1.2-24
  Scenario Outline: a client silent for 1.5 × a keep-alive of <seconds> s is disconnected
    When "device" connects with a keep-alive of <seconds> seconds and stays silent
    Then the broker disconnects "device" within 1.5 times its keep-alive

    Examples:
      | seconds |
      | 1       |
      | 2       |
