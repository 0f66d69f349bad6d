"""Phases of a service and an appointment (issue 14): working intervals, the clash rule
checked minute by minute, moves keep the phases, resizes change the last working phase."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desk_app.domain.errors import InvalidField
from desk_app.domain.phases import (
    AppointmentPhases,
    Phase,
    PhaseKind,
    ServicePhases,
)

NINE = datetime(2026, 12, 7, 9, tzinfo=UTC)
MINUTE = timedelta(minutes=1)
COLOUR = ServicePhases(90, processing_after=30, processing=35)


def test_a_colour_is_work_processing_work_and_a_cut_one_working_phase() -> None:
    assert COLOUR.phases() == (
        Phase(PhaseKind.WORK, 30),
        Phase(PhaseKind.PROCESSING, 35),
        Phase(PhaseKind.WORK, 25),
    )
    assert ServicePhases(30).phases() == (Phase(PhaseKind.WORK, 30),)
    colour = AppointmentPhases.laid_out(NINE, COLOUR)
    assert colour.working() == (
        (NINE, NINE + 30 * MINUTE),
        (NINE + 65 * MINUTE, NINE + 90 * MINUTE),
    )
    assert [p.kind for p in colour.phases()] == [
        PhaseKind.WORK,
        PhaseKind.PROCESSING,
        PhaseKind.WORK,
    ]
    cut_inside = AppointmentPhases.laid_out(NINE + 30 * MINUTE, ServicePhases(35))
    assert not colour.works_during(cut_inside)
    assert colour.works_during(AppointmentPhases.laid_out(NINE + 30 * MINUTE, ServicePhases(36)))
    # Moved: every phase keeps its length. Resized: the last working phase takes it.
    later = colour.moved(NINE + timedelta(hours=2))
    two_hours = timedelta(hours=2)
    assert later.working() == tuple((a + two_hours, b + two_hours) for a, b in colour.working())
    longer = colour.resized(timedelta(minutes=100))
    assert longer.working()[-1] == (NINE + 65 * MINUTE, NINE + 100 * MINUTE)
    assert longer.processing_starts_at == colour.processing_starts_at
    with pytest.raises(InvalidField) as refused:
        colour.resized(timedelta(minutes=65))
    assert refused.value.problem == "shorter_than_processing"
    assert colour.resized(timedelta(minutes=66)).working()[-1] == (
        NINE + 65 * MINUTE,
        NINE + 66 * MINUTE,
    )


@pytest.mark.parametrize(
    ("minutes", "after", "processing"),
    [(90, 0, 35), (90, 30, 0), (90, 30, 60), (90, 30, 61), (90, 90, 10), (0, 0, 0)],
)
def test_processing_needs_work_before_and_after_it(
    minutes: int, after: int, processing: int
) -> None:
    with pytest.raises(InvalidField):
        ServicePhases(minutes, after, processing)


# ---- the clash rule against a minute-by-minute model -------------------------------------
_SHAPES = st.one_of(
    st.builds(lambda m: ServicePhases(m), st.integers(1, 120)),
    st.integers(1, 60).flatmap(
        lambda after: st.integers(1, 60).flatmap(
            lambda proc: st.integers(after + proc + 1, after + proc + 60).map(
                lambda total: ServicePhases(total, after, proc)
            )
        )
    ),
)
_APPOINTMENTS = st.builds(
    lambda offset, shape: AppointmentPhases.laid_out(NINE + offset * MINUTE, shape),
    st.integers(0, 180),
    _SHAPES,
)


def _working_minutes(a: AppointmentPhases) -> set[int]:
    minutes = set()
    for start, end in a.working():
        minutes |= set(range((start - NINE) // MINUTE, (end - NINE) // MINUTE))
    return minutes


@given(_APPOINTMENTS, _APPOINTMENTS)
def test_two_appointments_clash_exactly_when_a_minute_is_working_time_of_both(
    a: AppointmentPhases, b: AppointmentPhases
) -> None:
    both = bool(_working_minutes(a) & _working_minutes(b))
    assert a.works_during(b) == both == b.works_during(a)
    # Processing is inside the appointment, working time is everything else of it.
    whole = set(range((a.starts_at - NINE) // MINUTE, (a.ends_at - NINE) // MINUTE))
    processing = whole - _working_minutes(a)
    assert len(processing) * MINUTE == (
        (a.processing_ends_at - a.processing_starts_at) if a.has_processing else timedelta(0)
    )


@given(_APPOINTMENTS, st.integers(-120, 120), st.integers(0, 60))
def test_a_move_keeps_the_phases_and_a_resize_changes_only_the_last_working_phase(
    a: AppointmentPhases, shift: int, extra: int
) -> None:
    moved = a.moved(a.starts_at + shift * MINUTE)
    assert [(p.kind, p.ends_at - p.starts_at) for p in moved.phases()] == [
        (p.kind, p.ends_at - p.starts_at) for p in a.phases()
    ]
    resized = a.resized(a.length + extra * MINUTE)
    assert resized.phases()[:-1] == a.phases()[:-1]
    assert resized.ends_at == a.ends_at + extra * MINUTE
    assert resized.resized(a.length) == a  # undo gives back the very phases
