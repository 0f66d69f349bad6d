"""The automations of issue 5 and the pure rules of when one is due and what it is called.

Every occasion (this appointment's reminder, this customer's birthday this year, …) has a
key; its outbox ``client_id`` is derived from that key, so the same occasion always gets
the same id and the outbox's unique ``client_id`` is what keeps it from going out twice.
Pure: no SQL, no settings; times and dates come in as arguments.
"""

from __future__ import annotations

import calendar
import uuid
from datetime import UTC, date, datetime, timedelta
from enum import StrEnum


class Automation(StrEnum):
    CONFIRMATION = "confirmation"  # sent at booking time, not by a run
    REMINDER = "reminder"
    BIRTHDAY = "birthday"
    REVIEW_REQUEST = "review_request"
    WIN_BACK = "win_back"


# The automations a run looks for occasions of, in the order they run and are reported.
SCHEDULED: tuple[Automation, ...] = (
    Automation.REMINDER,
    Automation.BIRTHDAY,
    Automation.REVIEW_REQUEST,
    Automation.WIN_BACK,
)

# A review request still goes out this long after it fell due, and not later: switching
# the automation on must not ask every customer ever served.
REVIEW_GRACE = timedelta(hours=48)

# Fixed forever: changing it would make every past occasion look new.
_OCCASIONS = uuid.UUID("4b34cb59-148a-45fa-8153-b7787d177591")


def occasion_client_id(key: str) -> str:
    """The outbox ``client_id`` of one occasion: the same key always gives the same id."""
    return str(uuid.uuid5(_OCCASIONS, key))


def reminder_key(appointment_id: int, starts_at: datetime) -> str:
    # The start is part of the key: a moved appointment is a new occasion.
    return f"reminder:{appointment_id}:{starts_at.astimezone(UTC).isoformat()}"


def birthday_key(customer_id: int, year: int) -> str:
    return f"birthday:{customer_id}:{year}"


def review_key(customer_id: int, visit_day: date) -> str:
    # Per visit day, not per appointment: cut and colour on one visit ask once.
    return f"review_request:{customer_id}:{visit_day.isoformat()}"


def win_back_key(customer_id: int, last_visit: date) -> str:
    # Once per absence: only a new visit (and a new absence after it) asks again.
    return f"win_back:{customer_id}:{last_visit.isoformat()}"


def birthdays_on(day: date) -> tuple[tuple[int, int], ...]:
    """The (month, day) birthdays celebrated on ``day``; 29 February on the 28th in
    common years."""
    if (day.month, day.day) == (2, 28) and not calendar.isleap(day.year):
        return ((2, 28), (2, 29))
    return ((day.month, day.day),)
