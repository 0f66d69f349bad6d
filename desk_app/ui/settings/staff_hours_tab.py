"""The "Working hours" tab: each staff member's week and its exceptions, saved at once.

A member works the salon's opening hours unless they have their own week (the same
editor as the opening hours, ``OpeningHoursTab``). Exceptions are absences of whole
days (holiday, training, sickness); breaks of an hour are entered the same way in the
calendar's data. Bookings outside a member's hours or in an absence warn, the calendar
shades them, the booking page does not offer them.

May import: PySide6, desk_app.services, desk_app.domain, desk_app.texts, desk_app.ui.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from PySide6.QtCore import QDate, QLocale, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desk_app.domain.enums import AbsenceKind
from desk_app.domain.fields import NOTE_MAX
from desk_app.domain.scheduling import OpeningInterval
from desk_app.services.calendar_plans import AbsenceRow
from desk_app.services.rows import StaffRow
from desk_app.ui.context import UiContext
from desk_app.ui.settings.form import MessageLabel, hint
from desk_app.ui.settings.opening_hours_tab import OpeningHoursTab
from desk_app.ui.widgets.operation import Operation
from desk_app.ui.widgets.qt_dates import from_qdate, to_qdate

AHEAD = timedelta(days=366)  # the exceptions listed: from today for a year


@dataclass(frozen=True)
class _Member:
    hours: list[OpeningInterval]  # [] works the salon's opening hours
    opening: list[OpeningInterval]  # the salon's, shown (greyed) for a member without own
    absences: list[AbsenceRow]


class StaffHoursTab(QWidget):
    """One staff member's week and exceptions at a time.

    Signals:
        loaded(): the chosen member's hours and exceptions are shown.
        changed(): hours or exceptions were saved.
    """

    loaded = Signal()
    changed = Signal()

    def __init__(self, ctx: UiContext, today: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._zone = ZoneInfo(ctx.time_zone)
        self._today = today
        self._absences: list[AbsenceRow] = []
        # Showing another member drops the answer for the last; a change is never dropped.
        self._loads = Operation(
            self, ctx.db_tasks, failed=self._on_failed, time_zone=ctx.time_zone, skip_outdated=True
        )
        self._work = Operation(self, ctx.db_tasks, failed=self._on_failed, time_zone=ctx.time_zone)

        self.member = QComboBox()
        self.member.setObjectName("hoursMember")
        self.own = QCheckBox(self.tr("&Own working hours (otherwise the opening hours)"))
        self.own.setObjectName("ownHours")
        self.week = OpeningHoursTab()
        self.week.setObjectName("staffWeek")
        self.week.note.hide()  # the opening hours' own hint, not this page's
        self.save = QPushButton(self.tr("Save &working hours"))
        self.save.setObjectName("saveStaffHours")
        self.table = QTableWidget(0, 3)
        self.table.setObjectName("absencesTable")
        self.table.setTabKeyNavigation(False)
        self.table.setHorizontalHeaderLabels([self.tr("From"), self.tr("To"), self.tr("Note")])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.remove = QPushButton(self.tr("&Remove absence"))
        self.remove.setObjectName("removeAbsence")
        self.first = QDateEdit(to_qdate(today))
        self.first.setObjectName("absenceFirst")
        self.first.setCalendarPopup(True)
        self.last = QDateEdit(to_qdate(today))
        self.last.setObjectName("absenceLast")
        self.last.setCalendarPopup(True)
        self.note = QLineEdit()
        self.note.setObjectName("absenceNote")
        self.note.setMaxLength(NOTE_MAX)
        self.note.setPlaceholderText(self.tr("e.g. Holiday"))
        self.add = QPushButton(self.tr("Add a&bsence"))
        self.add.setObjectName("addAbsence")
        self.message = MessageLabel("staffHoursMessage")

        top = QHBoxLayout()
        member_label = QLabel(self.tr("Staff &member:"))
        member_label.setBuddy(self.member)
        top.addWidget(member_label)
        top.addWidget(self.member, 1)
        save_row = QHBoxLayout()
        save_row.addWidget(self.own, 1)
        save_row.addWidget(self.save)
        absences_title = QLabel(self.tr("Absences (whole days, from today on):"))
        add_row = QHBoxLayout()
        first_label = QLabel(self.tr("&From:"))
        first_label.setBuddy(self.first)
        last_label = QLabel(self.tr("&Until:"))
        last_label.setBuddy(self.last)
        for widget in (first_label, self.first, last_label, self.last):
            add_row.addWidget(widget)
        add_row.addWidget(self.note, 1)
        add_row.addWidget(self.add)
        remove_row = QHBoxLayout()
        remove_row.addWidget(hint(self.tr("Changes on this page are saved at once.")), 1)
        remove_row.addWidget(self.remove)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(save_row)
        layout.addWidget(self.week)
        layout.addWidget(absences_title)
        layout.addWidget(self.table, 1)
        layout.addLayout(remove_row)
        layout.addLayout(add_row)
        layout.addWidget(self.message)

        self.member.currentIndexChanged.connect(self._on_member_current_index_changed)
        self.own.toggled.connect(self._on_own_toggled)
        self.save.clicked.connect(self._on_save_clicked)
        self.add.clicked.connect(self._on_add_clicked)
        self.remove.clicked.connect(self._on_remove_clicked)
        self.first.dateChanged.connect(self._on_first_date_changed)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self._on_own_toggled(False)

    def load(self, staff: list[StaffRow]) -> None:
        """The active team to choose from (the first is shown)."""
        current = self.member.currentData()
        self.member.blockSignals(True)
        self.member.clear()
        for row in staff:
            if row.active:
                self.member.addItem(row.name, row.id)
        self.member.setCurrentIndex(max(self.member.findData(current), 0))
        self.member.blockSignals(False)
        self._on_member_current_index_changed()

    def staff_id(self) -> int | None:
        value = self.member.currentData()
        return int(value) if value is not None else None

    def absences(self) -> list[AbsenceRow]:
        return list(self._absences)

    # ---- loading ------------------------------------------------------------------------
    def _on_member_current_index_changed(self, _index: int = 0) -> None:
        staff_id = self.staff_id()
        self._update_buttons()
        if staff_id is None:
            return
        catalogue, calendar = self._ctx.services.catalogue, self._ctx.services.calendar
        start = datetime.combine(self._today, time(0), self._zone)

        def work() -> _Member:
            return _Member(
                hours=catalogue.staff_hours(staff_id),
                opening=catalogue.opening_hours(),
                absences=calendar.absences_between(start, start + AHEAD, [staff_id]),
            )

        self._loads.run(work, self._on_member_loaded)

    def _on_member_loaded(self, member: _Member) -> None:
        week: dict[int, list[tuple[time, time]]] = {}
        # Without own hours the salon's are shown: ticking "own" starts from them.
        for interval in member.hours or member.opening:
            week.setdefault(interval.weekday, []).append((interval.opens, interval.closes))
        self.week.load(week)
        self.own.setChecked(bool(member.hours))
        self._on_own_toggled(bool(member.hours))
        self._show_absences(member.absences)
        self.loaded.emit()

    def _show_absences(self, rows: list[AbsenceRow]) -> None:
        self._absences = [r for r in rows if r.kind is AbsenceKind.ABSENCE]
        locale = QLocale()
        fmt = QLocale.FormatType.ShortFormat
        self.table.setRowCount(len(self._absences))
        for number, row in enumerate(self._absences):
            first = row.starts_at.astimezone(self._zone)
            # Whole days end at the next midnight: the last day is the one before.
            last = (row.ends_at.astimezone(self._zone) - timedelta(microseconds=1)).date()
            texts = (
                locale.toString(to_qdate(first.date()), fmt),
                locale.toString(to_qdate(last), fmt),
                row.note,
            )
            for column, text in enumerate(texts):
                self.table.setItem(number, column, QTableWidgetItem(text))
        self._update_buttons()

    # ---- changes --------------------------------------------------------------------------
    def _on_own_toggled(self, own: bool) -> None:
        self.week.setEnabled(own)

    def _on_save_clicked(self) -> None:
        staff_id = self.staff_id()
        if staff_id is None:
            return
        intervals: list[OpeningInterval] = []
        if self.own.isChecked():
            wrong = self.week.validate()
            if wrong is not None:
                wrong.setFocus()
                return
            intervals = [
                OpeningInterval(day, opens, closes)
                for day, spans in self.week.week().items()
                for opens, closes in spans
            ]
        catalogue, actor = self._ctx.services.catalogue, self._ctx.signed_in.actor
        self._work.run(
            lambda: catalogue.set_staff_hours(staff_id, intervals, actor=actor),
            lambda _none: self._on_saved(bool(intervals)),
        )

    def _on_saved(self, own: bool) -> None:
        if own:
            self.message.show_info(self.tr("The working hours were saved."))
        else:
            self.message.show_info(self.tr("This staff member works the opening hours."))
        self.changed.emit()

    def _on_add_clicked(self) -> None:
        staff_id = self.staff_id()
        if staff_id is None:
            return
        first, last = from_qdate(self.first.date()), from_qdate(self.last.date())
        starts_at = datetime.combine(first, time(0), self._zone)
        ends_at = datetime.combine(last + timedelta(days=1), time(0), self._zone)
        note = self.note.text()
        catalogue, calendar = self._ctx.services.catalogue, self._ctx.services.calendar
        actor, start = self._ctx.signed_in.actor, datetime.combine(self._today, time(0), self._zone)

        def work() -> list[AbsenceRow]:
            catalogue.add_absence(
                staff_id, AbsenceKind.ABSENCE, starts_at, ends_at, note, actor=actor
            )
            return calendar.absences_between(start, start + AHEAD, [staff_id])

        self._work.run(work, self._on_absences_changed)

    def _on_remove_clicked(self) -> None:
        selected = self.table.selectionModel().selectedRows()
        staff_id = self.staff_id()
        if not selected or staff_id is None:
            return
        absence = self._absences[selected[0].row()]
        catalogue, calendar = self._ctx.services.catalogue, self._ctx.services.calendar
        actor, start = self._ctx.signed_in.actor, datetime.combine(self._today, time(0), self._zone)

        def work() -> list[AbsenceRow]:
            catalogue.remove_absence(absence.id, actor=actor)
            return calendar.absences_between(start, start + AHEAD, [staff_id])

        self._work.run(work, self._on_absences_changed)

    def _on_absences_changed(self, rows: list[AbsenceRow]) -> None:
        self.note.clear()
        self._show_absences(rows)
        self.message.show_info(self.tr("The absences were saved."))
        self.changed.emit()

    def _on_first_date_changed(self, value: QDate) -> None:
        if self.last.date() < value:
            self.last.setDate(value)

    def _update_buttons(self) -> None:
        chosen = self.staff_id() is not None
        for button in (self.save, self.add):
            button.setEnabled(chosen)
        self.remove.setEnabled(chosen and bool(self.table.selectionModel().selectedRows()))

    def _on_failed(self, text: str) -> None:
        self.message.show_error(text)
