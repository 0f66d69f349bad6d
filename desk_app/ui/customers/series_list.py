"""The recurring series of one customer in the customer form (issue 14): each rule in
words ("every 4 weeks, Tuesday 10:00"), its service and staff member, what is left of
it ("6 of 10 remaining"), and cancelling the rest of one from its next appointment on,
as "this and all following" does in the calendar (each customer message as for a
single cancellation; one inside the salon's cutoff counts as late).

Read and written off the GUI thread (``ctx.db_tasks``). Cancelling is a booking change:
greyed, with the reason, for a member who may not book.

May import: PySide6, desk_app.services, desk_app.domain, desk_app.ui.
"""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from PySide6.QtCore import QLocale, QTime, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QMessageBox,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desk_app.domain.enums import Permission
from desk_app.domain.recurrence import Frequency, week_of_month
from desk_app.services.series import SeriesSummary
from desk_app.texts import error_text
from desk_app.ui.access_gate import AccessGate
from desk_app.ui.context import UiContext
from desk_app.ui.widgets.operation import Operation


class SeriesList(QWidget):
    """Signals:
    changed(): the rest of a series was cancelled (the visits changed too).
    loaded(int): the customer's series were read and are shown (how many)."""

    changed = Signal()
    loaded = Signal(int)

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._customer_id: int | None = None
        self._summaries: list[SeriesSummary] = []
        self._question: QMessageBox | None = None
        self._loads = Operation(
            self, ctx.db_tasks, failed=self._failed, time_zone=ctx.time_zone, skip_outdated=True
        )
        self._tree = QTreeWidget()
        self._tree.setObjectName("series")
        self._tree.setRootIsDecorated(False)
        self._tree.setHeaderLabels(
            [self.tr("Repeats"), self.tr("Service"), self.tr("Staff"), self.tr("Left")]
        )
        self._cancel = QPushButton(self.tr("&Cancel the rest…"))
        self._cancel.setObjectName("cancel_series_rest")
        self._cancel.setToolTip(self.tr("Cancel the series' next appointment and every later one"))
        self._gate = AccessGate(ctx.signed_in, self)
        self._gate.guard(self._cancel, Permission.BOOK, self._can_cancel)
        self._tree.currentItemChanged.connect(lambda *_: self._gate.refresh())
        self._cancel.clicked.connect(self._on_cancel_clicked)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self._cancel)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self._tree, 1)
        layout.addLayout(buttons)

    # ---- public -------------------------------------------------------------------------
    def show_customer(self, customer_id: int | None) -> None:
        self._customer_id = customer_id
        self._summaries = []
        self._tree.clear()
        self._gate.refresh()
        if customer_id is not None:
            self.reload()

    def reload(self) -> None:
        series, customer_id = self._ctx.services.series, self._customer_id
        if customer_id is None:
            return
        self._loads.run(lambda: series.of_customer(customer_id), self._show)

    def tree(self) -> QTreeWidget:
        return self._tree

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
    def _show(self, summaries: list[SeriesSummary]) -> None:
        self._summaries = summaries
        self._tree.clear()
        for summary in summaries:
            left = (
                self.tr("{left} of {total} remaining").format(
                    left=summary.remaining, total=summary.total
                )
                if summary.remaining
                else self.tr("ended")
            )
            item = QTreeWidgetItem(
                [self.rule_text(summary), summary.service_name, summary.staff_name, left]
            )
            self._tree.addTopLevelItem(item)
        for column in range(self._tree.columnCount()):
            self._tree.resizeColumnToContents(column)
        first = self._tree.topLevelItem(0)
        if first is not None:
            self._tree.setCurrentItem(first)
        self._gate.refresh()
        self.loaded.emit(len(summaries))

    def _selected(self) -> SeriesSummary | None:
        item = self._tree.currentItem()
        if item is None:
            return None
        index = self._tree.indexOfTopLevelItem(item)
        return self._summaries[index] if 0 <= index < len(self._summaries) else None

    def _can_cancel(self) -> bool:
        selected = self._selected()
        return selected is not None and selected.next_id is not None

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
            self._on_cancelled,
            self._failed,
        )

    def _on_cancelled(self, _count: int) -> None:
        self.reload()
        self.changed.emit()

    def _failed(self, exc: BaseException | str) -> None:
        text = exc if isinstance(exc, str) else error_text.describe(exc, self._ctx.time_zone)
        box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Series"), text, parent=self)
        box.open()
