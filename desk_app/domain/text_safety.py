"""Characters that must never be stored in a field or sent in a message.

One rule for the desktop (entry, import, templates) and the gateway (intake): a stray
control character breaks mail headers, a NUL byte is refused by PostgreSQL, a lone
surrogate cannot be encoded at all, and U+2028/U+2029 turn one line into two in some
programs and not in others. Tabs and line breaks are ordinary text in multi-line fields
(message bodies, notes) and forbidden in single-line ones (names, subjects, addresses).

Pure Python: no Qt, no SQL.
"""

from __future__ import annotations

import unicodedata

_MULTILINE_ALLOWED = frozenset("\t\n\r")
_LINE_SEPARATORS = frozenset("\u2028\u2029")


def _forbidden(char: str, multiline: bool) -> bool:
    if multiline and char in _MULTILINE_ALLOWED:
        return False
    if char in _LINE_SEPARATORS:
        return True
    category = unicodedata.category(char)
    if category in ("Cc", "Cs"):  # control characters (C0, DEL, C1); lone surrogates
        return True
    code = ord(char)
    # Noncharacters: U+FDD0..U+FDEF and the last two code points of every plane.
    return 0xFDD0 <= code <= 0xFDEF or (code & 0xFFFE) == 0xFFFE


def forbidden_characters(text: str, *, multiline: bool = False) -> list[str]:
    """The distinct forbidden characters of ``text``, in order of appearance."""
    found: list[str] = []
    for char in text:
        if char not in found and _forbidden(char, multiline):
            found.append(char)
    return found


def is_clean(text: str, *, multiline: bool = False) -> bool:
    # Every character forbidden here is unprintable: a printable text needs no closer
    # look (the usual case, and a C-speed one; the gateway checks every field this way).
    plain = text.replace("\n", "").replace("\r", "").replace("\t", "") if multiline else text
    return plain.isprintable() or not any(_forbidden(char, multiline) for char in text)


def cleaned(text: str, *, multiline: bool = False) -> str:
    """``text`` with every forbidden character replaced by "?" (for what others wrote,
    e.g. a mail server's reply kept as an error, which must be storable and showable)."""
    if is_clean(text, multiline=multiline):
        return text
    return "".join("?" if _forbidden(char, multiline) else char for char in text)


def describe(char: str) -> str:
    """``U+2028`` style name of a character for messages and logs (never the raw character)."""
    return f"U+{ord(char):04X}"
