"""Who asked for consent is who is signed in (issue 12): the dialog shows the member and
offers no other name; with the shared sign-in it asks, as before. The ledger's
``declared_by`` (its ``staff``) is checked on both backends."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QCheckBox, QComboBox, QLabel, QPushButton, QRadioButton
from pytestqt.qtbot import QtBot

from desk_app.domain.access import SHARED_COUNTER
from desk_app.domain.enums import Channel
from desk_app.services.container import Services
from desk_app.ui.context import UiContext
from desk_app.ui.customers.consent_dialog import LAST_STAFF_KEY, ConsentDialog
from tests.services.staff_support import make_team
from tests.services.support import add_customer, ledger_rows

pytestmark = [
    pytest.mark.parametrize("backend", ["sqlite", "postgresql"], indirect=True),
    pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints"),
]
ADDRESSES = {Channel.EMAIL: "anna@example.org", Channel.SMS: "0151 12345678"}


def record(qtbot: QtBot, dialog: ConsentDialog) -> None:
    dialog.findChild(QRadioButton, "source_phone").click()
    qtbot.waitUntil(lambda: dialog.statement() is not None)
    dialog.findChild(QCheckBox, "agreed").click()
    with qtbot.waitSignal(dialog.declared, timeout=5000):
        dialog.findChild(QPushButton, "confirm").click()


def test_the_ledger_names_the_member_signed_in_and_the_dialog_offers_no_other(
    qtbot: QtBot, ctx: UiContext, services: Services
) -> None:
    team = make_team(services)
    anna = add_customer(services, "Anna", "Müller", "anna@example.org", "0151 12345678")
    ctx.preferences.setValue(LAST_STAFF_KEY, "Jörg Weiß")  # who usually sits here

    dialog = ConsentDialog(ctx, anna.id, anna.full_name, [Channel.EMAIL], ADDRESSES)
    qtbot.addWidget(dialog)
    dialog.open()
    staff = dialog.findChild(QComboBox, "staff")
    member = dialog.findChild(QLabel, "signed_in_staff")
    qtbot.waitUntil(lambda: staff.currentData() == "Jörg Weiß")
    assert staff.isVisible() and not member.isVisible()  # shared sign-in: asked

    ctx.signed_in.switch_to(team.reception)  # Tanja steps up while the dialog is open

    assert not staff.isVisible() and member.isVisible()
    assert member.text() == "Tanja Groß"
    record(qtbot, dialog)
    assert [row.staff for row in ledger_rows(services.db, anna.id)] == ["Tanja Groß"]
    assert ctx.preferences.value(LAST_STAFF_KEY, "", type=str) == "Jörg Weiß"

    ctx.signed_in.switch_to(SHARED_COUNTER)
    shared = ConsentDialog(ctx, anna.id, anna.full_name, [Channel.SMS], ADDRESSES)
    qtbot.addWidget(shared)
    shared.open()
    staff = shared.findChild(QComboBox, "staff")
    qtbot.waitUntil(lambda: staff.count() > 1)
    assert staff.isVisible() and not shared.findChild(QLabel, "signed_in_staff").isVisible()
    staff.setCurrentIndex(staff.findData("Murat Kaya"))
    record(qtbot, shared)
    assert [row.staff for row in ledger_rows(services.db, anna.id)] == ["Tanja Groß", "Murat Kaya"]
