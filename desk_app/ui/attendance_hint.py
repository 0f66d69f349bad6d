"""A calm line about a customer's missed appointments: "2 no-shows and 1 late
cancellation in the last 12 months". Shown in the booking dialog once the customer is
picked, and on the customer's page; hidden while there is nothing to say.

It loads the counts itself on the database worker (``BookingService.attendance``);
an answer for a customer no longer shown is dropped.

May import: PySide6, desk_app.services, desk_app.domain, desk_app.ui.
"""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QWidget

from desk_app.domain.attendance import AttendanceCounts
from desk_app.ui.context import UiContext
from desk_app.ui.style.tone import Tone, set_tone
from desk_app.ui.widgets.operation import Operation


class AttendanceHint(QLabel):
    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("attendanceHint")
        self.setWordWrap(True)
        # Amber: noticed without alarming (a customer may have had good reasons).
        set_tone(self, Tone.CAUTION_BOX)
        self._loads = Operation(self, ctx.db_tasks, skip_outdated=True)
        self._booking = ctx.services.booking
        self.hide()

    def show_customer(self, customer_id: int | None) -> None:
        """Load and show the counts of this customer (None: hide)."""
        self.clear()
        self.hide()
        if customer_id is None:
            self._loads.run(lambda: None)  # an answer on its way is no longer wanted
            return
        booking = self._booking
        self._loads.run(lambda: booking.attendance(customer_id), self._on_loaded)

    def _on_loaded(self, counts: AttendanceCounts) -> None:
        text = self.describe(counts)
        self.setText(text)
        self.setVisible(bool(text))

    def describe(self, counts: AttendanceCounts) -> str:
        if not counts.any:
            return ""
        no_shows = self.tr("%n no-show(s)", "", counts.no_shows)
        late = self.tr("%n late cancellation(s)", "", counts.late_cancellations)
        if counts.no_shows and counts.late_cancellations:
            parts = self.tr("{no_shows} and {late}").format(no_shows=no_shows, late=late)
        else:
            parts = no_shows if counts.no_shows else late
        return self.tr("{counts} in the last 12 months.").format(counts=parts)
