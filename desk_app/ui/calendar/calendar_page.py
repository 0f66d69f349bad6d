"""The calendar section: toolbar, day or week view, booking dialog, undo stack, printing.

A member whose role may not book (a stylist, issue 12) sees the calendar but cannot
open the booking dialog, drag or move appointments by key, mark or cancel them: the
button, the keyboard actions and the appointment menu are greyed with the reason, and
every way in that still asks (a double-click, a key, a call) is answered with it."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

import shiboken6
from PySide6.QtCore import QDate, QLocale, QObject, QPoint, QSignalBlocker, Qt, Signal
from PySide6.QtGui import QAction, QUndoStack
from PySide6.QtWidgets import (
    QApplication,
    QButtonGroup,
    QComboBox,
    QDateEdit,
    QDialog,
    QHBoxLayout,
    QLabel,
    QStackedWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desk_app.domain.access import Actor
from desk_app.domain.enums import AppointmentStatus, Permission
from desk_app.services.calendar_plans import BOOKABLE_ROLES, DayPlan, WeekPlan
from desk_app.services.rows import AppointmentRow, CustomerRow, StaffRow
from desk_app.texts import error_text
from desk_app.ui import preferences
from desk_app.ui.access_gate import AccessGate
from desk_app.ui.calendar.appointment_menu import AppointmentMenu
from desk_app.ui.calendar.calendar_actions import CalendarActions
from desk_app.ui.calendar.commands import CalendarCommands
from desk_app.ui.calendar.day_view import DayView
from desk_app.ui.calendar.grid import TimeGridView
from desk_app.ui.calendar.grid_layout import SNAP_MINUTES
from desk_app.ui.calendar.key_gesture import KeyGestureAnswer, SeriesAnswer, StepKind
from desk_app.ui.calendar.mini_month import MiniMonthButton
from desk_app.ui.calendar.service_legend import ServiceLegend, legend_entries
from desk_app.ui.calendar.toolbar_icons import dress_toolbar
from desk_app.ui.calendar.week_view import WeekView
from desk_app.ui.context import UiContext
from desk_app.ui.style.tone import Tone, set_tone
from desk_app.ui.tasks import weakly
from desk_app.ui.widgets.empty_state import EmptyState
from desk_app.ui.widgets.operation import Operation
from desk_app.ui.widgets.undo_buttons import undo_redo_buttons

if TYPE_CHECKING:
    # Imported when first opened (or warmed after the start, see desktop.warm_up): the
    # dialog and its customer search are not needed for the first paint of the day.
    from desk_app.ui.calendar.booking_dialog import BookingDialog

DAY, WEEK = "day", "week"


@dataclass(frozen=True)
class _Loaded:
    staff: list[StaffRow]
    salon_name: str
    plan: DayPlan | WeekPlan | None


class CalendarPage(QWidget):
    """Booking calendar with a day view (staff side by side) and a week view (one staff).

    Signals:
        loaded(): a day or week was (re)loaded and is shown.
        message_shown(str): a refusal or error was shown above the calendar.
    """

    loaded = Signal()
    message_shown = Signal(str)

    def __init__(
        self,
        ctx: UiContext,
        parent: QWidget | None = None,
        *,
        clock: Callable[[], datetime] | None = None,
        day_view: DayView | None = None,
    ) -> None:
        """``day_view``: the frame's view of the day read at start, kept as it is."""
        super().__init__(parent)
        self._ctx = ctx
        self._zone = ZoneInfo(ctx.time_zone)
        self._clock = clock or (lambda: datetime.now(UTC))
        self._calendar = ctx.services.calendar
        self._commands = CalendarCommands(ctx, self)
        self._date = self._today()
        self._mode = DAY
        self._staff: list[StaffRow] = []
        self._salon_name = ""
        self._cancel_checks = Operation(
            self, ctx.db_tasks, failed=self._show_message, time_zone=ctx.time_zone
        )
        self._cancel_dialog: QDialog | None = None
        # Paging through days quickly loads only the day that stays on screen.
        self._loads = Operation(
            self,
            ctx.db_tasks,
            failed=self._show_message,
            time_zone=ctx.time_zone,
            skip_outdated=True,
        )
        # The mini month's bold days: paging on drops the month left behind.
        self._month_loads = Operation(
            self,
            ctx.db_tasks,
            failed=self._show_message,
            time_zone=ctx.time_zone,
            skip_outdated=True,
        )
        self._scrolled: set[str] = set()
        self._dialog: BookingDialog | None = None
        self._busy = False  # a change is being saved
        self._first_day: DayPlan | None = None  # shown from the start's own read
        self._treatments: list[tuple[int, str]] = []  # (id, name), for "Change service"
        self._series_question: QDialog | None = None  # only this / this and all following
        self._series_flow: QObject | None = None
        # One answer per keyboard gesture (Alt+arrows), not one per step.
        self._key_answer = KeyGestureAnswer(self._clock)
        self._access = AccessGate(ctx.signed_in, self)
        self._build(day_view)
        self._connect()
        self._show_date()
        self.refresh()

    # ---- building -----------------------------------------------------------------------
    def _build(self, day_view: DayView | None) -> None:
        self._previous = QToolButton()
        self._previous.setObjectName("previous_day")
        self._previous.setText("◀")
        self._today_button = QToolButton()
        self._today_button.setObjectName("today")
        self._today_button.setText(self.tr("Today"))
        self._next = QToolButton()
        self._next.setObjectName("next_day")
        self._next.setText("▶")
        self._jump = QDateEdit()
        self._jump.setObjectName("jump_date")
        self._jump.setCalendarPopup(True)
        self._jump.setToolTip(self.tr("Go to date"))
        self._title = QLabel()
        self._title.setObjectName("calendar_title")
        title_font = self._title.font()
        title_font.setPointSizeF(title_font.pointSizeF() * 1.25)
        title_font.setBold(True)
        self._title.setFont(title_font)

        self._day_button = QToolButton()
        self._day_button.setObjectName("day_mode")
        self._day_button.setText(self.tr("Day"))
        self._week_button = QToolButton()
        self._week_button.setObjectName("week_mode")
        self._week_button.setText(self.tr("Week"))
        self._modes = QButtonGroup(self)
        for button in (self._day_button, self._week_button):
            button.setCheckable(True)
            self._modes.addButton(button)
        self._day_button.setChecked(True)
        self._staff_combo = QComboBox()
        self._staff_combo.setObjectName("calendar_staff")
        self._staff_combo.setToolTip(self.tr("Staff member for the week view and the day list"))
        self._staff_combo.setMinimumContentsLength(14)

        undo_button, redo_button = undo_redo_buttons(self._commands.stack(), self)

        self._new_button = QToolButton()
        self._new_button.setObjectName("new_booking")
        self._new_button.setText(self.tr("New appointment"))
        self._new_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self._new_button.setToolTip(self.tr("New appointment (Ctrl+N)"))
        self._access.guard(self._new_button, Permission.BOOK)
        self._print_button = QToolButton()
        self._print_button.setObjectName("print_day")
        self._print_button.setText(self.tr("Print day list"))

        # Two rows: the day's title with what one does, then where one looks. In one row
        # the German title and buttons needed more than the window's minimum width.
        bar = QVBoxLayout()
        top, below = QHBoxLayout(), QHBoxLayout()
        bar.addLayout(top)
        bar.addLayout(below)
        top.addWidget(self._title, 1)
        top.addWidget(undo_button)
        top.addWidget(redo_button)
        top.addWidget(self._print_button)
        top.addWidget(self._new_button)
        for widget in (self._previous, self._today_button, self._next, self._jump):
            below.addWidget(widget)
        self._build_glance(below)
        below.addSpacing(8)
        below.addWidget(self._day_button)
        below.addWidget(self._week_button)
        below.addWidget(self._staff_combo)
        below.addStretch(1)
        below.addWidget(self._legend_button)  # at the right, apart from the navigation

        self._message = QLabel()
        self._message.setObjectName("calendar_message")
        self._message.setWordWrap(True)
        set_tone(self._message, Tone.ERROR_BOX)
        self._message.hide()
        # A day (or week) with nothing booked says how to book: one line, the grid stays.
        self._nothing_booked = EmptyState(compact=True)
        self._nothing_booked.setObjectName("calendarEmpty")
        self._nothing_booked.hide()

        self._day_view = day_view or DayView(self._ctx.time_zone)
        self._week_view = WeekView(self._ctx.time_zone)
        for view in (self._day_view, self._week_view):
            view.set_clock(self._clock)
        self._views = QStackedWidget()
        self._views.addWidget(self._day_view)
        self._views.addWidget(self._week_view)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addLayout(bar)
        layout.addWidget(self._legend)
        layout.addWidget(self._message)
        layout.addWidget(self._nothing_booked)
        layout.addWidget(self._build_waitlist(top))
        layout.addWidget(self._views, 1)
        dress_toolbar(self)  # icons, once the buttons are the page's
        # Window shortcuts call the public methods; the grid's keys are keyboard_actions().
        views = (self._day_view, self._week_view)
        self._keyboard = CalendarActions(
            views, self.current_view, self.set_status, self._access, self._show_message, self
        )

    def _build_glance(self, below: QHBoxLayout) -> None:
        """The mini month beside the date field; the legend's switch and the legend."""
        self._mini_month = MiniMonthButton()
        self._mini_month.setToolTip(self.tr("Go to a day in the month (Ctrl+G)"))
        below.addWidget(self._mini_month)
        self._legend = ServiceLegend()
        self._legend_button = QToolButton()
        self._legend_button.setObjectName("legend_switch")
        self._legend_button.setText(self.tr("Colours"))
        self._legend_button.setToolTip(self.tr("Show or hide the legend of service colours"))
        self._legend_button.setCheckable(True)
        shown = bool(preferences.CALENDAR_LEGEND.read(self._ctx.preferences))
        self._legend_button.setChecked(shown)
        self._legend.setVisible(shown)

    def _connect(self) -> None:
        self._mini_month.day_chosen.connect(self.set_date)
        self._mini_month.month_shown.connect(self._on_mini_month_month_shown)
        self._legend_button.toggled.connect(self._on_legend_button_toggled)
        self._previous.clicked.connect(self.previous_day)
        self._next.clicked.connect(self.next_day)
        self._today_button.clicked.connect(self.go_today)
        self._jump.dateChanged.connect(self._on_jump_date_changed)
        self._day_button.toggled.connect(self._on_day_button_toggled)
        self._staff_combo.currentIndexChanged.connect(self._on_staff_combo_current_index_changed)
        self._new_button.clicked.connect(self.new_booking)
        self._print_button.clicked.connect(self._on_print_button_clicked)
        self._commands.changed.connect(self.refresh)
        self._commands.failed.connect(self._on_commands_failed)
        self._commands.busy_changed.connect(self._on_commands_busy_changed)
        for view in (self._day_view, self._week_view):
            view.booking_requested.connect(self._on_view_booking_requested)
            view.move_requested.connect(self._on_view_move_requested)
            view.resize_requested.connect(self._on_view_resize_requested)
            view.key_move_requested.connect(self._on_view_key_move_requested)
            view.key_resize_requested.connect(self._on_view_key_resize_requested)
            view.canvas().selection_changed.connect(self._on_canvas_selection_changed)
            view.cancel_requested.connect(self.cancel_appointment)
            view.menu_requested.connect(self._on_view_menu_requested)
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.connect(self._on_application_focus_changed)
        self._ctx.signed_in.changed.connect(self._on_signed_in_changed)
        self._update_editable()
        # Whatever changed the calendar may have freed a time someone waits for.
        self.loaded.connect(self._waitlist_matches.refresh)
        self._waitlist_matches.booked.connect(self._on_waitlist_matches_booked)
        self._waitlist_button.clicked.connect(self.open_waitlist_dialog)

    # ---- the waitlist (issue 14) ---------------------------------------------------------
    def _build_waitlist(self, toolbar: QHBoxLayout) -> QWidget:
        from desk_app.ui.waitlist.matches_panel import WaitlistMatchesPanel

        self._waitlist_button = QToolButton()
        self._waitlist_button.setObjectName("waitlist")
        self._waitlist_button.setText(self.tr("&Waitlist…"))
        self._waitlist_button.setToolTip(self.tr("Put a customer on the waitlist"))
        self._access.guard(self._waitlist_button, Permission.BOOK)
        toolbar.insertWidget(toolbar.count() - 1, self._waitlist_button)
        # Made after the second row's widgets: without this, Tab reached it last.
        QWidget.setTabOrder(self._print_button, self._waitlist_button)
        self._waitlist_matches = WaitlistMatchesPanel(self._ctx, self)
        return self._waitlist_matches

    def waitlist_matches(self) -> QWidget:
        return self._waitlist_matches

    def open_waitlist_dialog(self) -> QDialog:
        from desk_app.ui.waitlist.waitlist_dialog import WaitlistDialog

        dialog = WaitlistDialog(self._ctx, self, today=self._date)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.added.connect(self._on_waitlist_dialog_added)
        dialog.open()
        return dialog

    def _on_waitlist_dialog_added(self, _entry: object) -> None:
        self._waitlist_matches.refresh()  # a time freed earlier may fit the new entry

    def _on_waitlist_matches_booked(self, _appointment_id: int) -> None:
        self.refresh()

    # ---- public (main window, tests) -----------------------------------------------------
    def undo_stack(self) -> QUndoStack:
        return self._commands.stack()

    def commands(self) -> CalendarCommands:
        return self._commands

    def day_view(self) -> DayView:
        return self._day_view

    def week_view(self) -> WeekView:
        return self._week_view

    def current_view(self) -> TimeGridView:
        return self._week_view if self._mode == WEEK else self._day_view

    def keyboard_actions(self) -> dict[str, QAction]:
        return self._keyboard.actions()

    def focus_grid(self) -> None:
        """The grid takes the focus, its cursor on the selected appointment or on now."""
        self.current_view().canvas().setFocus(Qt.FocusReason.ShortcutFocusReason)

    def current_date(self) -> date:
        return self._date

    def mode(self) -> str:
        return self._mode

    def message(self) -> str:
        return self._message.text() if self._message.isVisible() else ""

    def go_today(self) -> None:
        """Today's date; when today is shown already, back to the current time."""
        if self._today() == self._date:
            self.current_view().scroll_to(self._clock().astimezone(self._zone).time())
        self.set_date(self._today())

    def open_mini_month(self) -> None:
        """The month under its button, to pick a day with the arrows and Enter."""
        self._mini_month.open_month()

    def mini_month(self) -> MiniMonthButton:
        return self._mini_month

    def legend(self) -> ServiceLegend:
        return self._legend

    def set_legend_shown(self, shown: bool) -> None:
        self._legend_button.setChecked(shown)

    def next_day(self) -> None:
        self.set_date(self._date + timedelta(days=7 if self._mode == WEEK else 1))

    def previous_day(self) -> None:
        self.set_date(self._date - timedelta(days=7 if self._mode == WEEK else 1))

    def set_date(self, day: date) -> None:
        if day == self._date:
            return
        self._date = day
        self._clear_message()
        self._show_date()
        self.refresh()

    def set_mode(self, mode: str) -> None:
        if mode == self._mode:
            return
        self._mode = mode
        with QSignalBlocker(self._day_button), QSignalBlocker(self._week_button):
            self._day_button.setChecked(mode == DAY)
            self._week_button.setChecked(mode == WEEK)
        self._views.setCurrentWidget(self.current_view())
        self._keyboard.refresh()
        self._show_date()
        self.refresh()

    def set_week_staff(self, staff_id: int) -> None:
        index = self._staff_combo.findData(staff_id)
        if index >= 0:
            self._staff_combo.setCurrentIndex(index)
        preferences.CALENDAR_WEEK_STAFF.write(self._ctx.preferences, staff_id)
        if self._mode == WEEK:
            self.refresh()

    def refresh(self) -> None:
        """Reload what is shown (after a change here, or when another PC changed data)."""
        calendar, catalogue = self._calendar, self._ctx.services.catalogue
        day, mode, time_zone = self._date, self._mode, self._ctx.time_zone
        wanted = self._chosen_staff_id()

        def work() -> _Loaded:
            staff = [s for s in catalogue.list_staff() if s.role in BOOKABLE_ROLES]
            salon_name = catalogue.salon_settings().salon_name
            if mode == DAY:
                return _Loaded(staff, salon_name, calendar.day(day, time_zone))
            ids = [s.id for s in staff]
            staff_id = wanted if wanted in ids else (ids[0] if ids else None)
            plan = calendar.week(staff_id, day, time_zone) if staff_id is not None else None
            return _Loaded(staff, salon_name, plan)

        self._loads.run(work, self._on_loaded)  # the user went on to another day: drop

    def show_first_day(self, staff: list[StaffRow], salon_name: str, plan: DayPlan) -> None:
        """The day the window read at start (before the database was open), shown until
        this page's own load of it is in (which replaces it only if it differs)."""
        if self._mode != DAY or plan.day != self._date:
            return
        shown = self._day_view.plan()
        if shown is not None and shown != plan:
            return  # a day of its own is shown already
        self._first_day = shown  # the frame's view: laid out already
        self._on_loaded(_Loaded(staff, salon_name, plan))
        self._first_day = plan

    def new_booking(self) -> None:
        """The phone-booking dialog for the shown day (shortcut and toolbar), with the staff
        member of the selected appointment or the shown week: none that nobody chose."""
        if self._refused_booking():
            return
        selected = self.current_view().canvas().selected()
        week_staff = self._chosen_staff_id() if self._mode == WEEK else None
        staff_id = selected.staff_id if selected else week_staff
        self.open_booking_dialog(staff_id, self._suggested_start(), 0)

    def book_for(self, customer: CustomerRow) -> None:
        """The booking dialog with ``customer`` already picked (the customer view's
        „Termin buchen"): the day shown, the next free quarter hour, anyone free."""
        if self._refused_booking():
            return
        self.open_booking_dialog(None, self._suggested_start(), 0).set_customer(customer)

    def open_booking_dialog(
        self, staff_id: int | None, starts_at: datetime, minutes: int = 0
    ) -> BookingDialog:
        from desk_app.ui.calendar.booking_dialog import BookingDialog

        if self._dialog is not None:
            self._dialog.close()
        dialog = BookingDialog(
            self._ctx,
            self,
            staff_id=staff_id,
            starts_at=starts_at,
            minutes=minutes,
            submit=self._commands.create,
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.booked.connect(self._on_dialog_booked)
        dialog.finished.connect(self._on_dialog_finished)
        self._dialog = dialog
        dialog.open()
        return dialog

    def booking_dialog(self) -> BookingDialog | None:
        return self._dialog

    def cancel_appointment(self, row: AppointmentRow) -> None:
        """Cancel; inside the salon's cutoff the receptionist is asked first whether it
        counts as a late cancellation (the service decides by its own clock)."""
        self._clear_message()
        if self._refused_booking():
            return
        if row.series_id is None:
            self._check_late_then_cancel(row)
            return
        # One of a series: only this one, or this and every later one?
        from desk_app.ui.calendar.series_cancel import SeriesCancelQuestion

        question = SeriesCancelQuestion(self)
        question.only_this.connect(lambda: self._check_late_then_cancel(row))
        # The rest of the series too: this one inside the cutoff is asked about all the
        # same (cancelling the whole series is no way around a late cancellation).
        question.and_following.connect(lambda: self._check_late_then_cancel(row, True))
        question.open()

    def _check_late_then_cancel(self, row: AppointmentRow, following: bool = False) -> None:
        booking = self._ctx.services.booking
        self._cancel_checks.run(
            lambda: booking.late_cutoff_if_cancelled_now(row.id),
            weakly(self._on_cancel_checked, row, following),
        )

    def _on_cancel_checked(
        self, row: AppointmentRow, following: bool, cutoff_hours: int | None
    ) -> None:
        cancel = self._commands.cancel_following if following else self._commands.cancel
        if cutoff_hours is None:
            cancel(row)
            return
        from desk_app.ui.calendar.cancel_dialog import LateCancelDialog

        when = error_text.format_moment(row.starts_at, self._ctx.time_zone)
        dialog = LateCancelDialog(row, when, cutoff_hours, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: cancel(row, not dialog.counts()))
        self._cancel_dialog = dialog
        dialog.finished.connect(self._on_cancel_dialog_finished)
        dialog.open()

    def cancel_dialog(self) -> QDialog | None:
        """The late-cancellation question while it is open (for tests)."""
        return self._cancel_dialog

    def _on_cancel_dialog_finished(self, _result: int) -> None:
        self._cancel_dialog = None

    def set_status(self, row: AppointmentRow, status: AppointmentStatus) -> None:
        self._clear_message()
        if not self._refused_booking():
            self._commands.set_status(row, status)

    def set_notify(self, row: AppointmentRow, notify: bool) -> None:
        """The per-booking switch; switching it on queues the confirmation now."""
        if not self._refused_booking():
            self._commands.set_notify(row, notify)

    def write_day_list(self, path: Path | str, staff_id: int) -> None:
        """The day list of one staff member as PDF (uses the loaded day plan)."""
        plan = self._day_view.plan()
        if plan is None:
            raise RuntimeError("no day loaded yet")
        from desk_app.ui.calendar.print_day import write_day_pdf  # printing: when asked

        write_day_pdf(path, plan, staff_id, self._salon_name)

    # ---- loading ------------------------------------------------------------------------
    def _on_loaded(self, loaded: _Loaded) -> None:
        self._salon_name = loaded.salon_name
        self._fill_staff(loaded.staff, loaded.plan)
        plan = loaded.plan
        self._legend.set_entries(legend_entries(plan))
        if isinstance(plan, DayPlan):
            # The day shown at start, loaded again unchanged: nothing to lay out anew.
            first, self._first_day = self._first_day, None
            if plan != first:
                self._day_view.set_plan(plan)
            self._scroll_first_time(self._day_view, plan.day, plan.opening)
        elif isinstance(plan, WeekPlan):
            self._week_view.set_plan(plan)
            opening = next((d.opening for d in plan.days if d.day == self._date), ())
            self._scroll_first_time(self._week_view, self._date, opening)
        self._show_nothing_booked(plan)
        self._keyboard.refresh()
        self.loaded.emit()

    def nothing_booked(self) -> EmptyState:
        return self._nothing_booked

    def _show_nothing_booked(self, plan: DayPlan | WeekPlan | None) -> None:
        """The empty state above the grid: no team yet, or nothing booked on the day or
        week shown (a closed day says so in the grid itself)."""
        if isinstance(plan, DayPlan) and not plan.columns:
            self._nothing_booked.show_state(
                self.tr("Nobody works in the calendar yet."),
                self.tr("Add your team in the settings (Ctrl+,), tab “Staff”."),
            )
        elif (
            isinstance(plan, DayPlan)
            and plan.closed is None
            and not _booked(a for c in plan.columns for a in c.appointments)
        ):
            self._nothing_booked.show_state(
                self.tr("No appointments on this day."),
                self.tr("Double-click a free time, or press Ctrl+N, to book one."),
            )
        elif isinstance(plan, WeekPlan) and not _booked(
            a for d in plan.days for a in d.appointments
        ):
            self._nothing_booked.show_state(
                self.tr("No appointments for {name} this week.").format(name=plan.staff.name),
                self.tr("Double-click a free time, or press Ctrl+N, to book one."),
            )
        else:
            self._nothing_booked.hide()
            return
        self._nothing_booked.show()

    def _scroll_first_time(self, view: TimeGridView, day: date, opening: object) -> None:
        key = f"{type(view).__name__}:{day.isoformat()}"
        if key in self._scrolled:
            return
        self._scrolled = {key}
        now = self._clock().astimezone(self._zone)
        if now.date() == day:
            view.scroll_to(now.time())
        else:
            view.scroll_to(time(0))

    def _fill_staff(self, staff: list[StaffRow], plan: DayPlan | WeekPlan | None) -> None:
        chosen = plan.staff.id if isinstance(plan, WeekPlan) else self._chosen_staff_id()
        self._staff = staff
        with QSignalBlocker(self._staff_combo):
            self._staff_combo.clear()
            for member in staff:
                self._staff_combo.addItem(member.name, member.id)
            index = self._staff_combo.findData(chosen)
            self._staff_combo.setCurrentIndex(index if index >= 0 else 0)

    def _chosen_staff_id(self) -> int | None:
        data = self._staff_combo.currentData()
        if data is not None:
            return int(data)
        stored = preferences.CALENDAR_WEEK_STAFF.read(self._ctx.preferences)
        return stored or None

    # ---- dates --------------------------------------------------------------------------
    def _today(self) -> date:
        return self._clock().astimezone(self._zone).date()

    def _show_date(self) -> None:
        qdate = QDate(self._date.year, self._date.month, self._date.day)
        with QSignalBlocker(self._jump):
            self._jump.setDate(qdate)
        self._mini_month.set_day(self._date)
        locale = QLocale()
        if self._mode == WEEK:
            monday = self._date - timedelta(days=self._date.weekday())
            sunday = monday + timedelta(days=6)
            self._title.setText(
                self.tr("Week {week}: {first} – {last}").format(
                    week=monday.isocalendar().week,
                    first=locale.toString(
                        QDate(monday.year, monday.month, monday.day), QLocale.FormatType.ShortFormat
                    ),
                    last=locale.toString(
                        QDate(sunday.year, sunday.month, sunday.day), QLocale.FormatType.ShortFormat
                    ),
                )
            )
            self._previous.setToolTip(self.tr("Previous week (Alt+Left)"))
            self._next.setToolTip(self.tr("Next week (Alt+Right)"))
        else:
            self._title.setText(locale.toString(qdate, QLocale.FormatType.LongFormat))
            self._previous.setToolTip(self.tr("Previous day (Alt+Left)"))
            self._next.setToolTip(self.tr("Next day (Alt+Right)"))

    def _suggested_start(self) -> datetime:
        """The next quarter hour today; on another day the opening time (or 9:00)."""
        now = self._clock().astimezone(self._zone)
        if self._date == now.date():
            minutes = (now.hour * 60 + now.minute) // SNAP_MINUTES * SNAP_MINUTES + SNAP_MINUTES
            minutes = min(minutes, 24 * 60 - SNAP_MINUTES)
            return datetime.combine(self._date, time(minutes // 60, minutes % 60), self._zone)
        plan = self._day_view.plan()
        opens = plan.opening[0].opens if plan and plan.day == self._date and plan.opening else None
        return datetime.combine(self._date, opens or time(9, 0), self._zone)

    # ---- slots --------------------------------------------------------------------------
    def _on_jump_date_changed(self, qdate: QDate) -> None:
        self.set_date(date(qdate.year(), qdate.month(), qdate.day()))

    def _on_mini_month_month_shown(self, first: date, last: date) -> None:
        calendar, time_zone = self._calendar, self._ctx.time_zone
        self._month_loads.run(
            lambda: calendar.booked_days(first, last, time_zone), self._mini_month.set_booked
        )

    def _on_legend_button_toggled(self, checked: bool) -> None:
        self._legend.setVisible(checked)
        preferences.CALENDAR_LEGEND.write(self._ctx.preferences, int(checked))

    def _on_day_button_toggled(self, checked: bool) -> None:
        self.set_mode(DAY if checked else WEEK)

    def _on_staff_combo_current_index_changed(self, _index: int) -> None:
        staff_id = self._staff_combo.currentData()
        if staff_id is None:
            return
        preferences.CALENDAR_WEEK_STAFF.write(self._ctx.preferences, int(staff_id))
        if self._mode == WEEK:
            self.refresh()

    def _on_view_booking_requested(self, staff_id: int, starts_at: datetime, minutes: int) -> None:
        if self._refused_booking():
            return
        self.open_booking_dialog(staff_id, starts_at, minutes)

    def _on_view_move_requested(
        self,
        row: AppointmentRow,
        staff_id: int,
        starts_at: datetime,
        step: StepKind | None = None,
    ) -> None:
        self._clear_message()
        if self._refused_booking():
            return
        if row.series_id is None:
            self._commands.move(row, staff_id, starts_at)
            return
        other_staff = staff_id if staff_id != row.staff_id else None
        self._ask_series_change(
            row,
            lambda: self._commands.move(row, staff_id, starts_at),
            step,
            starts_at=starts_at,
            staff_id=other_staff,
        )

    def _on_view_resize_requested(
        self, row: AppointmentRow, minutes: int, step: StepKind | None = None
    ) -> None:
        self._clear_message()
        if self._refused_booking():
            return
        if row.series_id is None:
            self._commands.resize(row, minutes)
            return
        self._ask_series_change(
            row, lambda: self._commands.resize(row, minutes), step, minutes=minutes
        )

    def _on_view_key_move_requested(
        self, row: AppointmentRow, staff_id: int, starts_at: datetime
    ) -> None:
        self._on_view_move_requested(row, staff_id, starts_at, StepKind.MOVE)

    def _on_view_key_resize_requested(self, row: AppointmentRow, minutes: int) -> None:
        self._on_view_resize_requested(row, minutes, StepKind.RESIZE)

    def _on_canvas_selection_changed(self, row: AppointmentRow | None) -> None:
        self._key_answer.selected(row.id if row is not None else None)

    def _on_application_focus_changed(self, _old: QWidget | None, new: QWidget | None) -> None:
        # Another widget of this window ends a keyboard gesture; the question's dialog
        # (a window of its own) and the grids themselves do not.
        if not shiboken6.isValid(self):
            return
        grids = (self._day_view.canvas(), self._week_view.canvas())
        if new is not None and new.window() is self.window() and new not in grids:
            self._key_answer.forget()

    def change_service(self, row: AppointmentRow, service_id: int) -> None:
        """Another service for the appointment (its duration with it); one of a series
        asks first: only this one, or this and all following?"""
        self._clear_message()
        if self._refused_booking() or service_id == row.service_id:
            return
        from desk_app.services.series_changes import OccurrenceChange

        change = OccurrenceChange(service_id=service_id)
        if row.series_id is None:
            self._commands.change_series(row, change, {}, only=True)
            return
        self._ask_series_change(
            row,
            lambda: self._commands.change_series(row, change, {}, only=True),
            None,
            service_id=service_id,
        )

    def _ask_series_change(
        self,
        row: AppointmentRow,
        only_this: Callable[[], None],
        step: StepKind | None,
        **change: object,
    ) -> None:
        """Only this occurrence (``only_this``), or this and all following (``change``,
        the fields of ``OccurrenceChange``)? Keeping it as it was drops the dragged
        ghost. A key ``step`` that continues a keyboard gesture takes the answer given
        at its first step (``key_gesture``)."""
        from desk_app.services.series_changes import OccurrenceChange
        from desk_app.ui.calendar.series_cancel import SeriesChangeQuestion
        from desk_app.ui.calendar.series_change import SeriesChangeFlow

        following = OccurrenceChange(**change)  # type: ignore[arg-type]
        answer = self._key_answer.recall(row.id, step) if step is not None else None
        if answer is SeriesAnswer.ONLY_THIS:
            only_this()
            return
        if answer is SeriesAnswer.FOLLOWING:
            flow = self._series_flow
            if isinstance(flow, SeriesChangeFlow) and shiboken6.isValid(flow) and flow.running:
                # The gesture's previous step is still being planned: this one would be
                # planned against the series before it. Dropped; the next key goes on.
                self._clear_pending()
                return
            self._change_following(row, following)
            return
        question = SeriesChangeQuestion(self)
        question.only_this.connect(only_this)
        question.and_following.connect(lambda: self._change_following(row, following))
        if step is not None:
            answers = self._key_answer
            question.only_this.connect(lambda: answers.keep(row.id, step, SeriesAnswer.ONLY_THIS))
            question.and_following.connect(
                lambda: answers.keep(row.id, step, SeriesAnswer.FOLLOWING)
            )
        question.buttonClicked.connect(
            lambda button: self._clear_pending() if button is question.keep else None
        )
        self._series_question = question
        question.open()

    def series_question(self) -> QDialog | None:
        """The "only this / this and all following" question while it is open (tests)."""
        question = self._series_question
        if question is None or not shiboken6.isValid(question) or not question.isVisible():
            return None
        return question

    def _change_following(self, row: AppointmentRow, change: object) -> None:
        from desk_app.ui.calendar.series_change import SeriesChangeFlow

        flow = SeriesChangeFlow(
            self._ctx,
            self._commands,
            self,
            row,
            change,  # type: ignore[arg-type]
            self._clear_pending,
            self._show_message,
        )
        self._series_flow = flow
        flow.start()

    def series_flow(self) -> QObject | None:
        """The running "this and all following" change (tests: its conflicts step)."""
        return self._series_flow

    def _clear_pending(self) -> None:
        self._day_view.clear_pending()
        self._week_view.clear_pending()

    def _on_view_menu_requested(self, row: AppointmentRow, position: QPoint) -> None:
        details = self.current_view().canvas().tooltip_text(row)
        menu = AppointmentMenu(row, self._ctx.signed_in, self, details)
        menu.status_chosen.connect(self.set_status)
        menu.cancel_chosen.connect(self.cancel_appointment)
        menu.notify_toggled.connect(self.set_notify)
        menu.service_chosen.connect(self.change_service)
        self._offer_services(menu)
        menu.popup(position)

    def _offer_services(self, menu: AppointmentMenu) -> None:
        """The menu's "Change service" entries: the services as last read at once, then
        read again in the background (they are few and rarely change)."""
        if self._treatments:
            menu.set_services(self._treatments)
        catalogue = self._ctx.services.catalogue

        def read() -> list[tuple[int, str]]:
            return [(t.id, t.name) for t in catalogue.list_treatments()]

        def done(found: list[tuple[int, str]]) -> None:
            self._treatments = found
            if shiboken6.isValid(menu):
                menu.set_services(found)

        self._ctx.db_tasks.submit(self, read, done, self._show_error)

    def _on_commands_failed(self, text: str) -> None:
        self._day_view.clear_pending()
        self._week_view.clear_pending()
        self._show_message(text)

    def _on_commands_busy_changed(self, busy: bool) -> None:
        self._busy = busy
        self._update_editable()

    def _update_editable(self) -> None:
        editable = not self._busy and not self._access.refusal(Permission.BOOK)
        self._day_view.set_editable(editable)
        self._week_view.set_editable(editable)

    def _on_signed_in_changed(self, _actor: Actor) -> None:
        self._update_editable()

    def _refused_booking(self) -> bool:
        """Says why this member may not book, if they may not (what changes a booking is
        greyed, but a double-click on the grid or the Del key still asks)."""
        reason = self._access.refusal(Permission.BOOK)
        if reason:
            self._show_message(reason)
        return bool(reason)

    def _on_dialog_booked(self, row: AppointmentRow) -> None:
        day = row.starts_at.astimezone(self._zone).date()
        if self._mode == DAY:
            self.set_date(day)

    def _on_dialog_finished(self, _result: int) -> None:
        self._dialog = None

    def _on_print_button_clicked(self) -> None:
        staff_id = self._chosen_staff_id()
        if staff_id is not None:
            day = (self._date, staff_id, self._salon_name)
            from desk_app.ui.calendar.print_day import print_day_later  # when asked

            print_day_later(self, self._ctx, day, self._show_error)

    # ---- messages -----------------------------------------------------------------------
    def _show_message(self, text: str) -> None:
        self._message.setText(text)
        self._message.show()
        self.message_shown.emit(text)

    def _clear_message(self) -> None:
        self._message.clear()
        self._message.hide()

    def _show_error(self, exc: BaseException) -> None:
        self._show_message(error_text.describe(exc, self._ctx.time_zone))


def _booked(appointments: Iterable[AppointmentRow]) -> bool:
    """Whether any of them still holds its time (cancelled ones are drawn, but free)."""
    return any(a.status is not AppointmentStatus.CANCELLED for a in appointments)
