"""The recurring series of one customer in the customer form (issue 14): each rule in
words ("every 4 weeks, Tuesday 10:00"), its service and staff member, what is left of
it ("6 of 10 remaining"), and cancelling the rest of one from its next appointment on,
as "this and all following" does in the calendar (each customer message as for a
single cancellation; one inside the salon's cutoff counts as late).

The list's frame, its reading and the button's guard: ``CustomerRows``.

May import: PySide6, desk_app.services, desk_app.domain, desk_app.ui.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime
from zoneinfo import ZoneInfo

from PySide6.QtCore import QLocale, QTime
from PySide6.QtWidgets import QMessageBox, QPushButton, QTreeWidgetItem, QWidget

from desk_app.domain.recurrence import Frequency, week_of_month
from desk_app.services.series import SeriesSummary
from desk_app.texts import error_text
from desk_app.ui.context import UiContext
from desk_app.ui.customers.customer_rows import CustomerRows


class SeriesList(CustomerRows[SeriesSummary]):
    """Signals (``CustomerRows``): changed() after the rest of a series was cancelled (the
    visits changed too); loaded(int)."""

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self._cancel = QPushButton(self.tr("&Cancel the rest…"))
        self._cancel.setObjectName("cancel_series_rest")
        self._cancel.setToolTip(self.tr("Cancel the series' next appointment and every later one"))
        headers = [self.tr("Repeats"), self.tr("Service"), self.tr("Staff"), self.tr("Left")]
        self._lay_out("series", headers, self._cancel)
        self._cancel.clicked.connect(self._on_cancel_clicked)

    def cancel_button(self) -> QPushButton:
        return self._cancel

    def rule_text(self, summary: SeriesSummary) -> str:
        """ "every 4 weeks, Tuesday 10:00" (weekday and time of its next appointment)."""
        if summary.frequency is Frequency.WEEKLY:
            every = self.tr("every %n week(s)", "", summary.interval)
        else:
            every = self.tr("every %n month(s)", "", summary.interval)
        if summary.next_starts_at is None:
            return every
        local: datetime = summary.next_starts_at.astimezone(ZoneInfo(self._ctx.time_zone))
        locale = QLocale()
        day = locale.dayName(local.isoweekday())
        clock = locale.toString(QTime(local.hour, local.minute), QLocale.FormatType.ShortFormat)
        if summary.frequency is Frequency.MONTHLY:
            nth = [self.tr("1st"), self.tr("2nd"), self.tr("3rd"), self.tr("4th"), self.tr("last")]
            day = self.tr("{nth} {weekday}").format(
                nth=nth[week_of_month(local.date()) - 1], weekday=day
            )
        return self.tr("{every}, {weekday} {time}").format(every=every, weekday=day, time=clock)

    # ---- showing ------------------------------------------------------------------------
    def _read(self, customer_id: int) -> Callable[[], list[SeriesSummary]]:
        series = self._ctx.services.series
        return lambda: series.of_customer(customer_id)

    def _items(self, rows: Sequence[SeriesSummary]) -> list[QTreeWidgetItem]:
        items = []
        for summary in rows:
            left = (
                self.tr("{left} of {total} remaining").format(
                    left=summary.remaining, total=summary.total
                )
                if summary.remaining
                else self.tr("ended")
            )
            items.append(
                QTreeWidgetItem(
                    [self.rule_text(summary), summary.service_name, summary.staff_name, left]
                )
            )
        return items

    def _can_act(self) -> bool:
        selected = self._selected()
        return selected is not None and selected.next_id is not None

    def _key(self, row: SeriesSummary) -> object:
        return row.series_id

    def _title(self) -> str:
        return self.tr("Series")

    # ---- cancelling ---------------------------------------------------------------------
    def _on_cancel_clicked(self) -> None:
        selected = self._selected()
        if selected is None or selected.next_id is None or selected.next_starts_at is None:
            return
        question = QMessageBox(
            QMessageBox.Icon.Question,
            self.tr("Cancel the rest of the series"),
            self.tr(
                "Cancel the %n remaining appointment(s) of this series, from {when} on? "
                "The customer is told as for each single cancellation.",
                "",
                selected.remaining,
            ).format(when=error_text.format_moment(selected.next_starts_at, self._ctx.time_zone)),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            self,
        )
        question.setObjectName("cancel_series_question")
        question.setDefaultButton(QMessageBox.StandardButton.No)
        next_id, yes = selected.next_id, question.button(QMessageBox.StandardButton.Yes)
        question.finished.connect(
            lambda _result: self._cancel_from(next_id) if question.clickedButton() is yes else None
        )
        self._question = question
        question.open()

    def cancel_question(self) -> QMessageBox | None:
        return self._question

    def _cancel_from(self, appointment_id: int) -> None:
        series, actor = self._ctx.services.series, self._ctx.signed_in.actor
        self._ctx.db_tasks.submit(
            self,
            lambda: series.cancel_following(appointment_id, actor=actor),
            self._changed,
            self._failed,
        )
