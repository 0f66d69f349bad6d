"""The booking dialog tells about a customer's missed appointments once they are picked,
and warns (with the reason) about a closed day or time outside the staff member's own
hours, which the receptionist may still book on purpose (issue 14)."""

from __future__ import annotations

from datetime import time, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QComboBox, QLabel, QLineEdit, QListView
from pytestqt.qtbot import QtBot

from desk_app.domain.enums import AppointmentStatus
from desk_app.domain.scheduling import OpeningInterval
from desk_app.services.booking import BookingRequest
from desk_app.services.container import Services
from desk_app.texts.holiday_words import holiday_names
from desk_app.ui.calendar.booking_dialog import BookingDialog
from desk_app.ui.context import UiContext
from tests.conftest import Clock
from tests.services.support import add_customer, berlin, make_salon
from tests.support.ui import open_weekdays, press, type_text

pytestmark = [
    pytest.mark.parametrize("backend", ["sqlite"], indirect=True),
    pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints"),
]


def _dialog(qtbot: QtBot, ctx: UiContext, staff_id: int, hour: int, day: int) -> BookingDialog:
    dialog = BookingDialog(ctx, staff_id=staff_id, starts_at=berlin(2026, 12, day, hour))
    qtbot.addWidget(dialog)
    dialog.open()
    combo = dialog.findChild(QComboBox, "service")
    assert combo is not None
    qtbot.waitUntil(lambda: combo.count() == 2)
    combo.setCurrentIndex(0)
    return dialog


def _pick(qtbot: QtBot, dialog: BookingDialog, text: str) -> None:
    search = dialog.findChild(QLineEdit, "customer_search")
    results = dialog.findChild(QListView, "customer_results")
    assert search is not None and results is not None
    search.clear()
    type_text(search, text)
    qtbot.waitUntil(results.isVisible)
    press(search, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.customer() is not None)


def test_counts_when_picked_and_closed_days_and_staff_hours_warn(
    qtbot: QtBot, ctx: UiContext, services: Services, clock: Clock, alive: list[object]
) -> None:
    open_weekdays(services)
    salon = make_salon(services)
    anna = add_customer(services)
    add_customer(services, "Bea", "Bauer", "bea@example.org", "0170 9876543")
    booking = services.booking
    missed = booking.book(
        BookingRequest(anna.id, salon.stylist.id, salon.cut.id, berlin(2026, 11, 2, 10))
    )
    booking.set_status(missed.id, AppointmentStatus.NO_SHOW)
    soon = booking.book(
        BookingRequest(anna.id, salon.stylist.id, salon.cut.id, clock.now + timedelta(hours=3))
    )
    booking.cancel(soon.id)  # three hours before: late
    services.catalogue.add_public_holidays("NW", 2026, holiday_names())

    # Christmas Day, a Friday inside the opening hours: the salon is closed.
    dialog = _dialog(qtbot, ctx, salon.stylist.id, hour=10, day=25)
    alive.append(dialog)
    hint = dialog.findChild(QLabel, "attendanceHint")
    override = dialog.findChild(QCheckBox, "override")
    assert hint is not None and override is not None
    assert not hint.isVisible()
    _pick(qtbot, dialog, "anna")
    qtbot.waitUntil(hint.isVisible)
    assert hint.text() == "1 no-show and 1 late cancellation in the last 12 months."
    qtbot.waitUntil(override.isVisible)
    assert "closed" in dialog.conflict_text() and "Christmas Day" in dialog.conflict_text()
    assert not dialog.is_ready()
    override.setChecked(True)
    assert dialog.is_ready()

    # Another customer: the hint goes, with nothing to say.
    _pick(qtbot, dialog, "bea")
    qtbot.waitUntil(lambda: not hint.isVisible())

    # The stylist works Mondays only, from noon: a Tuesday morning warns with the reason.
    services.catalogue.set_staff_hours(salon.stylist.id, [OpeningInterval(0, time(12), time(18))])
    later = _dialog(qtbot, ctx, salon.stylist.id, hour=10, day=1)
    alive.append(later)
    _pick(qtbot, later, "anna")
    later_override = later.findChild(QCheckBox, "override")
    assert later_override is not None
    qtbot.waitUntil(later_override.isVisible)
    assert "outside the working hours of Jörg Weiß" in later.conflict_text()
