"""The owner's staff tab (issue 12): a member's PIN set twice and masked, roles given
within the signed-in member's rights, the last owner kept, who has a PIN shown; every
change through ``StaffAccessService`` as the member signed in (SQLite; the service is
tested on both backends in tests/services/test_staff_access.py)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent, QStandardItemModel
from PySide6.QtWidgets import QApplication, QLineEdit
from pytestqt.qtbot import QtBot

from desk_app.domain.enums import StaffRole
from desk_app.services.container import Services
from desk_app.ui.context import UiContext
from desk_app.ui.settings.dialog import SettingsDialog
from desk_app.ui.settings.staff_tab import PIN_COLUMN, ROLES, StaffTab
from tests.services.staff_support import Team, make_team
from tests.ui.settings.test_settings_dialog import TokenStore

pytestmark = [
    pytest.mark.parametrize("backend", ["sqlite"], indirect=True),
    pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints"),
]


def type_digits(edit: QLineEdit, text: str) -> None:
    edit.setFocus()
    for char in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            key = Qt.Key(Qt.Key.Key_0.value + int(char)) if char.isdigit() else Qt.Key.Key_A
            QApplication.sendEvent(edit, QKeyEvent(kind, key, Qt.KeyboardModifier.NoModifier, char))


def select(tab: StaffTab, name: str) -> None:
    names = [tab.table.item(r, 0).text() for r in range(tab.table.rowCount())]
    tab.table.selectRow(names.index(name))


def pin_shown(tab: StaffTab, name: str) -> str:
    names = [tab.table.item(r, 0).text() for r in range(tab.table.rowCount())]
    return tab.table.item(names.index(name), PIN_COLUMN).text()


def role_allowed(tab: StaffTab, role: StaffRole) -> bool:
    model = tab.new_role.model()
    assert isinstance(model, QStandardItemModel)
    return model.item(ROLES.index(role)).isEnabled()


def test_the_owner_sets_pins_and_roles_and_a_manager_cannot_touch_the_owner(
    qtbot: QtBot, ctx: UiContext, services: Services
) -> None:
    team: Team = make_team(services)
    services.catalogue.add_staff("Lena Neu", StaffRole.STYLIST, actor=team.owner)
    ctx.signed_in.switch_to(team.owner)
    dialog = SettingsDialog(ctx, TokenStore())
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.loaded, timeout=5000):
        pass
    tab = dialog.staff
    assert pin_shown(tab, "Lena Neu") == "None" and pin_shown(tab, "Tanja Groß") == "Set"

    # A new PIN, typed twice behind dots; letters and a ninth digit do not go in.
    select(tab, "Lena Neu")
    tab.pin.click()
    pins = tab.pin_dialog()
    assert pins is not None
    assert pins.first.echoMode() == QLineEdit.EchoMode.Password
    type_digits(pins.first, "24a68135")
    type_digits(pins.second, "2468")
    assert pins.first.text() == "2468135" and not pins.ok.isEnabled()
    pins.first.clear()
    type_digits(pins.first, "2469")
    assert pins.problem.text() == "The two PINs differ." and not pins.ok.isEnabled()
    pins.first.clear()
    type_digits(pins.first, "2468")
    assert pins.problem.text() == "" and pins.ok.isEnabled()
    with qtbot.waitSignal(tab.changed, timeout=5000):
        pins.ok.click()
    assert tab.message.text() == "Lena Neu has a new PIN."
    assert pin_shown(tab, "Lena Neu") == "Set"
    lena = services.catalogue.staff_by_name("Lena Neu").id
    assert services.staff_access.sign_in(lena, "2468").name == "Lena Neu"

    # The last owner keeps the role: the service says so, in words.
    select(tab, "Sabine Müller")
    tab.new_role.setCurrentIndex(ROLES.index(StaffRole.MANAGER))
    tab.give_role.click()
    qtbot.waitUntil(lambda: "needs an active owner" in tab.message.text())
    assert services.catalogue.staff_by_name("Sabine Müller").role is StaffRole.OWNER

    select(tab, "Jörg Weiß")
    tab.new_role.setCurrentIndex(ROLES.index(StaffRole.RECEPTION))
    with qtbot.waitSignal(tab.changed, timeout=5000):
        tab.give_role.click()
    assert tab.message.text() == "Jörg Weiß is now: Reception."
    assert services.catalogue.staff_by_name("Jörg Weiß").role is StaffRole.RECEPTION

    # The manager at the counter: the team, but not the owner, and nobody made owner.
    ctx.signed_in.switch_to(team.manager)
    select(tab, "Sabine Müller")
    refused = "The role “Manager” may not change this staff member. Ask the owner."
    assert not tab.pin.isEnabled() and tab.pin.toolTip() == refused
    assert not tab.new_role.isEnabled() and not tab.give_role.isEnabled()
    assert not tab.toggle.isEnabled() and tab.refused.text() == refused
    assert not tab.refused.isHidden()
    select(tab, "Lena Neu")
    assert tab.pin.isEnabled() and tab.new_role.isEnabled()
    assert not role_allowed(tab, StaffRole.OWNER) and role_allowed(tab, StaffRole.MANAGER)

    ctx.signed_in.switch_to(team.owner)
    assert role_allowed(tab, StaffRole.OWNER)
    select(tab, "Sabine Müller")
    assert tab.pin.isEnabled() and tab.toggle.isEnabled() and tab.refused.isHidden()
