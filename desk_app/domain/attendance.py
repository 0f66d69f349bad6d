"""Whether customers keep their appointments: late cancellations, no-shows, the slot
that either of them frees.

A no-show is only ever marked by staff (a status), never guessed from the clock. A
cancellation is *late* when it is made less than the salon's cutoff
(``late_cancel_hours``) before the appointment's start — decided once, when it is
made, and kept apart from both an ordinary cancellation and a no-show; the salon may
waive it at the counter.

Pure: standard library and ``desk_app.domain`` only.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

# How far back the counts shown at the counter reach.
ATTENDANCE_WINDOW = timedelta(days=365)


def is_late_cancellation(starts_at: datetime, cancelled_at: datetime, cutoff_hours: int) -> bool:
    """True when cancelling at ``cancelled_at`` is inside the cutoff: less than
    ``cutoff_hours`` before ``starts_at`` (also after it has begun). Exactly at the
    cutoff is still in time; a cutoff of 0 makes no cancellation late."""
    if cutoff_hours <= 0:
        return False
    return starts_at - cancelled_at < timedelta(hours=cutoff_hours)


@dataclass(frozen=True)
class AttendanceCounts:
    """A customer's no-shows and late cancellations of appointments that started at or
    after ``since`` (the last twelve months at the counter)."""

    since: datetime
    no_shows: int
    late_cancellations: int

    @property
    def any(self) -> bool:
        return bool(self.no_shows or self.late_cancellations)


@dataclass(frozen=True)
class FreedSlot:
    """Time that an appointment held and no longer holds (a cancellation, a no-show, a
    move): the event a waitlist listens for. ``reason`` is the appointment's new status,
    or "moved"."""

    appointment_id: int
    staff_id: int
    service_id: int
    starts_at: datetime
    ends_at: datetime
    reason: str
