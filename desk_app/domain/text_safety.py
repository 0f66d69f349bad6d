"""Characters that must never be stored in a field or sent in a message.

One rule for the desktop (entry, import, templates) and the gateway (intake): a stray
control character breaks mail headers, a NUL byte is refused by PostgreSQL, a lone
surrogate cannot be encoded at all, and U+2028/U+2029 turn one line into two in some
programs and not in others. Invisible format characters (Unicode category Cf: zero-width
space, joiner and non-joiner, bidi overrides and isolates, the byte-order mark, soft
hyphen) make two names that look alike compare unequal, hide text, or turn a name or an
address around on screen (U+202E shows "Anna" + "redom" as "Annamoder"), so they are
refused too; the one exception is a zero-width joiner inside an emoji sequence (woman +
ZWJ + red hair) in a multi-line text, where it is part of the picture. Tabs and line
breaks are ordinary text in multi-line fields (message bodies, notes) and forbidden in
single-line ones (names, subjects, addresses).

Pure Python: no Qt, no SQL.
"""

from __future__ import annotations

import unicodedata

_MULTILINE_ALLOWED = frozenset("\t\n\r")
_LINE_SEPARATORS = frozenset("\u2028\u2029")


_ZWJ = "\u200d"
_EMOJI_PARTS = frozenset({"So", "Sk", "Mn"})  # symbols, skin-tone modifiers, U+FE0F


def _forbidden(char: str, multiline: bool) -> bool:
    if multiline and char in _MULTILINE_ALLOWED:
        return False
    if char in _LINE_SEPARATORS:
        return True
    category = unicodedata.category(char)
    # Control characters (C0, DEL, C1); invisible format characters; lone surrogates.
    if category in ("Cc", "Cf", "Cs"):
        return True
    code = ord(char)
    # Noncharacters: U+FDD0..U+FDEF and the last two code points of every plane.
    return 0xFDD0 <= code <= 0xFDEF or (code & 0xFFFE) == 0xFFFE


def _joins_emoji(text: str, index: int) -> bool:
    """The zero-width joiner at ``index`` sits between two parts of one emoji."""
    if index == 0 or index + 1 >= len(text):
        return False
    before, after = text[index - 1], text[index + 1]
    return unicodedata.category(before) in _EMOJI_PARTS and unicodedata.category(after) == "So"


def _forbidden_at(text: str, index: int, multiline: bool) -> bool:
    char = text[index]
    if not _forbidden(char, multiline):
        return False
    return not (multiline and char == _ZWJ and _joins_emoji(text, index))


def forbidden_characters(text: str, *, multiline: bool = False) -> list[str]:
    """The distinct forbidden characters of ``text``, in order of appearance."""
    found: list[str] = []
    for index, char in enumerate(text):
        if char not in found and _forbidden_at(text, index, multiline):
            found.append(char)
    return found


def is_clean(text: str, *, multiline: bool = False) -> bool:
    # Every character forbidden here is unprintable: a printable text needs no closer
    # look (the usual case, and a C-speed one; the gateway checks every field this way).
    plain = text.replace("\n", "").replace("\r", "").replace("\t", "") if multiline else text
    return plain.isprintable() or not forbidden_characters(text, multiline=multiline)


def cleaned(text: str, *, multiline: bool = False) -> str:
    """``text`` with every forbidden character replaced by "?" (for what others wrote,
    e.g. a mail server's reply kept as an error, which must be storable and showable)."""
    if is_clean(text, multiline=multiline):
        return text
    return "".join(
        "?" if _forbidden_at(text, index, multiline) else char for index, char in enumerate(text)
    )


def describe(char: str) -> str:
    """``U+2028`` style name of a character for messages and logs (never the raw character)."""
    return f"U+{ord(char):04X}"
