"""The answer to "only this / this and all following" kept for one keyboard gesture.

A keyboard move goes in steps: Alt+Down four times puts an appointment an hour later.
Asking at every step would make the receptionist answer the same question four times for
what she sees as one move. So the first step of a series occurrence asks, and the steps
after it on the same appointment, of the same kind (a move, or a resize), take that
answer. The gesture ends, and the next step asks again, when

- another appointment (or free time) is selected in the grid,
- the focus goes to another widget of the window (the question's own dialog, which takes
  the focus while it is open, does not count: it belongs to the gesture),
- or the keys pause for ``PAUSE``: long enough to look at the new place between two steps,
  short enough that coming back to the same appointment later is a new decision.

"Keep as it was" is never kept: it undoes the step, and a key pressed after it is a new try.

May import: the standard library only (the page wires it to the grid's signals).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

PAUSE = timedelta(seconds=10)


class SeriesAnswer(StrEnum):
    ONLY_THIS = "only_this"
    FOLLOWING = "following"


class StepKind(StrEnum):
    MOVE = "move"
    RESIZE = "resize"


@dataclass(frozen=True)
class _Kept:
    appointment_id: int
    kind: StepKind
    answer: SeriesAnswer
    last_step: datetime


class KeyGestureAnswer:
    """Remembers the answer of the running keyboard gesture (see the module)."""

    def __init__(self, clock: Callable[[], datetime]) -> None:
        self._clock = clock
        self._kept: _Kept | None = None

    def recall(self, appointment_id: int, kind: StepKind) -> SeriesAnswer | None:
        """The answer for this step, if it continues the gesture (the pause starts anew)."""
        kept, now = self._kept, self._clock()
        if kept is None or (kept.appointment_id, kept.kind) != (appointment_id, kind):
            return None
        if now - kept.last_step > PAUSE:
            self._kept = None
            return None
        self._kept = _Kept(appointment_id, kind, kept.answer, now)
        return kept.answer

    def keep(self, appointment_id: int, kind: StepKind, answer: SeriesAnswer) -> None:
        self._kept = _Kept(appointment_id, kind, answer, self._clock())

    def selected(self, appointment_id: int | None) -> None:
        """The grid's selection changed (a reload selects the moved appointment again)."""
        if self._kept is not None and self._kept.appointment_id != appointment_id:
            self._kept = None

    def forget(self) -> None:
        self._kept = None
