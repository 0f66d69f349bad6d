"""The booking dialog's "Repeat" section: off by default; every N weeks or every N months
on the same weekday of the month, for a number of appointments or until a date.

Only a widget: ``rule()`` says what is set (None while "Repeat" is off), the dialog
plans and books the series (``services.series``)."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desk_app.domain.recurrence import MAX_INTERVAL, MAX_OCCURRENCES, Frequency, SeriesRule
from desk_app.ui.calendar.when_fields import DayDateEdit

DEFAULT_COUNT = 10


class RepeatSection(QWidget):
    """Signals:
    changed(): anything in the section changed (switched on or off included)."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.repeat = QCheckBox(self.tr("&Repeat"))
        self.repeat.setObjectName("repeat")
        self.frequency = QComboBox()
        self.frequency.setObjectName("repeat_frequency")
        self.frequency.addItem(self.tr("weeks"), Frequency.WEEKLY)
        self.frequency.addItem(self.tr("months (same weekday of the month)"), Frequency.MONTHLY)
        self.interval = QSpinBox()
        self.interval.setObjectName("repeat_interval")
        self.interval.setRange(1, MAX_INTERVAL)
        self.by_count = QRadioButton(self.tr("&for"))
        self.by_count.setObjectName("repeat_by_count")
        self.by_count.setChecked(True)
        self.count = QSpinBox()
        self.count.setObjectName("repeat_count")
        self.count.setRange(2, MAX_OCCURRENCES)
        self.count.setValue(DEFAULT_COUNT)
        self.count.setSuffix(self.tr(" appointments"))
        self.by_until = QRadioButton(self.tr("&until"))
        self.by_until.setObjectName("repeat_by_until")
        self.until = DayDateEdit()
        self.until.setObjectName("repeat_until")
        self.until.setCalendarPopup(True)

        self._details = QWidget()
        every = QHBoxLayout()
        every.setContentsMargins(0, 0, 0, 0)
        every_label = QLabel(self.tr("every"))
        every_label.setBuddy(self.interval)
        every.addWidget(every_label)
        every.addWidget(self.interval)
        every.addWidget(self.frequency, 1)
        end = QHBoxLayout()
        end.setContentsMargins(0, 0, 0, 0)
        end.addWidget(self.by_count)
        end.addWidget(self.count)
        end.addWidget(self.by_until)
        end.addWidget(self.until)
        end.addStretch(1)
        details = QVBoxLayout(self._details)
        details.setContentsMargins(24, 0, 0, 0)
        details.addLayout(every)
        details.addLayout(end)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.repeat)
        layout.addWidget(self._details)
        self._details.setVisible(False)

        self.repeat.toggled.connect(self._on_repeat_toggled)
        self.by_until.toggled.connect(self._on_end_toggled)
        for spin in (self.interval, self.count):
            spin.valueChanged.connect(self.changed)
        self.frequency.currentIndexChanged.connect(self.changed)
        self.until.dateChanged.connect(self.changed)
        self._on_end_toggled(False)

    def tab_chain(self) -> list[QWidget]:
        return [
            self.repeat,
            self.interval,
            self.frequency,
            self.by_count,
            self.count,
            self.by_until,
            self.until,
        ]

    def follow_start(self, first: date) -> None:
        """Keep the until date after the first appointment (a quarter later to begin with)."""
        if self.until.date() <= QDate(first.year, first.month, first.day):
            later = QDate(first.year, first.month, first.day).addMonths(3)
            self.until.setDate(later)

    def rule(self) -> SeriesRule | None:
        if not self.repeat.isChecked():
            return None
        frequency = Frequency(self.frequency.currentData())
        if self.by_until.isChecked():
            picked = self.until.date()
            until = date(picked.year(), picked.month(), picked.day())
            return SeriesRule(frequency, self.interval.value(), until=until)
        return SeriesRule(frequency, self.interval.value(), count=self.count.value())

    def _on_repeat_toggled(self, on: bool) -> None:
        self._details.setVisible(on)
        self.changed.emit()

    def _on_end_toggled(self, by_until: bool) -> None:
        self.count.setEnabled(not by_until)
        self.until.setEnabled(by_until)
        self.changed.emit()
