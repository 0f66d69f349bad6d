"""Phases of a service and of an appointment: work, processing, work (issue 14).

A colour is 30 minutes of applying, 35 of processing (Einwirkzeit) and 25 of washing and
cutting. During the processing the customer keeps the chair and the time, but the
stylist's hands are free: another appointment whose *working* phases fit into the gap may
be booked for the same stylist. Two active appointments of one staff member clash when
their working intervals intersect, not their whole time ranges.

A service has at most one processing phase, with work before and after it
(``ServicePhases``); a service without one is a single working phase, which is how
every appointment booked before phases existed behaves. An appointment stores the
processing phase's times when it is booked (``AppointmentPhases``), so changing the
service later never moves an existing booking; the database checks the same rule
(revision 0025) from those stored times.

Resizing an appointment (pulling its bottom edge, or another duration in the dialog)
changes its *last* working phase, the one after the processing: the wash and cut runs
longer or shorter, the processing stays where the product needs it. It cannot end
inside or before the processing (``shorter_than_processing``); a move keeps every
phase's length.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import datetime, timedelta

from desk_app.domain.errors import InvalidField


class PhaseKind(enum.StrEnum):
    WORK = "work"  # the stylist is busy with this customer
    PROCESSING = "processing"  # the product works; the stylist is free, the chair is not


@dataclass(frozen=True)
class Phase:
    kind: PhaseKind
    minutes: int


@dataclass(frozen=True)
class ServicePhases:
    """A service's length and where its processing lies: ``processing`` minutes starting
    ``processing_after`` minutes into it; 0 and 0 for a service without one."""

    minutes: int
    processing_after: int = 0
    processing: int = 0

    def __post_init__(self) -> None:
        if self.minutes <= 0:
            raise InvalidField("minutes", "out_of_range", str(self.minutes))
        if self.processing == 0 and self.processing_after == 0:
            return
        # Work before and after: someone applies the product and someone washes it out.
        if not (
            self.processing > 0
            and self.processing_after > 0
            and self.processing_after + self.processing < self.minutes
        ):
            raise InvalidField("phases", "phases_do_not_fit", str(self.minutes))

    @property
    def has_processing(self) -> bool:
        return self.processing > 0

    def phases(self) -> tuple[Phase, ...]:
        if not self.has_processing:
            return (Phase(PhaseKind.WORK, self.minutes),)
        after = self.minutes - self.processing_after - self.processing
        return (
            Phase(PhaseKind.WORK, self.processing_after),
            Phase(PhaseKind.PROCESSING, self.processing),
            Phase(PhaseKind.WORK, after),
        )


@dataclass(frozen=True)
class TimedPhase:
    kind: PhaseKind
    starts_at: datetime
    ends_at: datetime


Interval = tuple[datetime, datetime]


@dataclass(frozen=True)
class AppointmentPhases:
    """An appointment's time and its processing phase as stored (both None: none)."""

    starts_at: datetime
    ends_at: datetime
    processing_starts_at: datetime | None = None
    processing_ends_at: datetime | None = None

    @classmethod
    def laid_out(
        cls, starts_at: datetime, service: ServicePhases, minutes: int | None = None
    ) -> AppointmentPhases:
        """The service's phases from ``starts_at``; ``minutes`` other than the service's
        length resizes the last working phase (module docstring)."""
        whole = cls(starts_at, starts_at + timedelta(minutes=service.minutes))
        if service.has_processing:
            processing = starts_at + timedelta(minutes=service.processing_after)
            whole = cls(
                whole.starts_at,
                whole.ends_at,
                processing,
                processing + timedelta(minutes=service.processing),
            )
        return whole if minutes is None else whole.resized(timedelta(minutes=minutes))

    @property
    def has_processing(self) -> bool:
        return self.processing_starts_at is not None and self.processing_ends_at is not None

    @property
    def length(self) -> timedelta:
        return self.ends_at - self.starts_at

    def phases(self) -> tuple[TimedPhase, ...]:
        if self.processing_starts_at is None or self.processing_ends_at is None:
            return (TimedPhase(PhaseKind.WORK, self.starts_at, self.ends_at),)
        return (
            TimedPhase(PhaseKind.WORK, self.starts_at, self.processing_starts_at),
            TimedPhase(PhaseKind.PROCESSING, self.processing_starts_at, self.processing_ends_at),
            TimedPhase(PhaseKind.WORK, self.processing_ends_at, self.ends_at),
        )

    def working(self) -> tuple[Interval, ...]:
        """The intervals the stylist is busy with this appointment, in order, none empty."""
        return tuple(
            (p.starts_at, p.ends_at)
            for p in self.phases()
            if p.kind is PhaseKind.WORK and p.starts_at < p.ends_at
        )

    def moved(self, starts_at: datetime) -> AppointmentPhases:
        """The same phases from another start."""
        shift = starts_at - self.starts_at
        if self.processing_starts_at is None or self.processing_ends_at is None:
            return AppointmentPhases(starts_at, self.ends_at + shift)
        return AppointmentPhases(
            starts_at,
            self.ends_at + shift,
            self.processing_starts_at + shift,
            self.processing_ends_at + shift,
        )

    def resized(self, length: timedelta) -> AppointmentPhases:
        """Another total length: the last working phase takes the difference."""
        ends_at = self.starts_at + length
        if self.processing_ends_at is not None and ends_at <= self.processing_ends_at:
            minutes = length // timedelta(minutes=1)
            raise InvalidField("minutes", "shorter_than_processing", str(minutes))
        return AppointmentPhases(
            self.starts_at, ends_at, self.processing_starts_at, self.processing_ends_at
        )

    def works_during(self, other: AppointmentPhases) -> bool:
        """Whether a working phase of this one intersects one of ``other`` (half-open:
        one ending at 10:00 does not clash with one starting at 10:00)."""
        return any(
            a_start < b_end and b_start < a_end
            for a_start, a_end in self.working()
            for b_start, b_end in other.working()
        )
