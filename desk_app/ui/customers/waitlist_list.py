"""What one customer waits for, in the customer form (issue 14): each waitlist entry's
service and staff member, the days and times that suit, how offers reach her, since
when she waits, and taking an entry off the waitlist when she calls to say she no
longer needs it (her offers still out then say so on their page).

The list's frame, its reading and the button's guard: ``CustomerRows``.

May import: PySide6, desk_app.services, desk_app.domain, desk_app.ui.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, time

from PySide6.QtCore import QLocale, QTime
from PySide6.QtWidgets import QMessageBox, QPushButton, QTreeWidgetItem, QWidget

from desk_app.domain.enums import Channel
from desk_app.domain.waitlist import TimeWindow
from desk_app.services.waitlist import WaitlistEntryRow
from desk_app.ui.context import UiContext
from desk_app.ui.customers.customer_rows import CustomerRows
from desk_app.ui.widgets.qt_dates import to_qdate


class WaitlistList(CustomerRows[WaitlistEntryRow]):
    """Signals (``CustomerRows``): changed() after an entry was taken off the waitlist;
    loaded(int)."""

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self._remove = QPushButton(self.tr("Take &off the waitlist…"))
        self._remove.setObjectName("remove_waitlist_entry")
        self._remove.setToolTip(self.tr("The customer no longer waits for this"))
        headers = [
            self.tr("Service"),
            self.tr("Staff"),
            self.tr("Days"),
            self.tr("Times"),
            self.tr("Offers"),
            self.tr("Waiting since"),
        ]
        self._lay_out("waitlist_entries", headers, self._remove)
        self._remove.clicked.connect(self._on_remove_clicked)

    def remove_button(self) -> QPushButton:
        return self._remove

    def remove_question(self) -> QMessageBox | None:
        return self._question

    # ---- showing ------------------------------------------------------------------------
    def _read(self, customer_id: int) -> Callable[[], list[WaitlistEntryRow]]:
        waitlist = self._ctx.services.waitlist
        return lambda: waitlist.entries(customer_id)

    def _items(self, rows: Sequence[WaitlistEntryRow]) -> list[QTreeWidgetItem]:
        locale = QLocale()

        def day(value: date) -> str:
            return locale.toString(to_qdate(value), QLocale.FormatType.ShortFormat)

        items = []
        for entry in rows:
            item = QTreeWidgetItem(
                [
                    entry.service_name,
                    entry.staff_name or self.tr("anyone"),
                    self.tr("{first} – {last}").format(
                        first=day(entry.first_day), last=day(entry.last_day)
                    ),
                    self._times_text(entry.windows),
                    self._offers_text(entry.channel),
                    day(entry.created_at.date()),
                ]
            )
            if entry.note:
                item.setToolTip(0, entry.note)
            items.append(item)
        return items

    def _key(self, row: WaitlistEntryRow) -> object:
        return row.id

    def _title(self) -> str:
        return self.tr("Waitlist")

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
            self._changed,
            self._failed,
        )
