"""The "Opening hours" tab: per weekday closed, open, or open with a break.

May import: PySide6, desk_app.domain, desk_app.ui.
"""

from __future__ import annotations

from datetime import time

from PySide6.QtCore import QLocale
from PySide6.QtWidgets import QComboBox, QGridLayout, QLabel, QTimeEdit, QVBoxLayout, QWidget

from desk_app.ui.settings.form import MessageLabel, hint, qtime, time_edit
from desk_app.ui.tasks import weakly

_DEFAULT_DAY: tuple[time, time] = (time(9, 0), time(18, 0))
_DEFAULT_BREAK: tuple[tuple[time, time], tuple[time, time]] = (
    (time(9, 0), time(13, 0)),
    (time(14, 0), time(18, 0)),
)


class OpeningHoursTab(QWidget):
    CLOSED, OPEN, WITH_BREAK = 0, 1, 2

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        grid = QGridLayout()
        grid.setHorizontalSpacing(8)
        grid.addWidget(QLabel(self.tr("Day")), 0, 0)
        grid.addWidget(QLabel(self.tr("Hours")), 0, 1)
        grid.addWidget(QLabel(self.tr("Opens")), 0, 2)
        grid.addWidget(QLabel(self.tr("Closes")), 0, 4)
        grid.addWidget(QLabel(self.tr("Opens again")), 0, 5)
        grid.addWidget(QLabel(self.tr("Closes")), 0, 7)
        self.modes: list[QComboBox] = []
        self.edits: list[tuple[QTimeEdit, QTimeEdit, QTimeEdit, QTimeEdit]] = []
        self.errors: list[MessageLabel] = []
        self._dashes: list[tuple[QLabel, QLabel]] = []
        locale = QLocale()
        for day in range(7):
            row = 1 + 2 * day
            name = locale.standaloneDayName(day + 1, QLocale.FormatType.LongFormat)
            mode = QComboBox()
            mode.setObjectName(f"dayMode{day}")
            mode.addItem(self.tr("Closed"))
            mode.addItem(self.tr("Open"))
            mode.addItem(self.tr("Open with a break"))
            edits = tuple(time_edit(f"day{day}Time{n}") for n in range(4))
            assert len(edits) == 4
            dashes = (QLabel("–"), QLabel("–"))
            error = MessageLabel(f"day{day}Error")
            grid.addWidget(QLabel(name), row, 0)
            grid.addWidget(mode, row, 1)
            grid.addWidget(edits[0], row, 2)
            grid.addWidget(dashes[0], row, 3)
            grid.addWidget(edits[1], row, 4)
            grid.addWidget(edits[2], row, 5)
            grid.addWidget(dashes[1], row, 6)
            grid.addWidget(edits[3], row, 7)
            grid.addWidget(error, row + 1, 1, 1, 7)
            self.modes.append(mode)
            self.edits.append(edits)
            self.errors.append(error)
            self._dashes.append(dashes)
            mode.currentIndexChanged.connect(weakly(self._on_mode_current_index_changed, day))
            self.set_day(day, [])
        grid.setColumnStretch(8, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(grid)
        self.note = hint(self.tr("Appointments can be booked only within the opening hours."))
        layout.addWidget(self.note)
        layout.addStretch(1)

    def load(self, week: dict[int, list[tuple[time, time]]]) -> None:
        for day in range(7):
            self.set_day(day, week.get(day, []))

    def set_day(self, day: int, intervals: list[tuple[time, time]]) -> None:
        edits = self.edits[day]
        first = intervals[0] if intervals else _DEFAULT_DAY
        if len(intervals) >= 2:
            second = intervals[-1]
        else:
            second = (_DEFAULT_BREAK[1][0], max(first[1], _DEFAULT_BREAK[1][1]))
        for edit, value in zip(edits, (*first, *second), strict=True):
            edit.setTime(qtime(value))
        mode = min(len(intervals), 2)
        self.modes[day].setCurrentIndex(mode)
        self._show_mode(day)
        self.errors[day].clear_message()
        if len(intervals) > 2:
            self.errors[day].show_info(
                self.tr("This day has more than two intervals; saving keeps the first and last.")
            )

    def _on_mode_current_index_changed(self, day: int, _index: int) -> None:
        if self.modes[day].currentIndex() == self.WITH_BREAK:
            edits = self.edits[day]
            # Splitting a plain day: suggest a lunch break inside it.
            if edits[1].time() >= edits[3].time():
                edits[1].setTime(qtime(_DEFAULT_BREAK[0][1]))
                edits[2].setTime(qtime(_DEFAULT_BREAK[1][0]))
        self._show_mode(day)
        self.errors[day].clear_message()

    def _show_mode(self, day: int) -> None:
        mode = self.modes[day].currentIndex()
        edits, dashes = self.edits[day], self._dashes[day]
        for widget in (edits[0], dashes[0], edits[1]):
            widget.setVisible(mode != self.CLOSED)
        for widget in (edits[2], dashes[1], edits[3]):
            widget.setVisible(mode == self.WITH_BREAK)

    def day_intervals(self, day: int) -> list[tuple[time, time]]:
        mode = self.modes[day].currentIndex()
        values = [time(edit.time().hour(), edit.time().minute()) for edit in self.edits[day]]
        if mode == self.CLOSED:
            return []
        if mode == self.OPEN:
            return [(values[0], values[1])]
        return [(values[0], values[1]), (values[2], values[3])]

    def week(self) -> dict[int, list[tuple[time, time]]]:
        return {day: spans for day in range(7) if (spans := self.day_intervals(day))}

    def validate(self) -> QWidget | None:
        first: QWidget | None = None
        for day in range(7):
            self.errors[day].clear_message()
            spans = self.day_intervals(day)
            problem = ""
            if any(opens >= closes for opens, closes in spans):
                problem = self.tr("The opening time must be before the closing time.")
            elif len(spans) == 2 and spans[1][0] < spans[0][1]:
                problem = self.tr("Reopening after the break must be at {time} or later.").format(
                    time=QLocale().toString(qtime(spans[0][1]), QLocale.FormatType.ShortFormat)
                )
            if problem:
                self.errors[day].show_error(problem)
                first = first or self.modes[day]
        return first
