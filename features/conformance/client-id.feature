@aliyun
Feature: Client IDs
  A client ID is `<GroupID>@@@<DeviceID>` (CID-1), at most as long as the profile declares (CID-2:
  64 characters under aliyun, counted as characters, not bytes), free of invisible characters (CID-3)
  and of the reserved characters (PUB-3), unique among online clients (CID-4), and its Group ID is
  provisioned (CID-5). Lengths are written relative to the profile's declared limit; the 3-byte
  (`中`) and 4-byte (`😀`) rows show whether a broker counts characters, bytes or UTF-16 units.

  @CID-2
  Scenario Outline: a client ID of <length> <alphabet> characters: the broker <verdict> it
    When "device" connects with a client ID of <length> <alphabet> characters
    Then the broker <verdict> the client ID of "device"

    Examples:
      | length    | alphabet | verdict |
      | limit - 1 | ASCII    | accepts |
      | limit     | ASCII    | accepts |
      | limit + 1 | ASCII    | refuses |
      | limit - 1 | 3-byte   | accepts |
      | limit     | 3-byte   | accepts |
      | limit + 1 | 3-byte   | refuses |
      | limit     | 4-byte   | accepts |
      | limit + 1 | 4-byte   | refuses |

  @CID-3
  Scenario Outline: a client ID containing <code> (<name>) is refused
    When "device" connects with a client ID containing <code>
    Then the broker refuses the client ID of "device"

    Examples: control characters
      | code   | name                  |
      | U+0000 | NULL                  |
      | U+0001 | START OF HEADING      |
      | U+0009 | TAB                   |
      | U+000A | LINE FEED             |
      | U+001F | UNIT SEPARATOR        |
      | U+007F | DELETE                |
      | U+0085 | NEXT LINE             |
    Examples: whitespace
      | code   | name                  |
      | U+0020 | SPACE                 |
      | U+00A0 | NO-BREAK SPACE        |
      | U+2003 | EM SPACE              |
      | U+2028 | LINE SEPARATOR        |
      | U+3000 | IDEOGRAPHIC SPACE     |
    Examples: zero-width characters
      | code   | name                  |
      | U+200B | ZERO WIDTH SPACE      |
      | U+200C | ZERO WIDTH NON-JOINER |
      | U+200D | ZERO WIDTH JOINER     |
      | U+2060 | WORD JOINER           |
      | U+FEFF | ZERO WIDTH NO-BREAK   |
    Examples: other invisible format characters
      | code   | name                  |
      | U+00AD | SOFT HYPHEN           |
      | U+200E | LEFT-TO-RIGHT MARK    |
      | U+202E | RIGHT-TO-LEFT OVERRIDE |
      | U+2066 | LEFT-TO-RIGHT ISOLATE |
      | U+FE0F | VARIATION SELECTOR-16 |

  @CID-3
  Scenario Outline: a client ID containing the visible <code> (<name>) is accepted
    When "device" connects with a client ID containing <code>
    Then the broker accepts the client ID of "device"

    Examples:
      | code    | name                      |
      | U+00E9  | LATIN SMALL LETTER E ACUTE |
      | U+4E2D  | CJK IDEOGRAPH 中          |
      | U+1F600 | GRINNING FACE             |
      | U+002D  | HYPHEN-MINUS              |

  @CID-1
  Scenario Outline: the client ID "<shape>" (<what>): the broker <verdict> it
    When "device" connects with the client ID "<shape>"
    Then the broker <verdict> the client ID of "device"

    Examples:
      | shape                  | what                         | verdict |
      | GROUP@@@DEVICE         | Group ID, "@@@", Device ID   | accepts |
      | GROUP@@DEVICE          | "@@" instead of "@@@"        | refuses |
      | GROUPDEVICE            | no separator                 | refuses |
      | GROUP@@@DEVICE@@@2     | the separator twice          | refuses |
      | GROUP@@@@DEVICE        | "@@@@", two overlapping      | refuses |
      | @@@DEVICE              | empty Group ID               | refuses |
      | GROUP@@@               | empty Device ID              | refuses |

  @PUB-3
  Scenario Outline: "<character>" in the <part> of a client ID is refused
    When "device" connects with "<character>" in the <part> of its client ID
    Then the broker refuses the client ID of "device"

    Examples:
      | character | part      |
      | /         | Group ID  |
      | :         | Group ID  |
      | ,         | Group ID  |
      | %         | Group ID  |
      | /         | Device ID |
      | :         | Device ID |
      | ,         | Device ID |
      | %         | Device ID |

  @CID-5
  Scenario: a client of a Group ID that is not provisioned is refused
    When "device" connects in a group that is not provisioned
    Then the broker refuses the client ID of "device"

  @CID-5
  Scenario: a client of a provisioned Group ID is accepted
    When "device" connects with the client ID "GROUP@@@DEVICE"
    Then the broker accepts the client ID of "device"

  @CID-4
  Scenario: a second CONNECT with a client ID that is online follows the profile's duplicate-ID policy
    Given "first" is online
    When "second" connects with the client ID of "first"
    Then the broker treats "first" and "second" as the profile's duplicate-ID policy says

  @CID-4
  Scenario: a client ID is free again once its client has gone offline
    Given "first" is online
    When "first" goes offline
    And "second" connects with the client ID of "first"
    Then the broker accepts the client ID of "second"
