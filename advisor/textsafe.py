"""Text for people: finding and neutralising characters that steer a terminal.

Answers and flow texts refuse them; every output shows them escaped. One definition, so
what is refused on the way in and what is escaped on the way out are the same set:

- control characters (Unicode category Cc: C0, DEL and the C1 range, where ESC and CSI
  start the sequences that move the cursor, clear the screen or write the clipboard),
  except newline and tab;
- bidirectional overrides and isolates (U+202A–U+202E, U+2066–U+2069), which make text
  read in another order than it is stored;
- unpaired surrogates (U+D800–U+DFFF), which are no characters at all and cannot be
  written as UTF-8.
"""

from __future__ import annotations

import re

UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")

_NAMES = {
    0x00: "NUL", 0x07: "BEL", 0x08: "BS", 0x0B: "VT", 0x0C: "FF", 0x0D: "CR",
    0x1B: "ESC", 0x7F: "DEL", 0x9B: "CSI", 0x9D: "OSC",
}


def first_unsafe(text: str) -> tuple[int, str] | None:
    """The position (from 0) and character of the first unsafe character, if any."""
    match = UNSAFE.search(text)
    return None if match is None else (match.start(), match.group())


def describe_char(char: str) -> str:
    """An unsafe character in words: 'the control character U+001B (ESC)'."""
    code = ord(char)
    if 0xD800 <= code <= 0xDFFF:
        return f"an unpaired surrogate U+{code:04X} (half of a UTF-16 pair, not a character)"
    if 0x202A <= code <= 0x202E or 0x2066 <= code <= 0x2069:
        return f"the bidirectional control U+{code:04X}"
    name = _NAMES.get(code)
    return f"the control character U+{code:04X}" + (f" ({name})" if name else "")


def _escape(match: re.Match[str]) -> str:
    return f"\\u{ord(match.group()):04x}"


def visible(text: str) -> str:
    """`text` with each unsafe character written as its `\\uXXXX` escape (newline and tab
    kept): harmless on a terminal, and inside a JSON string the same character."""
    if UNSAFE.search(text) is None:
        return text
    return UNSAFE.sub(_escape, text)
