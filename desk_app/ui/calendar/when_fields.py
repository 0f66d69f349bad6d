"""The date and time fields of the booking dialog, shaped for a receptionist's keyboard.

Qt's date and time edits treat Tab as "next section" (day → month → year), so leaving the
date took three presses. Here Tab always leaves the field: sections are reached by typing
(a full section moves on by itself) or the arrow keys. Up and Down step by what the
calendar thinks in: a day (across month ends) and a quarter hour.
"""

from __future__ import annotations

from PySide6.QtWidgets import QAbstractSpinBox, QDateEdit, QTimeEdit, QWidget


class DayDateEdit(QDateEdit):
    """Tab leaves the field; Up/Down on the day step to the next/previous calendar day."""

    def stepBy(self, steps: int) -> None:
        if self.currentSection() == QDateEdit.Section.DaySection:
            # Qt would stop at the 30th of November; the next day is the 1st of December.
            self.setDate(self.date().addDays(steps))
        else:
            super().stepBy(steps)

    def stepEnabled(self) -> QAbstractSpinBox.StepEnabledFlag:
        if self.currentSection() == QDateEdit.Section.DaySection:
            both = QAbstractSpinBox.StepEnabledFlag
            return both.StepUpEnabled | both.StepDownEnabled
        return super().stepEnabled()

    def focusNextPrevChild(self, next: bool) -> bool:
        return QWidget.focusNextPrevChild(self, next)


class QuarterTimeEdit(QTimeEdit):
    """Tab leaves the field; arrow keys and the wheel step the minutes by a quarter hour
    (the calendar's grid)."""

    def stepBy(self, steps: int) -> None:
        if self.currentSection() == QTimeEdit.Section.MinuteSection:
            self.setTime(self.time().addSecs(steps * 15 * 60))
        else:
            super().stepBy(steps)

    def focusNextPrevChild(self, next: bool) -> bool:
        return QWidget.focusNextPrevChild(self, next)
