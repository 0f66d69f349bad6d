"""What one customer waits for, in the customer form (issue 14): each waitlist entry's
service and staff member, the days and times that suit, how offers reach her, since
when she waits, and taking an entry off the waitlist when she calls to say she no
longer needs it (her offers still out then say so on their page).

Read and written off the GUI thread (``ctx.db_tasks``). Taking an entry off is a booking
change: greyed, with the reason, for a member who may not book.

May import: PySide6, desk_app.services, desk_app.domain, desk_app.ui.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import time

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

from desk_app.domain.enums import Channel, Permission
from desk_app.domain.waitlist import TimeWindow
from desk_app.services.waitlist import WaitlistEntryRow
from desk_app.texts import error_text
from desk_app.ui.access_gate import AccessGate
from desk_app.ui.context import UiContext
from desk_app.ui.widgets.operation import Operation
from desk_app.ui.widgets.qt_dates import to_qdate


class WaitlistList(QWidget):
    """Signals:
    changed(): an entry was taken off the waitlist.
    loaded(int): the customer's waiting entries were read and are shown (how many)."""

    changed = Signal()
    loaded = Signal(int)

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._customer_id: int | None = None
        self._entries: list[WaitlistEntryRow] = []
        self._question: QMessageBox | None = None
        self._loads = Operation(
            self, ctx.db_tasks, failed=self._failed, time_zone=ctx.time_zone, skip_outdated=True
        )
        self._tree = QTreeWidget()
        self._tree.setObjectName("waitlist_entries")
        self._tree.setRootIsDecorated(False)
        self._tree.setHeaderLabels(
            [
                self.tr("Service"),
                self.tr("Staff"),
                self.tr("Days"),
                self.tr("Times"),
                self.tr("Offers"),
                self.tr("Waiting since"),
            ]
        )
        self._remove = QPushButton(self.tr("Take &off the waitlist…"))
        self._remove.setObjectName("remove_waitlist_entry")
        self._remove.setToolTip(self.tr("The customer no longer waits for this"))
        self._gate = AccessGate(ctx.signed_in, self)
        self._gate.guard(self._remove, Permission.BOOK, lambda: self._selected() is not None)
        self._tree.currentItemChanged.connect(lambda *_: self._gate.refresh())
        self._remove.clicked.connect(self._on_remove_clicked)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self._remove)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self._tree, 1)
        layout.addLayout(buttons)

    # ---- public -------------------------------------------------------------------------
    def show_customer(self, customer_id: int | None) -> None:
        self._customer_id = customer_id
        self._entries = []
        self._tree.clear()
        self._gate.refresh()
        if customer_id is not None:
            self.reload()

    def reload(self) -> None:
        waitlist, customer_id = self._ctx.services.waitlist, self._customer_id
        if customer_id is None:
            return
        self._loads.run(lambda: waitlist.entries(customer_id), self._show)

    def tree(self) -> QTreeWidget:
        return self._tree

    def remove_button(self) -> QPushButton:
        return self._remove

    def remove_question(self) -> QMessageBox | None:
        return self._question

    # ---- showing ------------------------------------------------------------------------
    def _show(self, entries: list[WaitlistEntryRow]) -> None:
        if entries == self._entries and self._tree.topLevelItemCount() == len(entries):
            self.loaded.emit(len(entries))
            return  # a refresh that found nothing new keeps the selection where it is
        selected = self._selected()
        self._entries = entries
        self._tree.clear()
        locale = QLocale()
        for entry in entries:
            days = self.tr("{first} – {last}").format(
                first=locale.toString(to_qdate(entry.first_day), QLocale.FormatType.ShortFormat),
                last=locale.toString(to_qdate(entry.last_day), QLocale.FormatType.ShortFormat),
            )
            since = locale.toString(
                to_qdate(entry.created_at.date()), QLocale.FormatType.ShortFormat
            )
            item = QTreeWidgetItem(
                [
                    entry.service_name,
                    entry.staff_name or self.tr("anyone"),
                    days,
                    self._times_text(entry.windows),
                    self._offers_text(entry.channel),
                    since,
                ]
            )
            if entry.note:
                item.setToolTip(0, entry.note)
            self._tree.addTopLevelItem(item)
        for column in range(self._tree.columnCount()):
            self._tree.resizeColumnToContents(column)
        kept = next(
            (i for i, e in enumerate(entries) if selected is not None and e.id == selected.id), 0
        )
        current = self._tree.topLevelItem(kept)
        if current is not None:
            self._tree.setCurrentItem(current)
        self._gate.refresh()
        self.loaded.emit(len(entries))

    def _times_text(self, windows: Sequence[TimeWindow]) -> str:
        """ "Tue, Thu 09:00–12:00" per time span; "any time" without windows."""
        if not windows:
            return self.tr("any time")
        locale = QLocale()
        by_span: dict[tuple[time, time], list[int]] = {}
        for window in windows:
            by_span.setdefault((window.starts, window.ends), []).append(window.weekday)
        parts = []
        for (starts, ends), weekdays in by_span.items():
            names = ", ".join(
                locale.dayName(day + 1, QLocale.FormatType.ShortFormat) for day in sorted(weekdays)
            )
            span = self.tr("{start}–{end}").format(
                start=locale.toString(QTime(starts.hour, starts.minute), "HH:mm"),
                end=locale.toString(QTime(ends.hour, ends.minute), "HH:mm"),
            )
            parts.append(f"{names} {span}")
        return "; ".join(parts)

    def _offers_text(self, channel: Channel | None) -> str:
        if channel is Channel.EMAIL:
            return self.tr("by email")
        if channel is Channel.SMS:
            return self.tr("by SMS")
        return self.tr("the salon calls")

    def _selected(self) -> WaitlistEntryRow | None:
        item = self._tree.currentItem()
        if item is None:
            return None
        index = self._tree.indexOfTopLevelItem(item)
        return self._entries[index] if 0 <= index < len(self._entries) else None

    # ---- taking an entry off ------------------------------------------------------------
    def _on_remove_clicked(self) -> None:
        selected = self._selected()
        if selected is None:
            return
        question = QMessageBox(
            QMessageBox.Icon.Question,
            self.tr("Take off the waitlist"),
            self.tr(
                "Take {name} off the waitlist for {service}? An offer already sent for "
                "it will say the time is no longer available."
            ).format(name=selected.customer_name, service=selected.service_name),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            self,
        )
        question.setObjectName("remove_waitlist_question")
        question.setDefaultButton(QMessageBox.StandardButton.No)
        entry_id, yes = selected.id, question.button(QMessageBox.StandardButton.Yes)

        def on_finished(_result: int) -> None:
            if question.clickedButton() is yes:
                self._remove_entry(entry_id)

        question.finished.connect(on_finished)
        self._question = question
        question.open()

    def _remove_entry(self, entry_id: int) -> None:
        waitlist, actor = self._ctx.services.waitlist, self._ctx.signed_in.actor
        self._ctx.db_tasks.submit(
            self,
            lambda: waitlist.remove(entry_id, actor=actor),
            self._on_removed,
            self._failed,
        )

    def _on_removed(self, _result: object) -> None:
        self.reload()
        self.changed.emit()

    def _failed(self, exc: BaseException | str) -> None:
        text = exc if isinstance(exc, str) else error_text.describe(exc, self._ctx.time_zone)
        box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Waitlist"), text, parent=self)
        box.open()
