"""A stylist at the counter cannot change bookings or record consent by any way in the
window (issue 12): the calendar's keys, the appointment menu and the consent panel's
buttons are greyed with the reason, a key pressed anyway says why, and nothing is
written; the reception member who steps up gets them at once (no restart).

The real main window with the calendar section and a consent panel on a real SQLite
file; the services' own refusals: tests/services/test_booking_rights.py (both backends).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication, QLabel, QMenu, QPushButton
from pytestqt.qtbot import QtBot

from desk_app.db import models as m
from desk_app.domain.access import Actor
from desk_app.domain.enums import AppointmentStatus, Channel, ConsentSource, StaffRole
from desk_app.services.booking import BookingRequest
from desk_app.services.container import Services
from desk_app.services.rows import AppointmentRow
from desk_app.ui.calendar.calendar_page import CalendarPage
from desk_app.ui.context import UiContext
from desk_app.ui.customers.consent_dialog import ConsentDialog
from desk_app.ui.customers.consent_panel import ConsentPanel
from desk_app.ui.main_window import MainWindow, WindowParts
from tests.conftest import Clock
from tests.services.support import add_customer, berlin, count, make_salon
from tests.support.ui import open_weekdays
from tests.ui.keyboard.typist import Typist

pytestmark = [
    pytest.mark.parametrize("backend", ["sqlite"], indirect=True),
    pytest.mark.qt_log_ignore(
        "This plugin does not support propagateSizeHints",
        "does not support raise",
        "does not support grabbing the keyboard",
    ),
]
Mod = Qt.KeyboardModifier
NO_BOOKING = "The role “Stylist” may not book appointments. Ask the owner."
NO_CONSENT = "The role “Stylist” may not record consent. Ask the owner."
# The grid's keys that change the booking under the cursor (shortcuts.CALENDAR_SHORTCUTS).
CHANGING_KEYS = {
    "move_later": (Qt.Key.Key_Down, Mod.AltModifier),
    "longer": (Qt.Key.Key_Down, Mod.AltModifier | Mod.ShiftModifier),
    "mark_arrived": (Qt.Key.Key_A, Mod.NoModifier),
    "cancel_appointment": (Qt.Key.Key_Delete, Mod.NoModifier),
}


def _stored(services: Services, row: AppointmentRow) -> tuple[object, ...]:
    with services.db.read() as s:
        appointment = s.get(m.Appointment, row.id)
        assert appointment is not None
        return appointment.starts_at, appointment.ends_at, appointment.status


def _written(services: Services) -> tuple[int, int, int]:
    return (
        count(services.db, m.Appointment),
        count(services.db, m.OutboxMessage),
        count(services.db, m.ConsentLedgerEntry),
    )


def _menu_entry(menu: QMenu, text: str) -> tuple[bool, str]:
    [action] = [a for a in menu.actions() if a.text() == text]
    return action.isEnabled(), action.toolTip()


def test_a_stylist_is_refused_keys_menu_and_consent_and_reception_is_not(
    qtbot: QtBot,
    ctx: UiContext,
    services: Services,
    clock: Clock,
    alive: list[object],
    tmp_path: Path,
) -> None:
    open_weekdays(services)
    salon = make_salon(services)
    anna = add_customer(services, "Anna", "Müller", "anna@example.org", "0151 12345678")
    annas = services.booking.book(
        BookingRequest(anna.id, salon.stylist.id, salon.cut.id, berlin(2026, 11, 25, 10))
    )
    services.consent.declare(anna.id, [Channel.EMAIL], ConsentSource.PHONE, "Tanja Groß", True)
    page = CalendarPage(ctx, clock=clock)
    settings = QSettings(str(tmp_path / "window.ini"), QSettings.Format.IniFormat)
    window = MainWindow("Salon", settings, WindowParts(pages={"calendar": page}))
    qtbot.addWidget(window)
    alive.append(window)
    window.resize(1366, 768)
    window.show()
    window.activateWindow()
    qtbot.waitExposed(window)
    qtbot.waitUntil(lambda: page.day_view().column_count() == 2)
    panel = ConsentPanel(ctx)
    qtbot.addWidget(panel)
    alive.append(panel)
    panel.show()
    panel.set_customer(anna.id, anna.full_name)
    qtbot.waitUntil(lambda: panel.consent() is not None)
    ask_another = panel.findChild(QPushButton, "ask_another")
    assert ask_another.isVisible()  # email is on its way, SMS can be asked for
    opened: list[object] = []
    panel.dialog_opened.connect(opened.append)
    actions = page.keyboard_actions()

    ctx.signed_in.switch_to(Actor(salon.stylist.id, salon.stylist.name, StaffRole.STYLIST))
    before, written = _stored(services, annas), _written(services)

    # The grid, the cursor on Anna's appointment: every key that would change it says why.
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    keys = Typist(qtbot, "stylist", window)
    page.focus_grid()
    canvas = page.current_view().canvas()
    if page.day_view().column_index(salon.stylist.id):
        keys.press(Qt.Key.Key_Right)
    keys.press(Qt.Key.Key_Down, Mod.ControlModifier)
    assert canvas.selected() is not None and canvas.selected().id == annas.id
    for name, (key, modifiers) in CHANGING_KEYS.items():
        action = actions[name]
        assert (action.isEnabled(), action.toolTip()) == (False, NO_BOOKING), name
        with qtbot.waitSignal(page.message_shown, timeout=1000) as said:
            keys.press(key, modifiers)
        assert said.args == [NO_BOOKING], name
        assert not page.commands().busy()
    assert actions["next_appointment"].isEnabled()  # looking around stays allowed
    # The appointment's menu: its entries greyed with the reason; their letters do nothing.
    keys.press(Qt.Key.Key_Menu)
    menu = QApplication.activePopupWidget()
    assert isinstance(menu, QMenu) and menu.objectName() == "appointment_menu"
    assert _menu_entry(menu, "&Arrived") == (False, NO_BOOKING)
    assert _menu_entry(menu, "&Cancel appointment") == (False, NO_BOOKING)
    keys.press(Qt.Key.Key_A)
    # The consent panel: the box and the button greyed; a request that still comes is
    # answered with the reason, and no dialog opens.
    checkbox = panel.checkbox()
    assert (checkbox.isEnabled(), checkbox.toolTip()) == (False, NO_CONSENT)
    assert (ask_another.isEnabled(), ask_another.toolTip()) == (False, NO_CONSENT)
    checkbox.toggle()
    assert NO_CONSENT in _notice(panel) and opened == []
    assert _stored(services, annas) == before and _written(services) == written

    # Reception steps up, the menu still open: its entries come alive, and the letter works.
    ctx.signed_in.switch_to(Actor(salon.reception.id, salon.reception.name, StaffRole.RECEPTION))
    assert QApplication.activePopupWidget() is menu
    assert _menu_entry(menu, "&Arrived") == (True, "Arrived")
    keys.press(Qt.Key.Key_A)
    qtbot.waitUntil(lambda: QApplication.activePopupWidget() is None)
    qtbot.waitUntil(lambda: not page.commands().busy())
    assert services.booking.get(annas.id).status is AppointmentStatus.ARRIVED
    with qtbot.waitSignal(page.loaded):
        page.refresh()
    assert actions["move_later"].isEnabled() and actions["move_later"].toolTip() != NO_BOOKING
    page.focus_grid()
    keys.press(Qt.Key.Key_Down, Mod.AltModifier)
    qtbot.waitUntil(lambda: not page.commands().busy())
    assert services.booking.get(annas.id).starts_at == berlin(2026, 11, 25, 10, 15)
    assert page.message() == ""
    assert checkbox.isEnabled() and ask_another.isEnabled()
    ask_another.click()
    assert len(opened) == 1 and isinstance(opened[0], ConsentDialog)
    opened[0].reject()

    # The stylist back at the counter undoes the move: the window hands the service the
    # member signed in now, and the service refuses (the shared sign-in would have moved).
    ctx.signed_in.switch_to(Actor(salon.stylist.id, salon.stylist.name, StaffRole.STYLIST))
    with qtbot.waitSignal(page.commands().failed) as refused:
        page.undo_stack().undo()
    assert refused.args == [NO_BOOKING]
    qtbot.waitUntil(lambda: not page.commands().busy())
    assert services.booking.get(annas.id).starts_at == berlin(2026, 11, 25, 10, 15)


def _notice(panel: ConsentPanel) -> str:
    notice = panel.findChild(QLabel, "notice")
    return notice.text() if notice.isVisible() else ""
