"""A booking as a calendar file (RFC 5545), attached to confirmation and change emails.

One VEVENT in a VCALENDAR with METHOD:PUBLISH: the customer's calendar adds the
appointment, and a later file with the same UID (the booking's ref) replaces it. Lines end
in CRLF and are folded at 75 octets without cutting a UTF-8 character or an escape; times
are UTC. Pure: no I/O.
"""

from __future__ import annotations

from datetime import UTC, datetime

from desk_app.domain.text_safety import cleaned

PRODUCT_ID = "-//Salon Desk//DE"
_LINE_OCTETS = 75  # RFC 5545 3.1, without the line break


def booking_ics(
    uid: str,
    starts_at: datetime,
    ends_at: datetime,
    summary: str,
    location: str,
    description: str,
    stamp: datetime,
    *,
    sequence: int = 0,
) -> str:
    """The calendar file's text. ``stamp``: when the file is made (DTSTAMP); ``sequence``:
    how often the booking changed, so a calendar takes a changed time for the newer one.
    Empty location and description are left out."""
    if ends_at <= starts_at:
        raise ValueError(f"a booking ends after it starts: {starts_at} – {ends_at}")
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODUCT_ID}",
        "METHOD:PUBLISH",
        "CALSCALE:GREGORIAN",
        "BEGIN:VEVENT",
        f"UID:{escape_text(uid)}",
        f"DTSTAMP:{utc_stamp(stamp)}",
        f"DTSTART:{utc_stamp(starts_at)}",
        f"DTEND:{utc_stamp(ends_at)}",
        f"SEQUENCE:{sequence}",
        f"SUMMARY:{escape_text(summary)}",
    ]
    if location:
        lines.append(f"LOCATION:{escape_text(location)}")
    if description:
        lines.append(f"DESCRIPTION:{escape_text(description)}")
    lines += ["STATUS:CONFIRMED", "TRANSP:OPAQUE", "END:VEVENT", "END:VCALENDAR"]
    return "".join(fold_line(line) + "\r\n" for line in lines)


def utc_stamp(instant: datetime) -> str:
    """``20261204T080000Z``: the form-2 (UTC) DATE-TIME of RFC 5545 3.3.5."""
    if instant.utcoffset() is None:
        raise ValueError(f"naive datetime in a calendar file: {instant}")
    return instant.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def escape_text(text: str) -> str:
    """A TEXT value (RFC 5545 3.3.11): backslash, semicolon and comma escaped, every kind of
    line break as ``\\n``; other control characters cannot be written and become "?"."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = cleaned(text, multiline=True)
    return text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def fold_line(line: str) -> str:
    """Cut into physical lines of at most 75 octets of UTF-8; each continuation starts with
    one space (which counts). A character, or an escape such as ``\\,``, stays whole."""
    if len(line.encode()) <= _LINE_OCTETS:
        return line
    parts: list[str] = []
    current: list[str] = []
    size = 0
    limit = _LINE_OCTETS
    for unit in _units(line):
        octets = len(unit.encode())
        if size + octets > limit:
            parts.append("".join(current))
            current, size, limit = [], 0, _LINE_OCTETS - 1
        current.append(unit)
        size += octets
    parts.append("".join(current))
    return "\r\n ".join(parts)


def _units(line: str) -> list[str]:
    """Characters, with an escape's backslash kept together with the character it escapes."""
    units: list[str] = []
    index = 0
    while index < len(line):
        width = 2 if line[index] == "\\" and index + 1 < len(line) else 1
        units.append(line[index : index + width])
        index += width
    return units
