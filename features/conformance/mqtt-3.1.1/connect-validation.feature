@MQTT-3.1.1
Feature: CONNECT validation
  CONNECTs written byte by byte by the raw probe, each well-formed but for one defect, with the run's
  login. A server validates a CONNECT and closes the connection without accepting one that does not
  conform to section 3.1 [MQTT-3.1.4-1]; a string that is ill-formed UTF-8 or contains U+0000 makes
  it close the connection [MQTT-1.5.3-1] [MQTT-1.5.3-2]. The check fails on a CONNACK 0 or on a
  connection still open 2 s later; the report records whether a refusing CONNACK came before the
  close. A CONNACK 4 or 5 (a refused login) is inconclusive: it says nothing about the defect.

  Scenario Outline: a CONNECT with <defect> is not accepted and the connection is closed
    When "device" connects with a CONNECT that has <defect>
    Then the broker refuses the CONNECT of "device" and closes the connection

    @MQTT-3.1.2-3
    Examples: the reserved flag
      | defect                |
      | the reserved flag set |

    @MQTT-3.1.2-9
    Examples: the will flag without its fields
      | defect                                         |
      | the will flag without a will topic and message |

    @MQTT-3.1.2-11
    Examples: will fields without the will flag
      | defect                                         |
      | a will topic and message without the will flag |

    @MQTT-3.1.2-13
    Examples: will QoS without the will flag
      | defect                           |
      | will QoS 1 without the will flag |
      | will QoS 2 without the will flag |

    @MQTT-3.1.2-14
    Examples: will QoS 3
      | defect     |
      | will QoS 3 |

    @MQTT-3.1.2-15
    Examples: will retain without the will flag
      | defect                            |
      | will retain without the will flag |

    @MQTT-3.1.2-18
    Examples: a user name without its flag
      | defect                                 |
      | a user name without the user name flag |

    @MQTT-3.1.2-19
    Examples: the user name flag without a user name
      | defect                                 |
      | the user name flag without a user name |

    @MQTT-3.1.2-20
    Examples: a password without its flag
      | defect                               |
      | a password without the password flag |

    @MQTT-3.1.2-21
    Examples: the password flag without a password
      | defect                               |
      | the password flag without a password |

    @MQTT-3.1.2-22
    Examples: a password without a user name
      | defect                         |
      | a password without a user name |

    @MQTT-3.1.3-3
    Examples: no client ID in the payload
      | defect                                    |
      | no client ID (an empty payload)           |
      | a will topic and message but no client ID |

    @MQTT-1.5.3-2
    Examples: U+0000 in a string of the CONNECT
      | defect                  |
      | U+0000 in the client ID |
      | U+0000 in the will topic |
      | U+0000 in the user name |

    # Each string of the CONNECT is a UTF-8 string [MQTT-3.1.3-4] [MQTT-3.1.3-10] [MQTT-3.1.3-11]: bytes
    # that are not well-formed UTF-8 in it break that statement and [MQTT-1.5.3-1] alike.
    @MQTT-1.5.3-1 @MQTT-3.1.3-4
    Examples: ill-formed UTF-8 in the client ID
      | defect                                            |
      | ill-formed UTF-8 (C3 28) in the client ID         |
      | an encoded surrogate (ED A0 80) in the client ID  |
      | an overlong encoding (C0 AF) in the client ID     |

    @MQTT-1.5.3-1 @MQTT-3.1.3-10
    Examples: ill-formed UTF-8 in the will topic
      | defect                                            |
      | ill-formed UTF-8 (C3 28) in the will topic        |
      | an encoded surrogate (ED B0 80) in the will topic |

    @MQTT-1.5.3-1 @MQTT-3.1.3-11
    Examples: ill-formed UTF-8 in the user name
      | defect                                           |
      | ill-formed UTF-8 (C3 28) in the user name        |
      | an overlong encoding (C0 AF) in the user name    |

  # [MQTT-3.1.2-1] lets the server close the connection or go on under another specification; it
  # must not go on as MQTT 3.1.1, which a CONNACK 0 would show. What it did is recorded.
  @MQTT-3.1.2-1
  Scenario Outline: a CONNECT with the protocol name "<name>" is not accepted as MQTT 3.1.1
    When "device" connects with the protocol name "<name>"
    Then the broker does not accept "device" as MQTT 3.1.1

    Examples:
      | name |
      | MQTX |
      | mqtt |

  @MQTT-3.1.2-2 @MQTT-3.2.2-5
  Scenario Outline: an unsupported protocol level <level> is answered with CONNACK 0x01, then the connection is closed
    When "device" connects with protocol level <level>
    Then the broker answers "device" with CONNACK 0x01 (unacceptable protocol version)
    And the broker closes the connection of "device" after the refusing CONNACK

    Examples:
      | level |
      | 0     |
      | 6     |
      | 255   |
