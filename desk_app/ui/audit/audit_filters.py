"""The audit view's filters: member, action, a date range (salon days) and a text on
what an entry concerns. Turns what is chosen into an ``AuditFilter``.

May import: PySide6, desk_app.services, desk_app.domain, desk_app.texts.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, QTimer, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QWidget,
)

from desk_app.domain.enums import AuditAction
from desk_app.services.audit import AuditFilter
from desk_app.services.calendar_plans import local_day_bounds
from desk_app.services.rows import StaffRow
from desk_app.texts.audit_words import action_name
from desk_app.ui.widgets.qt_dates import from_qdate

TYPING_PAUSE_MS = 300  # the text filter asks once the owner pauses, not per letter
# "From" at its minimum reads "any day": the whole log back to its first entry.
EARLIEST = QDate(2000, 1, 1)


class AuditFilterBar(QWidget):
    """Signals:
    changed(): a filter changed (the text: after a pause in typing)."""

    changed = Signal()

    def __init__(self, today: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._today = QDate(today.year, today.month, today.day)
        self.member = QComboBox()
        self.member.setObjectName("auditMember")
        self.member.addItem(self.tr("Everyone"), None)
        self.member.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.action = QComboBox()
        self.action.setObjectName("auditAction")
        self.action.addItem(self.tr("All actions"), None)
        for action in AuditAction:
            self.action.addItem(action_name(action), action.value)
        self.since = QDateEdit()
        self.since.setObjectName("auditSince")
        self.since.setCalendarPopup(True)
        self.since.setMinimumDate(EARLIEST)
        self.since.setSpecialValueText(self.tr("the beginning"))
        self.since.setDate(EARLIEST)
        self.until = QDateEdit()
        self.until.setObjectName("auditUntil")
        self.until.setCalendarPopup(True)
        self.until.setMinimumDate(EARLIEST)
        self.until.setDate(self._today)
        self.text = QLineEdit()
        self.text.setObjectName("auditText")
        self.text.setClearButtonEnabled(True)
        self.text.setPlaceholderText(self.tr("Customer, staff member or campaign"))
        self._typing = QTimer(self)
        self._typing.setSingleShot(True)
        self._typing.setInterval(TYPING_PAUSE_MS)

        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for caption, field in (
            (self.tr("&Who:"), self.member),
            (self.tr("&Action:"), self.action),
            (self.tr("&From:"), self.since),
            (self.tr("&To:"), self.until),
            (self.tr("&Concerns:"), self.text),
        ):
            label = QLabel(caption)
            label.setBuddy(field)
            layout.addWidget(label)
            layout.addWidget(field, 1 if field is self.text else 0)

        self.member.currentIndexChanged.connect(self._on_choice_changed)
        self.action.currentIndexChanged.connect(self._on_choice_changed)
        self.since.dateChanged.connect(self._on_choice_changed)
        self.until.dateChanged.connect(self._on_choice_changed)
        self.text.textChanged.connect(self._on_text_text_changed)
        self._typing.timeout.connect(self.changed)

    def set_members(self, members: list[StaffRow]) -> None:
        """The team to choose from (the chosen one stays chosen)."""
        chosen = self.member.currentData()
        self.member.blockSignals(True)
        self.member.clear()
        self.member.addItem(self.tr("Everyone"), None)
        for row in members:
            self.member.addItem(row.name, row.id)
        index = self.member.findData(chosen)
        self.member.setCurrentIndex(max(index, 0))
        self.member.blockSignals(False)

    def reset(self) -> None:
        """Every entry again: everyone, all actions, from the beginning to today, no text
        (one ``changed``, not one per field)."""
        for field in (self.member, self.action, self.since, self.until, self.text):
            field.blockSignals(True)
        self.member.setCurrentIndex(0)
        self.action.setCurrentIndex(0)
        self.since.setDate(EARLIEST)
        self.until.setDate(self._today)
        self.text.clear()
        for field in (self.member, self.action, self.since, self.until, self.text):
            field.blockSignals(False)
        self._typing.stop()
        self.changed.emit()

    def is_narrowed(self) -> bool:
        """Whether any filter leaves entries out."""
        return (
            self.member.currentData() is not None
            or self.action.currentData() is not None
            or self.since.date() != EARLIEST
            or self.until.date() < self._today
            or bool(self.text.text().strip())
        )

    def current(self, time_zone: str) -> AuditFilter:
        """What is chosen, the days as the salon's days (from midnight to midnight); up to
        today means up to now and on (another counter PC's clock may be a little ahead)."""
        since = until = None
        if self.since.date() != EARLIEST:
            since = local_day_bounds(from_qdate(self.since.date()), time_zone)[0]
        if self.until.date() < self._today:
            until = local_day_bounds(from_qdate(self.until.date()), time_zone)[1]
        action = self.action.currentData()
        return AuditFilter(
            since=since,
            until=until,
            member_id=self.member.currentData(),
            action=AuditAction(action) if action else None,
            text=self.text.text().strip(),
        )

    def _on_choice_changed(self) -> None:
        self._typing.stop()
        self.changed.emit()

    def _on_text_text_changed(self, _text: str) -> None:
        self._typing.start()
