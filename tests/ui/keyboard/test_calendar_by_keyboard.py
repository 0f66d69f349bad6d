"""The calendar by keyboard alone, in the real main window on a real database.

Keys go where Qt sends them (the open popup menu, else the focus widget) and are counted;
nothing is called on a widget in the scenarios, and the database says whether it
worked. The counts are printed (pytest -s) for the issue's figures.
"""

from __future__ import annotations

from datetime import date, time, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication, QComboBox, QMenu
from pytestqt.qtbot import QtBot

from desk_app.domain.enums import AppointmentStatus
from desk_app.domain.recurrence import Frequency, SeriesRule
from desk_app.services.booking import BookingRequest
from desk_app.services.container import Services
from desk_app.services.rows import AppointmentRow, CustomerRow
from desk_app.services.series import SeriesRequest
from desk_app.ui.calendar.calendar_page import WEEK, CalendarPage
from desk_app.ui.calendar.grid import TimeGridCanvas
from desk_app.ui.context import UiContext
from desk_app.ui.main_window import MainWindow, WindowParts
from tests.conftest import Clock
from tests.services.support import BERLIN, Salon, add_customer, berlin, make_salon
from tests.support.ui import open_weekdays
from tests.ui.keyboard.typist import Typist

pytestmark = [
    # Popup menus want to raise themselves and grab the keyboard, which offscreen cannot.
    pytest.mark.qt_log_ignore(
        "This plugin does not support propagateSizeHints",
        "does not support raise",
        "does not support grabbing the keyboard",
    ),
]
Mod = Qt.KeyboardModifier
BOTH = pytest.mark.parametrize("backend", ["sqlite", "postgresql"], indirect=True)
SQLITE = pytest.mark.parametrize("backend", ["sqlite"], indirect=True)
WEDNESDAY = date(2026, 11, 25)  # the clock's day


@pytest.fixture
def salon(services: Services) -> Salon:
    open_weekdays(services)
    return make_salon(services)


@pytest.fixture
def bea(services: Services) -> CustomerRow:
    return add_customer(services, "Bea", "Bauer", "bea@example.org", "0170 9876543")


@pytest.fixture
def anna(services: Services) -> CustomerRow:
    return add_customer(services)


@pytest.fixture
def window(
    qtbot: QtBot, ctx: UiContext, clock: Clock, salon: Salon, alive: list[object], tmp_path: Path
) -> MainWindow:
    """The real main window with the calendar section, on the clock's Wednesday 9:00."""
    page = CalendarPage(ctx, clock=clock)
    settings = QSettings(str(tmp_path / "window.ini"), QSettings.Format.IniFormat)
    main = MainWindow("Salon", settings, WindowParts(pages={"calendar": page}))
    qtbot.addWidget(main)
    alive.append(main)
    main.resize(1366, 768)
    main.show()
    main.activateWindow()
    qtbot.waitExposed(main)
    qtbot.waitUntil(lambda: page.day_view().column_count() == 2)
    return main


def _page(window: MainWindow) -> CalendarPage:
    page = window.page("calendar")
    assert isinstance(page, CalendarPage)
    return page


def _book(
    services: Services, customer: CustomerRow, staff_id: int, service_id: int, day: int, hour: int
) -> AppointmentRow:
    return services.booking.book(
        BookingRequest(customer.id, staff_id, service_id, berlin(2026, 11, day, hour))
    )


def _settled(qtbot: QtBot, page: CalendarPage) -> None:
    """Every change saved and the calendar reloaded (waiting is not a key)."""
    qtbot.waitUntil(lambda: not page.commands().busy())
    with qtbot.waitSignal(page.loaded):
        page.refresh()


def _column_keys(page: CalendarPage, staff_id: int) -> int:
    """How many Right presses from the first column to the staff member's."""
    index = page.day_view().column_index(staff_id)
    assert index is not None
    return index


def _second_column(page: CalendarPage, salon: Salon) -> int:
    """The staff member in the second column: reaching them takes a key more."""
    return next(s.id for s in (salon.stylist, salon.other_stylist) if _column_keys(page, s.id) == 1)


def _first_column(page: CalendarPage, salon: Salon) -> int:
    return next(s.id for s in (salon.stylist, salon.other_stylist) if _column_keys(page, s.id) == 0)


def _on_grid(window: MainWindow, keys: Typist) -> TimeGridCanvas:
    """Ctrl+1: the calendar section, its grid focused (counted like any key)."""
    keys.press(Qt.Key.Key_1, Mod.ControlModifier)
    canvas = QApplication.focusWidget()
    assert isinstance(canvas, TimeGridCanvas)
    return canvas


@BOTH
def test_mark_arrived_and_no_show_by_keyboard_then_undo(
    qtbot: QtBot,
    window: MainWindow,
    services: Services,
    salon: Salon,
    anna: CustomerRow,
    bea: CustomerRow,
) -> None:
    page = _page(window)
    _book(services, anna, _first_column(page, salon), salon.cut.id, 25, 10)
    beas = _book(services, bea, _second_column(page, salon), salon.cut.id, 25, 11)
    _settled(qtbot, page)
    keys = Typist(qtbot, "calendar", window)
    canvas = _on_grid(window, keys)
    assert canvas.cursor_slot() == (0, 9 * 60)  # now, in the first column
    from_grid = keys.keys
    keys.press(Qt.Key.Key_Right)  # the second staff member, still at 9:00
    keys.press(Qt.Key.Key_Down, Mod.ControlModifier)  # to the next appointment in the column
    assert canvas.selected() is not None and canvas.selected().id == beas.id
    keys.press(Qt.Key.Key_A)
    _settled(qtbot, page)
    assert services.booking.get(beas.id).status is AppointmentStatus.ARRIVED
    print(
        f"\nmark 'arrived': {keys.keys - from_grid} keys with the grid focused, "
        f"{keys.keys} with Ctrl+1 from anywhere in the window"
    )
    assert keys.keys - from_grid <= 3
    assert keys.keys <= 4
    keys.press(Qt.Key.Key_Z, Mod.ControlModifier)
    _settled(qtbot, page)
    assert services.booking.get(beas.id).status is AppointmentStatus.BOOKED
    keys.press(Qt.Key.Key_N)  # the cursor is still on Bea's appointment
    _settled(qtbot, page)
    assert services.booking.get(beas.id).status is AppointmentStatus.NO_SHOW


@SQLITE
def test_menu_key_opens_the_appointment_menu_and_its_letters_work(
    qtbot: QtBot, window: MainWindow, services: Services, salon: Salon, anna: CustomerRow
) -> None:
    page = _page(window)
    annas = _book(services, anna, _second_column(page, salon), salon.cut.id, 25, 10)
    _settled(qtbot, page)
    keys = Typist(qtbot, "calendar", window)
    canvas = _on_grid(window, keys)
    start = keys.keys
    keys.press(Qt.Key.Key_Right)
    keys.press(Qt.Key.Key_Down, Mod.ControlModifier)
    keys.press(Qt.Key.Key_Menu)
    menu = QApplication.activePopupWidget()
    assert isinstance(menu, QMenu) and menu.objectName() == "appointment_menu"
    assert menu.geometry().intersects(
        canvas.block_rect(annas.id).translated(canvas.mapToGlobal(canvas.rect().topLeft()))
    )  # it opens at the appointment, not where the mouse happens to be
    keys.press(Qt.Key.Key_A)  # &Arrived
    qtbot.waitUntil(lambda: QApplication.activePopupWidget() is None)
    _settled(qtbot, page)
    assert services.booking.get(annas.id).status is AppointmentStatus.ARRIVED
    print(f"\nmark 'arrived' through the menu key: {keys.keys - start} keys on the grid")
    assert keys.keys - start <= 4
    # Shift+F10 does the same as the menu key; Escape closes the menu.
    keys.press(Qt.Key.Key_F10, Mod.ShiftModifier)
    assert isinstance(QApplication.activePopupWidget(), QMenu)
    keys.press(Qt.Key.Key_Escape)
    assert QApplication.activePopupWidget() is None


@SQLITE
def test_enter_on_free_time_books_that_staff_member_and_time(
    qtbot: QtBot, window: MainWindow, salon: Salon
) -> None:
    page = _page(window)
    keys = Typist(qtbot, "calendar", window)
    canvas = _on_grid(window, keys)
    keys.press(Qt.Key.Key_Right)
    for _ in range(6):  # 9:00 → 10:30
        keys.press(Qt.Key.Key_Down)
    assert canvas.cursor_slot() is not None and canvas.cursor_slot()[1] == 10 * 60 + 30
    keys.press(Qt.Key.Key_Return)
    dialog = page.booking_dialog()
    assert dialog is not None
    assert dialog.starts_at() == berlin(2026, 11, 25, 10, 30)
    staff = dialog.findChild(QComboBox, "staff")
    assert staff is not None
    qtbot.waitUntil(lambda: staff.currentData() == _second_column(page, salon))
    dialog.reject()


@BOTH
def test_move_and_resize_by_keyboard_with_the_same_checks_and_undo(
    qtbot: QtBot,
    window: MainWindow,
    services: Services,
    salon: Salon,
    anna: CustomerRow,
    bea: CustomerRow,
) -> None:
    page = _page(window)
    annas = _book(services, anna, salon.stylist.id, salon.cut.id, 25, 10)
    beas = _book(services, bea, salon.other_stylist.id, salon.cut.id, 25, 11)
    _settled(qtbot, page)
    keys = Typist(qtbot, "calendar", window)
    _on_grid(window, keys)
    if _column_keys(page, salon.stylist.id):
        keys.press(Qt.Key.Key_Right)
    keys.press(Qt.Key.Key_Down, Mod.ControlModifier)
    keys.press(Qt.Key.Key_Down, Mod.AltModifier)  # 15 minutes later
    _settled(qtbot, page)
    moved = services.booking.get(annas.id)
    assert moved.starts_at == berlin(2026, 11, 25, 10, 15)
    keys.press(Qt.Key.Key_Down, Mod.AltModifier | Mod.ShiftModifier)  # 15 minutes longer
    _settled(qtbot, page)
    longer = services.booking.get(annas.id)
    assert longer.ends_at - longer.starts_at == timedelta(minutes=60)
    # To the other stylist at 10:15–11:15 would overlap Bea's 11:00: refused, as a drag is.
    direction = Qt.Key.Key_Right if _column_keys(page, salon.stylist.id) == 0 else Qt.Key.Key_Left
    keys.press(direction, Mod.AltModifier | Mod.ShiftModifier)
    qtbot.waitUntil(lambda: page.message() != "")
    _settled(qtbot, page)
    assert services.booking.get(annas.id).staff_id == salon.stylist.id
    assert services.booking.get(beas.id).starts_at == berlin(2026, 11, 25, 11)
    # Shorter again, then the free move to the other stylist.
    keys.press(Qt.Key.Key_Up, Mod.AltModifier | Mod.ShiftModifier)
    _settled(qtbot, page)
    keys.press(direction, Mod.AltModifier | Mod.ShiftModifier)
    _settled(qtbot, page)
    there = services.booking.get(annas.id)
    assert (there.staff_id, there.starts_at) == (
        salon.other_stylist.id,
        berlin(2026, 11, 25, 10, 15),
    )
    # Undo all four changes, one Ctrl+Z each.
    for _ in range(4):
        keys.press(Qt.Key.Key_Z, Mod.ControlModifier)
        _settled(qtbot, page)
    back = services.booking.get(annas.id)
    assert (back.staff_id, back.starts_at, back.ends_at) == (
        annas.staff_id,
        annas.starts_at,
        annas.ends_at,
    )


@SQLITE
def test_delete_cancels_and_undo_restores(
    qtbot: QtBot, window: MainWindow, services: Services, salon: Salon, anna: CustomerRow
) -> None:
    page = _page(window)
    annas = _book(services, anna, salon.stylist.id, salon.cut.id, 25, 10)
    _settled(qtbot, page)
    keys = Typist(qtbot, "calendar", window)
    _on_grid(window, keys)
    if _column_keys(page, salon.stylist.id):
        keys.press(Qt.Key.Key_Right)
    for _ in range(4):  # 9:00 → 10:00, a quarter hour a key
        keys.press(Qt.Key.Key_Down)
    keys.press(Qt.Key.Key_Delete)
    # An hour before it starts: the late-cancellation question, answered with Enter.
    qtbot.waitUntil(lambda: page.cancel_dialog() is not None)
    keys.press(Qt.Key.Key_Return)
    _settled(qtbot, page)
    assert services.booking.get(annas.id).status is AppointmentStatus.CANCELLED
    assert services.booking.get(annas.id).late_cancellation
    keys.press(Qt.Key.Key_Z, Mod.ControlModifier)
    _settled(qtbot, page)
    assert services.booking.get(annas.id).status is AppointmentStatus.BOOKED


@SQLITE
def test_week_view_moves_to_the_next_day(
    qtbot: QtBot, window: MainWindow, services: Services, salon: Salon, anna: CustomerRow
) -> None:
    page = _page(window)
    annas = _book(services, anna, salon.stylist.id, salon.cut.id, 25, 10)
    page.set_week_staff(salon.stylist.id)  # set-up, not part of the scenario
    page.set_mode(WEEK)
    _settled(qtbot, page)
    keys = Typist(qtbot, "calendar", window)
    canvas = _on_grid(window, keys)
    assert canvas is page.week_view().canvas()
    assert canvas.cursor_slot() == (2, 9 * 60)  # Wednesday's column, now
    keys.press(Qt.Key.Key_Down, Mod.ControlModifier)
    keys.press(Qt.Key.Key_Right, Mod.AltModifier | Mod.ShiftModifier)  # to Thursday
    _settled(qtbot, page)
    assert services.booking.get(annas.id).starts_at == berlin(2026, 11, 26, 10)
    assert canvas.selected() is not None and canvas.selected().id == annas.id


@SQLITE
def test_the_cursor_takes_an_appointment_as_one_step(
    qtbot: QtBot,
    window: MainWindow,
    services: Services,
    salon: Salon,
    anna: CustomerRow,
    bea: CustomerRow,
) -> None:
    page = _page(window)
    first = _first_column(page, salon)
    annas = _book(services, anna, first, salon.cut.id, 25, 10)  # 10:00–10:45
    beas = _book(services, bea, first, salon.colour.id, 25, 11)  # 11:00–12:30
    _settled(qtbot, page)
    keys = Typist(qtbot, "calendar", window)
    canvas = _on_grid(window, keys)

    def at() -> tuple[int | None, int | None]:
        slot, row = canvas.cursor_slot(), canvas.selected()
        return (slot[1] if slot else None), (row.id if row else None)

    steps = [
        (Qt.Key.Key_Down, (9 * 60 + 15, None)),
        (Qt.Key.Key_PageDown, (10 * 60, annas.id)),  # an hour on lands in Anna's visit
        (Qt.Key.Key_Down, (10 * 60 + 45, None)),  # the quarter hour after it
        (Qt.Key.Key_Down, (11 * 60, beas.id)),
        (Qt.Key.Key_Down, (12 * 60 + 30, None)),  # 90 minutes are one step
        (Qt.Key.Key_Up, (11 * 60, beas.id)),
        (Qt.Key.Key_Up, (10 * 60 + 45, None)),
        (Qt.Key.Key_Home, (canvas.visible_range()[0], None)),
        (Qt.Key.Key_End, (canvas.visible_range()[1] - 15, None)),
    ]
    for key, expected in steps:
        keys.press(key)
        assert at() == expected, QKeySequence(key).toString()
    keys.press(Qt.Key.Key_Up, Mod.ControlModifier)  # back to the last appointment above
    assert at() == (11 * 60, beas.id)
    keys.press(Qt.Key.Key_Up, Mod.ControlModifier)
    assert at() == (10 * 60, annas.id)
    keys.press(Qt.Key.Key_Right)  # the next column at the same time: free
    assert canvas.cursor_slot() == (1, 10 * 60) and canvas.selected() is None


def _answer(qtbot: QtBot, page: CalendarPage, keys: Typist, key: Qt.Key, modifier: Mod) -> None:
    """The series question is open: answer it by key (offscreen the new window does not
    take the focus by itself; on a desktop it does)."""
    qtbot.waitUntil(lambda: page.series_question() is not None)
    question = page.series_question()
    assert question is not None

    def in_question() -> bool:
        if not question.isActiveWindow():
            question.activateWindow()
        focused = QApplication.focusWidget()
        return focused is not None and focused.window() is question

    qtbot.waitUntil(in_question)
    keys.press(key, modifier)
    qtbot.waitUntil(lambda: page.series_question() is None)


@SQLITE
def test_a_keyboard_move_of_a_series_occurrence_asks_once_per_gesture(
    qtbot: QtBot,
    window: MainWindow,
    services: Services,
    salon: Salon,
    anna: CustomerRow,
    clock: Clock,
) -> None:
    page = _page(window)
    rule = SeriesRule(Frequency.WEEKLY, 1, count=4)
    rows = services.series.book(
        SeriesRequest(anna.id, salon.stylist.id, salon.cut.id, WEDNESDAY, time(10, 0), rule), {}
    )
    _settled(qtbot, page)
    keys = Typist(qtbot, "calendar", window)

    def starts() -> list[str]:
        return [f"{services.booking.get(r.id).starts_at.astimezone(BERLIN):%H:%M}" for r in rows]

    def step_later() -> None:
        keys.press(Qt.Key.Key_Down, Mod.AltModifier)

    _on_grid(window, keys)
    keys.press(Qt.Key.Key_Right, times=_column_keys(page, salon.stylist.id))
    keys.press(Qt.Key.Key_Down, Mod.ControlModifier)  # the first occurrence, 10:00
    # The first step asks; "only this one" (Enter, the default).
    step_later()
    _answer(qtbot, page, keys, Qt.Key.Key_Return, Mod.NoModifier)
    _settled(qtbot, page)
    assert starts() == ["10:15", "10:00", "10:00", "10:00"]
    # The next steps of the same gesture take that answer: no question.
    for _ in range(2):
        step_later()
        assert page.series_question() is None
        _settled(qtbot, page)
    assert starts() == ["10:45", "10:00", "10:00", "10:00"]

    # After a pause the next step is a new decision: asked again, "all following" (Alt+A),
    # kept for the steps after it.
    clock.now += timedelta(seconds=11)
    step_later()
    _answer(qtbot, page, keys, Qt.Key.Key_A, Mod.AltModifier)
    # (planned first, off the GUI thread: wait for what the database says)
    qtbot.waitUntil(lambda: starts() == ["11:00"] * 4)
    _settled(qtbot, page)
    step_later()
    assert page.series_question() is None
    qtbot.waitUntil(lambda: starts() == ["11:15"] * 4)
    _settled(qtbot, page)
    # Two steps at once: a second that comes while the first is still being planned is
    # dropped rather than planned against the series before the first (one that comes
    # after it goes on from there): the series moves on as one, one or two steps.
    step_later()
    step_later()
    qtbot.waitUntil(lambda: not getattr(page.series_flow(), "running", False))
    _settled(qtbot, page)
    qtbot.waitUntil(lambda: starts() in (["11:30"] * 4, ["11:45"] * 4))
    _settled(qtbot, page)
    [at, *_] = starts()
    later = {"11:30": "11:45", "11:45": "12:00"}[at]

    # Another selection ends the gesture: away from it and back, the step asks again;
    # "keep as it was" (Escape) changes nothing and is not kept.
    keys.press(Qt.Key.Key_Up)  # the cursor to free time above it
    keys.press(Qt.Key.Key_Down, Mod.ControlModifier)  # the same appointment again
    for _ in range(2):
        step_later()
        _answer(qtbot, page, keys, Qt.Key.Key_Escape, Mod.NoModifier)
        _settled(qtbot, page)
    assert starts() == [at] * 4

    # So does the focus going elsewhere in the window (Tab), and back (Ctrl+1).
    step_later()
    _answer(qtbot, page, keys, Qt.Key.Key_Return, Mod.NoModifier)
    _settled(qtbot, page)
    keys.press(Qt.Key.Key_Tab)
    assert not isinstance(QApplication.focusWidget(), TimeGridCanvas)
    _on_grid(window, keys)
    step_later()
    assert page.series_question() is not None
    _answer(qtbot, page, keys, Qt.Key.Key_Escape, Mod.NoModifier)
    _settled(qtbot, page)
    assert starts() == [later, at, at, at]
