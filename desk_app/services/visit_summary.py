"""A customer's visits in three facts for the header of the customer view: the last
visit, the next appointment and how many visits there were.

Worked out from the appointment rows the customer view has loaded anyway (no query of
its own). A *visit* is what the campaign audience counts as one (``customer_visits``:
an appointment marked done); the *next* appointment is the first one still to come
that is neither cancelled nor a no-show, as the visit list marks upcoming ones.

Plain Python; no SQL, no Qt.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from desk_app.domain.enums import AppointmentStatus
from desk_app.services.rows import AppointmentRow

_NOT_COMING = (AppointmentStatus.CANCELLED, AppointmentStatus.NO_SHOW)


@dataclass(frozen=True)
class VisitSummary:
    last_visit: AppointmentRow | None
    next_appointment: AppointmentRow | None
    visits: int


def summarise_visits(appointments: Sequence[AppointmentRow], now: datetime) -> VisitSummary:
    """The three facts of ``appointments`` (any order) as of ``now``."""
    done = [a for a in appointments if a.status is AppointmentStatus.DONE]
    coming = [
        a
        for a in appointments
        if a.ends_at > now
        and a.status not in _NOT_COMING
        and a.status is not AppointmentStatus.DONE
    ]
    return VisitSummary(
        last_visit=max(done, key=lambda a: a.starts_at, default=None),
        next_appointment=min(coming, key=lambda a: a.starts_at, default=None),
        visits=len(done),
    )
