"""A recurring series booked by keyboard alone in the real window (German, 1024×640),
where a dozen of its times are taken: the conflicts step must fit the window, show each
row's reason and proposal whole, and take a choice per row by keyboard."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from desk_app.domain.enums import AppointmentStatus
from desk_app.domain.recurrence import Frequency, SeriesRule
from desk_app.services.series import Choice, Decision, SeriesRequest
from tests.support.clipping import clipped_texts
from tests.ui.keyboard.conftest import ZONE, Counter
from tests.ui.keyboard.typist import Typist

pytestmark = [
    pytest.mark.parametrize("backend", ["sqlite"], indirect=True),
    pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints"),
]
Mod = Qt.KeyboardModifier
STAFF = "Jörg Weiß"  # "J" in the staff list
SERVICE = "Herrenhaarschnitt"  # "H" in the service list
AT = time(9, 0)
TAKEN = 12  # weeks in which another customer's series holds the time


def _day_ahead(counter: Counter) -> date:
    day = counter.next_open_day() + timedelta(days=2)
    while day.weekday() == 6:  # the demo salon's closed Sunday
        day += timedelta(days=1)
    return day


def _results_shown() -> bool:
    dialog = QApplication.activeModalWidget()
    results = dialog.findChild(QWidget, "customer_results") if dialog else None
    return results is not None and results.isVisible()


def test_a_series_with_a_dozen_conflicts_fits_the_window_and_is_decided_by_keyboard(
    counter: Counter, qtbot: QtBot
) -> None:
    window = counter.desktop.window
    window.resize(1024, 640)
    services = counter.services
    (staff,) = [s for s in services.catalogue.list_staff() if s.name == STAFF]
    (service,) = [t for t in services.catalogue.list_treatments() if t.name == SERVICE]
    day = _day_ahead(counter)
    for week in range(TAKEN + 8):
        counter.clear(STAFF, day + timedelta(weeks=week), AT, 60)
    other = services.customers.search("Müller")[0]
    held = SeriesRequest(
        other.id, staff.id, service.id, day + timedelta(weeks=1), AT,
        SeriesRule(Frequency.WEEKLY, 1, count=TAKEN),
    )  # fmt: skip
    plan = services.series.plan(held)
    services.series.book(held, {o.index: Decision(Choice.SKIP) for o in plan.conflicts})
    werner = services.customers.search("Werner")[0]

    keys = Typist(qtbot, "series", window)
    keys.press(Qt.Key.Key_1, Mod.ControlModifier)
    keys.press(Qt.Key.Key_Right, Mod.AltModifier, times=(day - counter.today()).days)
    keys.press(Qt.Key.Key_N, Mod.ControlModifier)
    keys.wait_for_focus("customer_search")
    keys.type("Werner")
    keys.wait_until(_results_shown)
    keys.press(Qt.Key.Key_Return)
    keys.wait_for_focus("service")
    keys.pick("H")
    keys.press(Qt.Key.Key_Tab)
    keys.pick("J")
    keys.press(Qt.Key.Key_H, Mod.AltModifier)  # „Wieder&holen“ ticks it
    keys.wait_until(lambda: (w := QApplication.activeModalWidget()) is not None
                    and w.findChild(QWidget, "repeat_count").isVisible())  # fmt: skip
    while keys.focused().objectName() != "repeat_count":
        keys.press(Qt.Key.Key_Tab)
        assert keys.other_keys < 40, keys.report()
    keys.press(Qt.Key.Key_A, Mod.ControlModifier)
    keys.type("20")
    keys.press(Qt.Key.Key_Return)
    keys.wait_for_focus("choice_1", timeout=10000)  # the first free, the second taken

    conflicts = QApplication.activeModalWidget()
    assert conflicts is not None and conflicts.objectName() == "series_conflicts"
    assert conflicts.height() <= window.height(), conflicts.size()
    assert clipped_texts(conflicts) == []
    keys.press(Qt.Key.Key_Down)  # 2 of 20: skip it
    keys.press(Qt.Key.Key_Tab, Mod.ShiftModifier)  # a look at „Abbrechen“ (the chain wraps)
    cancel = keys.focused()
    assert isinstance(cancel, QPushButton) and cancel.objectName() != "book_series"
    keys.press(Qt.Key.Key_Tab, times=2)  # 3 of 20: accept the proposal (9:30)
    assert keys.focused().objectName() == "choice_2"
    keys.press(Qt.Key.Key_Return)  # books the series (Cancel, once looked at, stayed default)

    def booked() -> list[datetime]:
        rows = services.booking.between(
            datetime.combine(day, AT, ZONE), datetime.combine(day + timedelta(weeks=20), AT, ZONE)
        )
        return sorted(
            r.starts_at
            for r in rows
            if r.customer_id == werner.id and r.status is AppointmentStatus.BOOKED
        )

    keys.wait_until(lambda: len(booked()) == 19, timeout=10000)
    starts = booked()
    week = timedelta(weeks=1)
    assert datetime.combine(day, AT, ZONE) + week not in starts  # skipped
    assert datetime.combine(day, time(9, 30), ZONE) + 2 * week in starts  # the proposal
    print(f"\n{keys.report()}")
