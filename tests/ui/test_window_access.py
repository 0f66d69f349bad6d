"""The window follows the rights of whoever is signed in (issue 12): what a role may not do
is greyed with the service's reason, and switching the member at the counter changes it
at once. The window as ``desk-app`` builds it, on a real SQLite file; the services'
own refusals are tested in tests/services/test_audit_log.py (both backends)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QPushButton, QToolButton
from pytestqt.qtbot import QtBot

from desk_app.desktop import gui
from desk_app.domain.access import SHARED_COUNTER
from desk_app.domain.enums import Permission
from desk_app.domain.errors import NotPermitted
from desk_app.ui.calendar.calendar_page import CalendarPage
from desk_app.ui.customers.customers_page import CustomersPage
from desk_app.ui.marketing.marketing_page import MarketingPage
from desk_app.ui.settings.dialog import SettingsDialog
from tests.services.queue_worker import DRAFT
from tests.services.staff_support import Team, make_team
from tests.services.support import add_customer

REFUSED = {
    "settings": "The role “Reception” may not change settings. Ask the owner.",
    "export": "The role “Reception” may not export customer data. Ask the owner.",
    "erase": "The role “Reception” may not erase customers. Ask the owner.",
    "marketing": "The role “Reception” may not send campaigns. Ask the owner.",
    "book": "The role “Stylist” may not book appointments. Ask the owner.",
    "restore": "The role “Reception” may not restore a backup. Ask the owner.",
}


@pytest.fixture
def desktop(
    qapp: QApplication, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[gui.Desktop]:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    running = gui.start_desktop(qapp, f"sqlite:///{tmp_path / 'salon.sqlite3'}")
    try:
        yield running
    finally:
        running.close()


def tips(action: QAction | QToolButton) -> tuple[bool, str, str]:
    return action.isEnabled(), action.toolTip(), action.statusTip()


def test_what_a_role_may_not_do_is_greyed_with_the_reason_and_follows_the_member(
    qtbot: QtBot, desktop: gui.Desktop
) -> None:
    window, services, signed_in = desktop.window, desktop.services, desktop.ctx.signed_in
    qtbot.addWidget(window)
    window.show()
    team: Team = make_team(services)
    anna = add_customer(services)
    settings, new_booking = window.action("settings"), window.action("new_booking")
    window.show_section("customers")
    customers = window.page("customers")
    assert isinstance(customers, CustomersPage)
    export = customers.findChild(QAction, "export_customer")
    erase = customers.findChild(QAction, "erase_customer")
    with qtbot.waitSignal(customers.customer_shown, timeout=5000):
        customers.show_customer(anna.id)
    window.show_section("marketing")
    marketing = window.page("marketing")
    assert isinstance(marketing, MarketingPage)
    assert not marketing.is_refused()  # the shared sign-in keeps the rights it had

    signed_in.switch_to(team.reception)

    assert tips(settings) == (False, REFUSED["settings"], REFUSED["settings"])
    assert tips(export) == (False, REFUSED["export"], REFUSED["export"])
    assert tips(erase) == (False, REFUSED["erase"], REFUSED["erase"])
    restore = window.findChild(QAction, "restore_backup")  # File ▸ Restore backup … (issue 13)
    assert tips(restore) == (False, REFUSED["restore"], REFUSED["restore"])
    assert customers.start_erase() is None  # the dialog does not open either
    assert marketing.is_refused()
    assert REFUSED["marketing"] in marketing.refusal()
    assert not marketing.composer().isVisibleTo(marketing)
    assert new_booking.isEnabled()  # reception books
    # What the window greys, the services refuse too (the same words, from the error).
    with pytest.raises(NotPermitted) as refused:
        services.privacy.local_export(anna.id, actor=team.reception)
    assert refused.value == NotPermitted(Permission.EXPORT_DATA, team.reception.role)
    with pytest.raises(NotPermitted):
        services.campaigns.send(DRAFT, actor=team.reception)
    # The settings asked for another way (the online page's button) are refused in words.
    window.show_section("online")
    open_settings = window.page("online").findChild(QPushButton, "emptyOpenSettings")
    open_settings.click()
    assert window.statusBar().currentMessage() == REFUSED["settings"]
    assert window.findChildren(SettingsDialog) == []

    signed_in.switch_to(team.owner)  # the owner steps up to the counter: no restart

    assert settings.isEnabled() and export.isEnabled() and erase.isEnabled()
    assert restore.isEnabled()
    assert export.toolTip() == "Export data" and export.statusTip() == ""
    assert not marketing.is_refused() and marketing.refusal() == ""
    dialog = customers.start_erase()
    assert dialog is not None
    dialog.reject()

    signed_in.switch_to(team.stylist)

    assert tips(new_booking) == (False, REFUSED["book"], REFUSED["book"])
    window.show_section("calendar")
    calendar = window.page("calendar")
    assert isinstance(calendar, CalendarPage)
    button = calendar.findChild(QToolButton, "new_booking")
    assert tips(button) == (False, REFUSED["book"], REFUSED["book"])
    calendar.new_booking()  # asked for all the same (a double-click on the grid)
    assert calendar.booking_dialog() is None
    assert calendar.message() == REFUSED["book"]
    assert not calendar.current_view().canvas().is_editable()  # no drags either

    signed_in.switch_to(SHARED_COUNTER)
    assert button.isEnabled() and button.toolTip() == "New appointment (Ctrl+N)"
    assert calendar.current_view().canvas().is_editable()
