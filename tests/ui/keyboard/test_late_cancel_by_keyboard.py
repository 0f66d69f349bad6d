"""A late cancellation by keyboard in the real window (German): Delete on the
appointment asks whether it counts as late; the receptionist looks at the buttons with
Tab, goes back to the box, unticks it (the salon waives it) and presses Enter."""

from __future__ import annotations

from datetime import datetime, time

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from desk_app.domain.access import SHARED_COUNTER
from desk_app.domain.enums import AppointmentStatus
from desk_app.services.booking import BookingRequest
from desk_app.ui.calendar.calendar_page import CalendarPage
from desk_app.ui.calendar.grid import TimeGridCanvas
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


def _asked() -> bool:
    dialog = QApplication.activeModalWidget()
    return dialog is not None and dialog.objectName() == "lateCancelDialog"


def test_enter_after_looking_at_the_buttons_cancels_as_asked(
    counter: Counter, qtbot: QtBot
) -> None:
    window = counter.desktop.window
    window.resize(1024, 640)
    services = counter.services
    services.catalogue.set_setting("late_cancel_hours", "168", actor=SHARED_COUNTER)  # a week
    (staff,) = [s for s in services.catalogue.list_staff() if s.name == STAFF]
    (service,) = [t for t in services.catalogue.list_treatments() if t.name == SERVICE]
    day = counter.next_open_day()
    counter.clear(STAFF, day, OPENS, 30)
    customer = services.customers.search("Werner")[0]
    start = datetime.combine(day, OPENS, ZONE)
    row = services.booking.book(BookingRequest(customer.id, staff.id, service.id, start))

    keys = Typist(qtbot, "late cancel", window)
    keys.press(Qt.Key.Key_1, Mod.ControlModifier)
    keys.press(Qt.Key.Key_Right, Mod.AltModifier, times=(day - counter.today()).days)
    canvas = keys.focused()
    assert isinstance(canvas, TimeGridCanvas)
    page = window.page("calendar")
    assert isinstance(page, CalendarPage)
    keys.wait_until(lambda: canvas.block_rect(row.id) is not None)
    column = page.day_view().column_index(staff.id)
    assert column is not None
    if column:
        keys.press(Qt.Key.Key_Right, times=column)  # the cursor, at opening time, on it
    assert canvas.selected() is not None and canvas.selected().id == row.id
    keys.press(Qt.Key.Key_Delete)
    keys.wait_until(_asked)
    assert keys.focused().objectName() == "lateCancellation"
    keys.press(Qt.Key.Key_Tab, times=2)  # „Termin absagen“, „Termin behalten“
    keys.press(Qt.Key.Key_Tab, Mod.ShiftModifier, times=2)  # back to the box
    assert keys.focused().objectName() == "lateCancellation"
    keys.press(Qt.Key.Key_Space)  # the salon waives it
    keys.press(Qt.Key.Key_Return)  # cancel, as asked

    keys.wait_until(lambda: not _asked())
    keys.wait_until(lambda: services.booking.get(row.id).status is AppointmentStatus.CANCELLED)
    assert services.booking.get(row.id).late_cancellation is False
