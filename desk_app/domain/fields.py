"""Entry rules every typed or imported text goes through: no forbidden characters
(``text_safety``), and no more characters than the field can sensibly hold.

One function, ``checked``, used by every service that stores text (customers, the CSV
import, staff, services, settings, campaigns, manual messages, bookings), so the window,
the command line and the import refuse the same things with the same error:
``InvalidField(field, "control_characters", "U+2028")`` names the first forbidden
character by its code, ``InvalidField(field, "too_long", "<limit>")`` the limit.

The limits are what a person could mean to type, and never more than the database
column (PostgreSQL refuses longer values; SQLite would keep them) or the gateway
(protocol v1) takes. Multi-line fields (message texts, notes) may hold line breaks and
tabs; single-line fields may not.

Pure: standard library and other ``desk_app.domain`` modules only.
"""

from __future__ import annotations

from desk_app.domain.errors import InvalidField
from desk_app.domain.text_safety import describe, forbidden_characters

# ---- limits in characters, per field ------------------------------------------------------
# Customer master data (the columns of the customers table).
NAME_MAX = 80  # first_name, last_name, staff names
EMAIL_MAX = 254  # RFC 5321 path limit
PHONE_TYPED_MAX = 40  # as typed, before it is normalised to E.164 (at most 16)
STREET_MAX = 120
POSTAL_CODE_MAX = 10
CITY_MAX = 80
NOTES_MAX = 4000  # multi-line: a page of notes, not a document
# Salon set-up.
SERVICE_NAME_MAX = 120
CATEGORY_MAX = 60
SALON_NAME_MAX = 120  # also the gateway's salon_name limit
WEB_ADDRESS_MAX = 500  # gateway address, review page link
NOTE_MAX = 500  # a booking's or an absence's note (one line in the window)
DESCRIPTION_MAX = 500  # a service's description on the booking page (one paragraph)
# Campaigns and messages. A rendered subject must fit the outbox column (200) and the
# gateway (250) with placeholders filled in; a body the gateway's 20,000 with the
# footers added.
CAMPAIGN_NAME_MAX = 120
SUBJECT_MAX = 150
SUBJECT_SENT_MAX = 200
BODY_MAX = 10_000
SMS_BODY_MAX = 1_000  # seven parts of UCS-2 or six of GSM-7 are already a letter


def checked(field: str, value: str, *, max_length: int, multiline: bool = False) -> str:
    """``value`` unchanged if it may be stored; else InvalidField naming the problem.

    Forbidden characters are reported before the length: a pasted 10 kB blob with a NUL
    in it is first of all not text.
    """
    found = forbidden_characters(value, multiline=multiline)
    if found:
        raise InvalidField(field, "control_characters", describe(found[0]))
    if len(value) > max_length:
        raise InvalidField(field, "too_long", str(max_length))
    return value


def checked_line(field: str, value: str, max_length: int) -> str:
    """A single-line field, checked, then trimmed of spaces. The characters are checked
    first: ``str.strip`` would quietly drop a line separator or an information separator
    at either end, which is a sign of pasted binary rather than of a typed name."""
    checked(field, value, max_length=max_length + len(value) - len(value.strip(" ")))
    return checked(field, value.strip(), max_length=max_length)


def checked_text(field: str, value: str, max_length: int) -> str:
    """A multi-line field (line breaks and tabs allowed), checked as it is."""
    return checked(field, value, max_length=max_length, multiline=True)
