"""Booking at the counter by keyboard only (issue 11): the real window, keys sent to the
focused widget, the key counts printed (run with ``-s -n 0`` to read them) and asserted,
the result checked in the database.

The receptionist's path for another day: Alt+Right (next day in the calendar), Ctrl+N
(new booking), the name, arrows and Enter for the customer, a letter for the service,
Tab, a letter for the staff member, Enter. The slot at opening time is made free first
(the demo books this week at random).
"""

from __future__ import annotations

from datetime import datetime, time

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QListView, QPushButton

from desk_app.domain.enums import AppointmentStatus
from desk_app.services.rows import AppointmentRow
from tests.ui.keyboard.conftest import ZONE, Counter
from tests.ui.keyboard.typist import Typist

pytestmark = [pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")]

CTRL, ALT = Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.AltModifier
KEY_BUDGET = 12  # keys besides the data typed (issue 11)
OPENS = time(9, 0)
STAFF = "Jörg Weiß"  # "J" in the staff list
SERVICE = "Herrenhaarschnitt"  # "H" in the service list (30 minutes)


def _results_shown(rows: int) -> bool:
    """The search's answer is on screen (read, as the receptionist reads it)."""
    window = QApplication.activeWindow()
    lists = window.findChildren(QListView, "customer_results") if window else []
    return any(v.isVisible() and v.model().rowCount() == rows for v in lists)


def _to_another_day(typist: Typist, counter: Counter) -> datetime:
    day = counter.next_open_day()
    counter.clear(STAFF, day, OPENS, 30)
    typist.press(Qt.Key.Key_Right, ALT, times=(day - counter.today()).days)
    return datetime.combine(day, OPENS, ZONE)


def _booked(counter: Counter, start: datetime) -> list[AppointmentRow]:
    rows = counter.services.booking.between(start, start.replace(hour=start.hour + 1))
    return [r for r in rows if r.status == AppointmentStatus.BOOKED and r.starts_at == start]


def _wait_for_booking(typist: Typist, counter: Counter, start: datetime) -> AppointmentRow:
    typist.wait_until(lambda: any(r.staff_name == STAFF for r in _booked(counter, start)))
    (row,) = [r for r in _booked(counter, start) if r.staff_name == STAFF]
    return row


def _service_staff_and_save(typist: Typist, look: bool = True) -> None:
    if look:  # the cursor jumped to the service
        typist.wait_for_focus("service")
    typist.pick("H")
    typist.press(Qt.Key.Key_Tab)
    typist.pick("J")
    typist.press(Qt.Key.Key_Return)


def test_a_known_customer_with_a_common_name_on_another_day(
    counter: Counter, typist: Typist
) -> None:
    werners = counter.services.customers.search("Werner")
    assert len(werners) == 4  # the demo's four Werners; the last one calls
    start = _to_another_day(typist, counter)
    typist.press(Qt.Key.Key_N, CTRL)
    typist.wait_for_focus("customer_search")
    typist.type("Werner")
    typist.wait_until(lambda: _results_shown(4))
    typist.press(Qt.Key.Key_Down, times=3)
    typist.press(Qt.Key.Key_Return)
    _service_staff_and_save(typist)

    row = _wait_for_booking(typist, counter, start)
    assert (row.customer_id, row.customer_name) == (werners[3].id, werners[3].full_name)
    assert (row.service_name, row.starts_at) == (SERVICE, start)
    assert typist.data_keys == len("Werner")
    assert typist.other_keys <= KEY_BUDGET, typist.report()


def test_a_new_customer_and_her_booking(counter: Counter, typist: Typist) -> None:
    start = _to_another_day(typist, counter)
    typist.press(Qt.Key.Key_N, CTRL)
    typist.wait_for_focus("customer_search")
    typist.press(Qt.Key.Key_N, ALT)  # „Neuer Kunde“; typing goes on at once
    typist.type("Lisa")
    typist.press(Qt.Key.Key_Tab)
    typist.type("Brandt")
    typist.press(Qt.Key.Key_Tab)
    typist.type("0171 5550123")
    typist.press(Qt.Key.Key_Return)  # creates her and picks her
    _service_staff_and_save(typist, look=False)  # typed on while she is being created

    row = _wait_for_booking(typist, counter, start)
    (lisa,) = counter.services.customers.search("Brandt")
    assert (lisa.first_name, lisa.last_name, lisa.phone) == ("Lisa", "Brandt", "+491715550123")
    assert (row.customer_id, row.service_name, row.starts_at) == (lisa.id, SERVICE, start)
    assert typist.data_keys == len("LisaBrandt0171 5550123")
    assert typist.other_keys <= KEY_BUDGET, typist.report()


@pytest.mark.parametrize("backend", ["sqlite"], indirect=True)
@pytest.mark.parametrize(("field", "tabs"), [("date", 1), ("time", 2), ("minutes", 3)])
def test_enter_in_date_time_or_duration_saves_a_free_slot(
    counter: Counter, typist: Typist, field: str, tabs: int
) -> None:
    start = _to_another_day(typist, counter)
    typist.press(Qt.Key.Key_N, CTRL)
    typist.wait_for_focus("customer_search")
    typist.type("Werner")
    typist.wait_until(lambda: _results_shown(4))
    typist.press(Qt.Key.Key_Return)
    typist.wait_for_focus("service")
    typist.pick("H")
    typist.press(Qt.Key.Key_Tab)
    typist.pick("J")
    typist.press(Qt.Key.Key_Tab, times=tabs)
    assert typist.focused().objectName() == field
    typist.press(Qt.Key.Key_Return)
    _wait_for_booking(typist, counter, start)


@pytest.mark.parametrize("backend", ["sqlite"], indirect=True)
def test_typing_on_at_once_after_the_new_customer_key_loses_nothing(
    counter: Counter, typist: Typist
) -> None:
    start = _to_another_day(typist, counter)
    typist.press(Qt.Key.Key_N, CTRL)
    typist.wait_for_focus("customer_search")
    typist.type("Ida Nowak")  # she is new
    typist.press(Qt.Key.Key_N, ALT)  # the name moves into the form, the cursor to the phone
    typist.type("030 1234567")
    typist.press(Qt.Key.Key_Return)
    _service_staff_and_save(typist)

    row = _wait_for_booking(typist, counter, start)
    (ida,) = counter.services.customers.find_duplicates(None, "030 1234567")
    assert (ida.first_name, ida.last_name, ida.phone) == ("Ida", "Nowak", "+49301234567")
    assert row.customer_id == ida.id


@pytest.mark.parametrize("backend", ["sqlite"], indirect=True)
def test_save_stays_the_marked_default_after_tab_passed_cancel(
    counter: Counter, typist: Typist
) -> None:
    """Enter saves (the dialog's own key handling); the ring that says so must stay on
    „Speichern“. It moved to „Abbrechen“ for good once Tab passed it: the default was
    set before the buttons were the dialog's."""
    _to_another_day(typist, counter)
    typist.press(Qt.Key.Key_N, CTRL)
    typist.wait_for_focus("customer_search")
    dialog = QApplication.activeModalWidget()
    assert dialog is not None
    save = dialog.findChild(QPushButton, "save")
    typist.press(Qt.Key.Key_Tab, Qt.KeyboardModifier.ShiftModifier)  # „Abbrechen“
    cancel = typist.focused()
    assert isinstance(cancel, QPushButton) and cancel is not save
    typist.press(Qt.Key.Key_Tab)  # back to the search
    assert typist.focused().objectName() == "customer_search"
    assert save.isDefault() and not cancel.isDefault()
