@MQTT-3.1.1
Feature: Keep-alive
  A server disconnects a client it has heard nothing from for one and a half times the keep-alive
  [MQTT-3.1.2-24]. Each client's time is measured from the moment its CONNECT was written to the
  moment its socket closed, and judged against 1.5 × keep-alive plus a tolerance of 1 s (brokers
  that count whole seconds, and a loaded machine); the measured figures are in the report. Three
  clients start 1 s apart, so a broker that checks keep-alive only on a coarse periodic tick is late
  for at least two of them whatever the phase of its tick: the verdict does not depend on luck. An
  earlier close is recorded, not failed: the statement bounds the wait from above only.

  @MQTT-3.1.2-24
  Scenario Outline: clients silent for 1.5 × a keep-alive of <seconds> s are disconnected
    When three "device" clients connect 1 s apart with a keep-alive of <seconds> seconds and stay silent
    Then the broker disconnects each "device" client within 1.5 times its keep-alive

    Examples:
      | seconds |
      | 1       |
      | 2       |
