"""The consent dialog: channels with an address only, the statement for the chosen
channels, and no confirming before how, who and an explicit "agreed" are given."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
)
from pytestqt.qtbot import QtBot

from desk_app.domain.access import SHARED_COUNTER
from desk_app.domain.enums import Channel
from desk_app.domain.statements import render_statement
from desk_app.services.container import Services
from desk_app.services.rows import CustomerInput, CustomerRow
from desk_app.ui.context import UiContext
from desk_app.ui.customers.consent_dialog import LAST_STAFF_KEY, ConsentDialog
from tests.services.support import add_customer, make_salon

pytestmark = [
    pytest.mark.parametrize("backend", ["sqlite"], indirect=True),
    pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints"),
]
ADDRESSES = {Channel.EMAIL: "anna@example.org", Channel.SMS: "0151 12345678"}


@pytest.fixture
def anna(services: Services) -> CustomerRow:
    make_salon(services)
    services.catalogue.set_setting("salon_name", "Haarwerk Müller", actor=SHARED_COUNTER)
    return add_customer(services, "Anna", "Müller", "anna@example.org", "0151 12345678")


def open_dialog(
    qtbot: QtBot, ctx: UiContext, customer: CustomerRow, channels: list[Channel]
) -> ConsentDialog:
    dialog = ConsentDialog(ctx, customer.id, customer.full_name, channels, ADDRESSES)
    qtbot.addWidget(dialog)
    dialog.open()
    staff = dialog.findChild(QComboBox, "staff")
    qtbot.waitUntil(lambda: staff.count() > 1)
    return dialog


def statement_text(dialog: ConsentDialog) -> str:
    return dialog.findChild(QPlainTextEdit, "statement").toPlainText()


def test_only_offered_channels_appear(qtbot: QtBot, ctx: UiContext, anna: CustomerRow) -> None:
    dialog = open_dialog(qtbot, ctx, anna, [Channel.EMAIL])

    assert dialog.findChild(QCheckBox, "channel_email") is not None
    assert dialog.findChild(QCheckBox, "channel_sms") is None
    # One channel: nothing to choose, the text is there at once.
    assert dialog.findChild(QCheckBox, "channel_email").isChecked()
    qtbot.waitUntil(lambda: dialog.statement() is not None)
    assert "per E-Mail Werbung" in statement_text(dialog)


def test_statement_follows_the_channel_choice(
    qtbot: QtBot, ctx: UiContext, anna: CustomerRow
) -> None:
    dialog = open_dialog(qtbot, ctx, anna, [Channel.EMAIL, Channel.SMS])
    assert dialog.statement() is None
    assert "Choose the channels first" in statement_text(dialog)

    dialog.findChild(QCheckBox, "channel_sms").click()
    qtbot.waitUntil(lambda: dialog.statement() is not None)
    sms_only = render_statement("Haarwerk Müller", (Channel.SMS,))
    assert statement_text(dialog) == sms_only.text

    dialog.findChild(QCheckBox, "channel_email").click()
    both = render_statement("Haarwerk Müller", (Channel.EMAIL, Channel.SMS))
    qtbot.waitUntil(lambda: statement_text(dialog) == both.text)
    shown = dialog.statement()
    assert shown is not None and shown.sha256 == both.sha256
    version = dialog.findChild(QLabel, "statement_version").text()
    assert both.version in version and both.sha256[:12] in version


def test_confirm_needs_channel_source_staff_and_an_explicit_yes(
    qtbot: QtBot, ctx: UiContext, anna: CustomerRow
) -> None:
    dialog = open_dialog(qtbot, ctx, anna, [Channel.EMAIL, Channel.SMS])
    confirm = dialog.findChild(QPushButton, "confirm")
    agreed = dialog.findChild(QCheckBox, "agreed")
    staff = dialog.findChild(QComboBox, "staff")

    agreed.click()
    assert not confirm.isEnabled()  # no channel yet
    dialog.findChild(QCheckBox, "channel_email").click()
    qtbot.waitUntil(lambda: dialog.statement() is not None)
    # A new channel choice means a new text: the earlier yes no longer counts.
    assert not agreed.isChecked()
    agreed.click()
    assert not confirm.isEnabled()  # how?
    dialog.findChild(QRadioButton, "source_written").click()
    assert not confirm.isEnabled()  # who?
    assert staff.currentData() is None
    staff.setCurrentIndex(staff.findData("Jörg Weiß"))
    assert confirm.isEnabled()
    agreed.click()
    assert not confirm.isEnabled()  # the yes is what it hinges on


def test_staff_choice_is_remembered_for_the_next_dialog(
    qtbot: QtBot, ctx: UiContext, anna: CustomerRow, services: Services
) -> None:
    dialog = open_dialog(qtbot, ctx, anna, [Channel.EMAIL])
    staff = dialog.findChild(QComboBox, "staff")
    staff.setCurrentIndex(staff.findData("Aylin Öztürk"))
    dialog.findChild(QRadioButton, "source_phone").click()
    qtbot.waitUntil(lambda: dialog.statement() is not None)
    dialog.findChild(QCheckBox, "agreed").click()
    with qtbot.waitSignal(dialog.declared, timeout=5000) as blocker:
        dialog.findChild(QPushButton, "confirm").click()
    assert [row.channel for row in blocker.args[0]] == [Channel.EMAIL]
    assert ctx.preferences.value(LAST_STAFF_KEY, "", type=str) == "Aylin Öztürk"

    again = open_dialog(qtbot, ctx, anna, [Channel.SMS])
    assert again.findChild(QComboBox, "staff").currentData() == "Aylin Öztürk"


def test_a_refused_declaration_is_shown_and_the_dialog_stays(
    qtbot: QtBot, ctx: UiContext, anna: CustomerRow, services: Services
) -> None:
    dialog = open_dialog(qtbot, ctx, anna, [Channel.EMAIL])
    # Meanwhile another counter PC removed the email address: the service refuses.
    services.customers.update(
        anna.id, CustomerInput("Anna", "Müller", email=None, phone="0151 12345678")
    )
    staff = dialog.findChild(QComboBox, "staff")
    staff.setCurrentIndex(staff.findData("Tanja Groß"))
    dialog.findChild(QRadioButton, "source_phone").click()
    qtbot.waitUntil(lambda: dialog.statement() is not None)
    dialog.findChild(QCheckBox, "agreed").click()

    dialog.findChild(QPushButton, "confirm").click()
    error = dialog.findChild(QLabel, "error")
    qtbot.waitUntil(lambda: not error.isHidden())

    assert "no usable address" in error.text()
    assert dialog.isVisible()
    assert dialog.findChild(QPushButton, "confirm").isEnabled()


def test_a_statement_changed_after_it_was_shown_is_not_recorded(
    qtbot: QtBot, ctx: UiContext, anna: CustomerRow, services: Services
) -> None:
    dialog = open_dialog(qtbot, ctx, anna, [Channel.EMAIL])
    staff = dialog.findChild(QComboBox, "staff")
    staff.setCurrentIndex(staff.findData("Tanja Groß"))
    dialog.findChild(QRadioButton, "source_phone").click()
    qtbot.waitUntil(lambda: dialog.statement() is not None)
    # Another counter PC renames the salon after the text was read out.
    services.catalogue.set_setting("salon_name", "Haarwerk Neu", actor=SHARED_COUNTER)
    dialog.findChild(QCheckBox, "agreed").click()

    dialog.findChild(QPushButton, "confirm").click()
    error = dialog.findChild(QLabel, "error")
    qtbot.waitUntil(lambda: not error.isHidden())

    assert "text to read has changed" in error.text()
    assert services.consent.status(anna.id).status.state(Channel.EMAIL).value == "none"
    assert dialog.isVisible()
