"""The mini month: a toolbar button that opens a month calendar under it, for jumping to
a day. A popup rather than a panel beside the grid: at 1024 px every pixel of width
belongs to the staff columns. The shortcut (``go_to_day`` in ``shortcuts``) opens it
with the keyboard in the calendar, so the arrows pick a day and Enter goes there.
Days with appointments are set in bold (the page asks the calendar service for them).
Widgets only: no services.
"""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import QPoint, QSignalBlocker, Qt, Signal
from PySide6.QtGui import QFont, QTextCharFormat
from PySide6.QtWidgets import QCalendarWidget, QMenu, QToolButton, QWidget, QWidgetAction

from desk_app.ui.widgets.qt_dates import from_qdate, to_qdate


class MiniMonthButton(QToolButton):
    """Signals:
    day_chosen(object): a day (``date``) was clicked or chosen with Enter.
    month_shown(object, object): the month from its first to its last day (``date``s)
        was opened or paged to; ``set_booked`` marks its days with appointments.
    """

    day_chosen = Signal(object)
    month_shown = Signal(object, object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("mini_month")
        self.setText(self.tr("Month"))
        self._calendar = QCalendarWidget()
        self._calendar.setObjectName("mini_month_calendar")
        self._calendar.setGridVisible(False)
        self._calendar.setVerticalHeaderFormat(QCalendarWidget.VerticalHeaderFormat.ISOWeekNumbers)
        self._menu = QMenu(self)
        holder = QWidgetAction(self._menu)
        holder.setDefaultWidget(self._calendar)
        self._menu.addAction(holder)
        self._menu.aboutToShow.connect(self._on_menu_about_to_show)
        # Opened by a click (not setMenu: its arrow crowds the word at 1024 px).
        self.clicked.connect(self.open_month)
        # activated: Enter or a double click; clicked: a single click (QCalendarWidget's
        # own popups go on a click too).
        self._calendar.clicked.connect(self._on_calendar_chosen)
        self._calendar.activated.connect(self._on_calendar_chosen)
        self._calendar.currentPageChanged.connect(self._on_calendar_current_page_changed)
        self._booked: set[date] = set()

    def calendar(self) -> QCalendarWidget:
        return self._calendar

    def set_day(self, day: date) -> None:
        with QSignalBlocker(self._calendar):
            self._calendar.setSelectedDate(to_qdate(day))

    def open_month(self) -> None:
        """Show the month under the button (the shortcut's way in). Not showMenu(): that
        waits in its own event loop until the menu closes."""
        self._menu.popup(self.mapToGlobal(QPoint(0, self.height())))

    def set_booked(self, days: set[date]) -> None:
        """Days with appointments are set in bold (the others of the month plain)."""
        plain, bold = QTextCharFormat(), QTextCharFormat()
        bold.setFontWeight(QFont.Weight.Bold)
        for day in self._booked - days:
            self._calendar.setDateTextFormat(to_qdate(day), plain)
        for day in days:
            self._calendar.setDateTextFormat(to_qdate(day), bold)
        self._booked = set(days)

    def booked(self) -> set[date]:
        return set(self._booked)

    def _on_menu_about_to_show(self) -> None:
        self._calendar.setFocus(Qt.FocusReason.PopupFocusReason)
        self._ask_for_month()

    def _on_calendar_current_page_changed(self, _year: int, _month: int) -> None:
        if self._menu.isVisible():
            self._ask_for_month()

    def _ask_for_month(self) -> None:
        first = date(self._calendar.yearShown(), self._calendar.monthShown(), 1)
        following = (first.replace(day=28) + timedelta(days=4)).replace(day=1)
        self.month_shown.emit(first, following - timedelta(days=1))

    def _on_calendar_chosen(self, _day: object) -> None:
        self._menu.close()
        self.day_chosen.emit(from_qdate(self._calendar.selectedDate()))
