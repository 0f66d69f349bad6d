"""The waitlist at the counter by keyboard alone, in the real window on the demo salon
(German, 1024×640): keys go to the focused widget, the database says what happened.

A caller cancels; the freed time fits two customers on the waitlist; the receptionist
reaches the notice above the calendar with Shift+Tab, Enter books the first in line, and
the cursor is back in the grid for the next call.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from desk_app.domain.enums import AppointmentStatus
from desk_app.services.booking import BookingRequest
from desk_app.services.waitlist import NewWaitlistEntry
from desk_app.ui.calendar.calendar_page import CalendarPage
from desk_app.ui.calendar.grid import TimeGridCanvas
from desk_app.ui.main_window import MainWindow
from tests.support.clipping import clipped_texts
from tests.support.ui import type_text
from tests.ui.keyboard.conftest import ZONE, Counter
from tests.ui.keyboard.typist import Typist

pytestmark = [
    pytest.mark.parametrize("backend", ["sqlite"], indirect=True),
    pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints"),
]
Mod = Qt.KeyboardModifier
STAFF = "Jörg Weiß"
SERVICE = "Herrenhaarschnitt"
OPENS = time(9, 0)


def _window(counter: Counter) -> MainWindow:
    window = counter.desktop.window
    window.resize(1024, 640)  # the small screen at the counter
    return window


def _calendar(window: MainWindow) -> CalendarPage:
    page = window.page("calendar")
    assert isinstance(page, CalendarPage)
    return page


def _open_day_ahead(counter: Counter) -> date:
    """An open day far enough ahead that cancelling there is not late."""
    day = counter.next_open_day()
    while (day - counter.today()).days < 3:
        day += timedelta(days=1)
    while day.weekday() == 6:  # the demo salon's closed Sunday
        day += timedelta(days=1)
    return day


def test_a_freed_time_is_booked_from_the_notice_and_the_cursor_goes_back_to_the_grid(
    counter: Counter, qtbot: object
) -> None:
    window = _window(counter)
    page = _calendar(window)
    services = counter.services
    (staff,) = [s for s in services.catalogue.list_staff() if s.name == STAFF]
    (service,) = [t for t in services.catalogue.list_treatments() if t.name == SERVICE]
    day = _open_day_ahead(counter)
    counter.clear(STAFF, day, OPENS, 60)
    start = datetime.combine(day, OPENS, ZONE)
    holder = services.customers.search("Müller")[0]
    cancelled = services.booking.book(BookingRequest(holder.id, staff.id, service.id, start))
    first, second = services.customers.search("Werner")[:2]
    for waiting in (first, second):
        services.waitlist.add(NewWaitlistEntry(waiting.id, service.id, day, day))

    keys = Typist(qtbot, "waitlist", window)  # type: ignore[arg-type]
    keys.press(Qt.Key.Key_1, Mod.ControlModifier)
    keys.press(Qt.Key.Key_Right, Mod.AltModifier, times=(day - counter.today()).days)
    canvas = keys.focused()
    assert isinstance(canvas, TimeGridCanvas)
    keys.wait_until(lambda: page.day_view().column_index(staff.id) is not None)
    column = page.day_view().column_index(staff.id)
    assert column is not None
    keys.wait_until(lambda: canvas.block_rect(cancelled.id) is not None)
    if column:
        keys.press(Qt.Key.Key_Right, times=column)  # the cursor, at opening time, on it
    assert canvas.selected() is not None and canvas.selected().id == cancelled.id
    keys.press(Qt.Key.Key_Delete)
    panel = page.waitlist_matches()
    keys.wait_until(panel.isVisible)

    for _ in range(3):  # the notice sits right above the grid
        keys.press(Qt.Key.Key_Tab, Mod.ShiftModifier)
        if keys.focused().objectName() == "waitlistMatchTree":
            break
    assert keys.focused().objectName() == "waitlistMatchTree", keys.report()
    keys.press(Qt.Key.Key_Return)  # books the first in line

    def booked() -> list[int]:
        rows = services.booking.between(start, start + timedelta(minutes=30))
        return [
            r.customer_id
            for r in rows
            if r.staff_name == STAFF and r.status is AppointmentStatus.BOOKED
        ]

    keys.wait_until(lambda: booked() == [first.id])
    keys.wait_until(lambda: not panel.isVisible())  # nobody else fits a taken time
    # The next call: the arrow keys must move the grid's cursor, not scroll the view
    # (the focus used to fall on the grid's scroll area, which shows no focus).
    assert keys.focused() is canvas, keys.focused()
    print(f"\n{keys.report()}")


def test_tab_goes_through_the_calendar_toolbar_as_it_reads(counter: Counter, qtbot: object) -> None:
    """Left to right, row by row: the waitlist button sits between 'print' and 'new
    booking' and was reached last, after the second row."""
    window = _window(counter)
    page = _calendar(window)
    keys = Typist(qtbot, "toolbar", window)  # type: ignore[arg-type]
    keys.press(Qt.Key.Key_1, Mod.ControlModifier)
    grid = keys.focused()
    top_of_grid = grid.mapTo(page, grid.rect().topLeft()).y()
    stops: list[tuple[str, int, int]] = []  # name, middle's y, left x (in the page)
    for _ in range(60):
        keys.press(Qt.Key.Key_Tab)
        widget = keys.focused()
        if widget is grid:
            break
        if not page.isAncestorOf(widget):
            continue
        place = widget.mapTo(page, widget.rect().center())
        left = widget.mapTo(page, widget.rect().topLeft()).x()
        if place.y() < top_of_grid and (not stops or stops[-1][0] != widget.objectName()):
            stops.append((widget.objectName(), place.y(), left))
    names = [name for name, _y, _x in stops]
    assert "waitlist" in names and "new_booking" in names, names
    rows: list[list[tuple[str, int, int]]] = []
    for stop in sorted(stops, key=lambda s: s[1]):
        if rows and abs(rows[-1][0][1] - stop[1]) < 10:
            rows[-1].append(stop)
        else:
            rows.append([stop])
    as_read = [name for row in rows for name, _y, _x in sorted(row, key=lambda s: s[2])]
    assert names == as_read


def _results_shown() -> bool:
    dialog = QApplication.activeModalWidget()
    results = dialog.findChild(QWidget, "customer_results") if dialog else None
    return results is not None and results.isVisible()


def _waitlist_dialog_open() -> bool:
    dialog = QApplication.activeModalWidget()
    return dialog is not None and dialog.objectName() == "waitlistDialog"


def test_enter_after_tabbing_past_cancel_still_adds_to_the_waitlist(
    counter: Counter, qtbot: object
) -> None:
    """Tab once round the dialog (past 'Cancel'), a note, Enter: the entry is added. The
    button box got its default before it was the dialog's, so the dialog never knew its
    main default: 'Cancel', once focused, stayed the default and Enter threw the typed
    entry away without a word."""
    window = _window(counter)
    keys = Typist(qtbot, "waitlist dialog", window)  # type: ignore[arg-type]
    keys.press(Qt.Key.Key_1, Mod.ControlModifier)
    while keys.focused().objectName() != "waitlist":  # the toolbar's button
        keys.press(Qt.Key.Key_Tab)
        assert keys.other_keys < 30, keys.report()
    keys.press(Qt.Key.Key_Space)
    keys.wait_until(_waitlist_dialog_open)
    keys.wait_for_focus("customer_search")
    keys.type("Werner")
    keys.wait_until(_results_shown)
    keys.press(Qt.Key.Key_Return)
    keys.wait_for_focus("waitlistService")
    passed_cancel = False
    while not (passed_cancel and keys.focused().objectName() == "waitlistNote"):
        keys.press(Qt.Key.Key_Tab)
        focused = keys.focused()
        passed_cancel = passed_cancel or (
            isinstance(focused, QPushButton) and focused.objectName() != "waitlistSave"
        )
        assert keys.other_keys < 80, keys.report()
    assert passed_cancel, keys.report()
    keys.type("Ruft ab 14 Uhr an")
    keys.press(Qt.Key.Key_Return)
    werner = counter.services.customers.search("Werner")[0]
    keys.wait_until(lambda: not _waitlist_dialog_open())
    [entry] = counter.services.waitlist.entries(werner.id)
    assert entry.note == "Ruft ab 14 Uhr an"


def test_a_new_caller_is_created_inside_the_dialog_and_put_on_the_waitlist(
    counter: Counter, qtbot: object
) -> None:
    """Alt+N („Neuer Kunde“) in the waitlist dialog: the form for her opens in the dialog,
    as in the booking dialog. It was never laid out there, so it opened as a window of
    its own beside the dialog."""
    window = _window(counter)
    keys = Typist(qtbot, "waitlist new customer", window)  # type: ignore[arg-type]
    keys.press(Qt.Key.Key_1, Mod.ControlModifier)
    keys.press(Qt.Key.Key_W, Mod.AltModifier)
    keys.wait_until(_waitlist_dialog_open)
    keys.wait_for_focus("customer_search")
    dialog = QApplication.activeModalWidget()
    type_text(keys.focused(), "Zoë Nüßlein")  # she is new (umlauts: QTest cannot type them)
    keys.press(Qt.Key.Key_N, Mod.AltModifier)  # the name moves into the form
    keys.wait_for_focus("phone")
    assert keys.focused().window() is dialog
    keys.type("0171 5550999")
    keys.press(Qt.Key.Key_Return)  # creates her and picks her
    keys.wait_for_focus("waitlistService")
    service = keys.focused()
    assert isinstance(service, QComboBox)
    keys.wait_until(lambda: service.count() > 0)
    keys.pick("H")
    keys.press(Qt.Key.Key_Return)
    keys.wait_until(lambda: not _waitlist_dialog_open())
    (zoe,) = counter.services.customers.search("Nüßlein")
    assert (zoe.first_name, zoe.last_name) == ("Zoë", "Nüßlein")
    [entry] = counter.services.waitlist.entries(zoe.id)
    assert entry.service_name == SERVICE


def test_a_digit_in_a_new_name_is_questioned_in_full_and_nothing_typed_is_lost(
    counter: Counter, qtbot: object
) -> None:
    """The check's message wraps to two lines; the dialog did not grow for it and cut it."""
    window = _window(counter)
    keys = Typist(qtbot, "waitlist digit in name", window)  # type: ignore[arg-type]
    keys.press(Qt.Key.Key_1, Mod.ControlModifier)
    keys.press(Qt.Key.Key_W, Mod.AltModifier)
    keys.wait_until(_waitlist_dialog_open)
    keys.wait_for_focus("customer_search")
    dialog = QApplication.activeModalWidget()
    type_text(keys.focused(), "Zoë Nüßlein2")
    keys.press(Qt.Key.Key_N, Mod.AltModifier)
    keys.wait_for_focus("phone")
    keys.type("0171 5550998")
    keys.press(Qt.Key.Key_Return)
    names_error = dialog.findChild(QLabel, "names_error")
    keys.wait_until(names_error.isVisible)
    keys.wait_until(lambda: not clipped_texts(dialog))
    assert _waitlist_dialog_open()
    assert keys.focused().objectName() == "last_name"
    typed = {n: dialog.findChild(QLineEdit, n).text() for n in ("first_name", "last_name", "phone")}
    assert typed == {"first_name": "Zoë", "last_name": "Nüßlein2", "phone": "0171 5550998"}


def test_enter_on_a_freed_time_books_the_first_in_line(counter: Counter, qtbot: object) -> None:
    """Up from the first waiting customer is the freed time itself: Enter there did
    nothing at all; it books the first in line, as the line under it would."""
    window = _window(counter)
    page = _calendar(window)
    services = counter.services
    (staff,) = [s for s in services.catalogue.list_staff() if s.name == STAFF]
    (service,) = [t for t in services.catalogue.list_treatments() if t.name == SERVICE]
    day = _open_day_ahead(counter)
    counter.clear(STAFF, day, OPENS, 60)
    start = datetime.combine(day, OPENS, ZONE)
    holder = services.customers.search("Müller")[0]
    freed = services.booking.book(BookingRequest(holder.id, staff.id, service.id, start))
    first, second = services.customers.search("Werner")[:2]
    for waiting in (first, second):
        services.waitlist.add(NewWaitlistEntry(waiting.id, service.id, day, day))

    keys = Typist(qtbot, "waitlist head", window)  # type: ignore[arg-type]
    keys.press(Qt.Key.Key_1, Mod.ControlModifier)
    keys.press(Qt.Key.Key_Right, Mod.AltModifier, times=(day - counter.today()).days)
    canvas = keys.focused()
    assert isinstance(canvas, TimeGridCanvas)
    keys.wait_until(lambda: canvas.block_rect(freed.id) is not None)
    column = page.day_view().column_index(staff.id)
    assert column is not None
    if column:
        keys.press(Qt.Key.Key_Right, times=column)
    keys.press(Qt.Key.Key_Delete)
    panel = page.waitlist_matches()
    keys.wait_until(panel.isVisible)
    keys.press(Qt.Key.Key_Tab, Mod.ShiftModifier)  # the notice, right above the grid
    assert keys.focused().objectName() == "waitlistMatchTree", keys.report()
    keys.press(Qt.Key.Key_Up)  # the freed time's own line
    keys.press(Qt.Key.Key_Return)

    def booked() -> list[int]:
        rows = services.booking.between(start, start + timedelta(minutes=30))
        return [r.customer_id for r in rows if r.status is AppointmentStatus.BOOKED]

    keys.wait_until(lambda: booked() == [first.id])


def test_the_search_hint_is_shown_in_full(counter: Counter, qtbot: object) -> None:
    """German „Teil eines Namens oder einer Telefonnummer“ needs 271 px; the search had
    205 in the waitlist dialog (its wide weekday label takes the room), so how to
    search was cut."""
    window = _window(counter)
    keys = Typist(qtbot, "waitlist hint", window)  # type: ignore[arg-type]
    keys.press(Qt.Key.Key_1, Mod.ControlModifier)
    keys.press(Qt.Key.Key_W, Mod.AltModifier)
    keys.wait_until(_waitlist_dialog_open)
    keys.wait_for_focus("customer_search")
    search = keys.focused()
    assert isinstance(search, QLineEdit)
    needs = search.fontMetrics().horizontalAdvance(search.placeholderText())
    margins = search.textMargins()
    has = search.contentsRect().width() - margins.left() - margins.right() - 4  # Qt's inset
    assert needs <= has, (needs, has)


def test_tab_leaves_each_date_and_time_field_in_one_press(counter: Counter, qtbot: object) -> None:
    """As in the booking dialog: Qt's date and time edits took Tab as 'next section'
    (day, month, year), three presses to leave 'Von' or 'Bis' and two for each time."""
    window = _window(counter)
    keys = Typist(qtbot, "waitlist tab", window)  # type: ignore[arg-type]
    keys.press(Qt.Key.Key_1, Mod.ControlModifier)
    keys.press(Qt.Key.Key_W, Mod.AltModifier)
    keys.wait_until(_waitlist_dialog_open)
    keys.wait_for_focus("customer_search")
    keys.type("Werner")
    keys.wait_until(_results_shown)
    keys.press(Qt.Key.Key_Return)
    keys.wait_for_focus("waitlistService")
    stops = [keys.focused().objectName()]
    while stops[-1] != "waitlistNote":
        keys.press(Qt.Key.Key_Tab)
        stops.append(keys.focused().objectName())
        assert len(stops) < 30, stops
    days = [f"waitlistDay{n}" for n in range(7)]
    assert stops == [
        "waitlistService", "waitlistStaff", "waitlistFirstDay", "waitlistLastDay", *days,
        "waitlistFrom", "waitlistUntil", "waitlistChannel", "waitlistNote",
    ]  # fmt: skip
