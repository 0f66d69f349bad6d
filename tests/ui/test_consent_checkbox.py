"""The guarded consent checkbox (DESIGN.md 2.1): nothing ticks it but the dialog.

Click → Cancel leaves it unticked with no ledger entry; click → confirm records a
declaration with staff and source and queues the confirmation request; the space bar,
the mnemonic, Escape and programmatic toggles never tick it silently.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPushButton,
    QRadioButton,
)
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from desk_app.db import models as m
from desk_app.domain.enums import Category, Channel, ConsentSource, ConsentState
from desk_app.services.booking import BookingRequest
from desk_app.services.container import Services
from desk_app.services.rows import CustomerRow
from desk_app.ui.context import UiContext
from desk_app.ui.customers.consent_dialog import ConsentDialog, WithdrawalDialog
from desk_app.ui.customers.consent_panel import ConsentPanel, GuardedCheckBox
from tests.services.support import add_customer, friday, make_salon

# The offscreen platform says so whenever a window's size limits change; harmless here.
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")
# UI tests run on SQLite; the services below are tested on both backends.
sqlite_only = pytest.mark.parametrize("backend", ["sqlite"], indirect=True)
STAFF = "Tanja Groß"


@pytest.fixture
def anna(services: Services) -> CustomerRow:
    make_salon(services)
    return add_customer(services, "Anna", "Müller", "anna@example.org", "0151 12345678")


def ledger(services: Services, customer_id: int) -> list[m.ConsentLedgerEntry]:
    with services.db.read() as s:
        query = select(m.ConsentLedgerEntry).where(m.ConsentLedgerEntry.customer_id == customer_id)
        return list(s.scalars(query.order_by(m.ConsentLedgerEntry.id)))


def consent_requests(services: Services, customer_id: int) -> list[Channel]:
    return [
        row.channel
        for row in services.outbox.messages()
        if row.customer_id == customer_id and row.category is Category.CONSENT_REQUEST
    ]


@pytest.fixture
def panel(qtbot: QtBot, ctx: UiContext, anna: CustomerRow) -> ConsentPanel:
    widget = ConsentPanel(ctx)
    qtbot.addWidget(widget)
    widget.resize(420, 480)
    widget.show()
    qtbot.waitExposed(widget)
    widget.set_customer(anna.id, anna.full_name)
    qtbot.waitUntil(lambda: widget.consent() is not None)
    return widget


def click_box(qtbot: QtBot, box: QCheckBox) -> None:
    """A real mouse click on the indicator (the middle of a wide box is not a hit)."""
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(8, box.height() // 2))


def opened_dialog(qtbot: QtBot, panel: ConsentPanel, action: object) -> QDialog:
    with qtbot.waitSignal(panel.dialog_opened, timeout=3000) as blocker:
        action()  # type: ignore[operator]
    dialog = blocker.args[0]
    assert isinstance(dialog, QDialog)
    assert dialog.isVisible()
    return dialog


def fill_in(qtbot: QtBot, dialog: QDialog, channel: Channel, source: ConsentSource) -> None:
    """Choose a channel, how and who, and tick "agreed" – everything but confirming."""
    staff = dialog.findChild(QComboBox, "staff")
    qtbot.waitUntil(lambda: staff.count() > 1)
    box = dialog.findChild(QCheckBox, f"channel_{channel.value}")
    if not box.isChecked():
        box.click()
    dialog.findChild(QRadioButton, f"source_{source.value}").click()
    staff.setCurrentIndex(staff.findData(STAFF))
    assert isinstance(dialog, ConsentDialog)
    qtbot.waitUntil(lambda: dialog.statement() is not None)
    dialog.findChild(QCheckBox, "agreed").click()


# ---- the paths the brief names ----------------------------------------------------------------
@sqlite_only
def test_click_then_cancel_leaves_it_unticked_and_records_nothing(
    qtbot: QtBot, panel: ConsentPanel, services: Services, anna: CustomerRow
) -> None:
    box = panel.checkbox()
    dialog = opened_dialog(qtbot, panel, lambda: click_box(qtbot, box))
    assert isinstance(dialog, ConsentDialog)
    assert not box.isChecked()  # still unticked while the dialog is open

    cancel = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Cancel)
    with qtbot.waitSignal(dialog.rejected):
        qtbot.mouseClick(cancel, Qt.MouseButton.LeftButton)

    qtbot.wait(100)  # anything recorded would be on its way by now
    assert not box.isChecked()
    assert ledger(services, anna.id) == []
    assert consent_requests(services, anna.id) == []


@sqlite_only
def test_click_then_confirm_records_staff_and_source_and_queues_the_request(
    qtbot: QtBot, panel: ConsentPanel, services: Services, anna: CustomerRow
) -> None:
    box = panel.checkbox()
    dialog = opened_dialog(qtbot, panel, lambda: click_box(qtbot, box))
    fill_in(qtbot, dialog, Channel.EMAIL, ConsentSource.PHONE)
    assert isinstance(dialog, ConsentDialog)
    shown = dialog.statement()
    assert shown is not None

    with qtbot.waitSignal(panel.consent_changed, timeout=5000):
        dialog.findChild(QPushButton, "confirm").click()
    qtbot.waitUntil(box.isChecked)

    entries = ledger(services, anna.id)
    assert [(e.event, e.channel, e.source, e.staff) for e in entries] == [
        ("declared", "email", "phone", STAFF)
    ]
    # The text read aloud is the text the ledger hashes.
    assert entries[0].statement_sha256 == shown.sha256
    assert entries[0].statement_version == shown.version
    assert consent_requests(services, anna.id) == [Channel.EMAIL]
    status = services.consent.status(anna.id).status
    assert status.state(Channel.EMAIL) is ConsentState.PENDING
    assert status.state(Channel.SMS) is ConsentState.NONE


@sqlite_only
def test_a_declaration_made_elsewhere_meanwhile_refuses_the_second_with_the_reason(
    qtbot: QtBot, panel: ConsentPanel, services: Services, anna: CustomerRow
) -> None:
    """Issue 11: the dialog was opened before another counter PC declared the same
    channel; confirming queues no second confirmation mail and says why."""
    dialog = opened_dialog(qtbot, panel, lambda: click_box(qtbot, panel.checkbox()))
    fill_in(qtbot, dialog, Channel.EMAIL, ConsentSource.PHONE)
    services.consent.declare(anna.id, [Channel.EMAIL], ConsentSource.IN_PERSON, STAFF, True)

    dialog.findChild(QPushButton, "confirm").click()
    error = dialog.findChild(QLabel, "error")
    qtbot.waitUntil(lambda: not error.isHidden())

    assert error.text().startswith("Consent for email was declared on ")
    assert "waits for the customer's confirmation: no second request is sent." in error.text()
    assert dialog.isVisible()
    assert consent_requests(services, anna.id) == [Channel.EMAIL]
    assert [e.source for e in ledger(services, anna.id)] == ["in_person"]
    dialog.reject()


@sqlite_only
def test_space_bar_on_the_focused_checkbox_opens_the_dialog_instead_of_ticking(
    qtbot: QtBot, panel: ConsentPanel, services: Services, anna: CustomerRow
) -> None:
    box = panel.checkbox()
    box.setFocus()
    qtbot.waitUntil(box.hasFocus)

    dialog = opened_dialog(qtbot, panel, lambda: qtbot.keyClick(box, Qt.Key.Key_Space))

    assert isinstance(dialog, ConsentDialog)
    assert not box.isChecked()
    dialog.reject()
    assert not box.isChecked()
    assert ledger(services, anna.id) == []


@sqlite_only
def test_escape_in_the_dialog_records_nothing(
    qtbot: QtBot, panel: ConsentPanel, services: Services, anna: CustomerRow
) -> None:
    box = panel.checkbox()
    dialog = opened_dialog(qtbot, panel, lambda: click_box(qtbot, box))
    fill_in(qtbot, dialog, Channel.EMAIL, ConsentSource.IN_PERSON)  # all but the click

    with qtbot.waitSignal(dialog.rejected):
        qtbot.keyClick(dialog, Qt.Key.Key_Escape)

    qtbot.wait(100)
    assert not box.isChecked()
    assert ledger(services, anna.id) == []
    assert consent_requests(services, anna.id) == []


@sqlite_only
def test_enter_in_a_filled_in_dialog_does_not_confirm(
    qtbot: QtBot, panel: ConsentPanel, services: Services, anna: CustomerRow
) -> None:
    dialog = opened_dialog(qtbot, panel, lambda: click_box(qtbot, panel.checkbox()))
    fill_in(qtbot, dialog, Channel.EMAIL, ConsentSource.PHONE)
    dialog.findChild(QCheckBox, "agreed").setFocus()

    qtbot.keyClick(dialog.findChild(QCheckBox, "agreed"), Qt.Key.Key_Return)
    qtbot.wait(100)

    assert dialog.isVisible()
    assert ledger(services, anna.id) == []


def test_no_path_outside_the_dialog_ticks_the_box(qtbot: QtBot) -> None:
    """Mouse, space, mnemonic, click(), toggle(), setChecked(): all only ask."""
    box = GuardedCheckBox("&Werbung per E-Mail/SMS")
    qtbot.addWidget(box)
    box.show()
    qtbot.waitExposed(box)
    requests: list[str] = []
    box.tick_requested.connect(lambda: requests.append("tick"))
    box.untick_requested.connect(lambda: requests.append("untick"))

    click_box(qtbot, box)
    box.setFocus()
    qtbot.keyClick(box, Qt.Key.Key_Space)
    box.click()
    box.animateClick()
    qtbot.wait(300)
    box.toggle()
    box.setChecked(True)
    box.setCheckState(Qt.CheckState.Checked)

    assert not box.isChecked()
    assert requests == ["tick"] * 7

    box.show_state(True)  # what the panel does once the ledger says so
    assert box.isChecked()
    requests.clear()
    click_box(qtbot, box)
    box.toggle()
    assert box.isChecked()
    assert requests == ["untick", "untick"]

    # Waiting for the customer's click: partly ticked, and it stays so whatever is tried.
    box.show_state(Qt.CheckState.PartiallyChecked)
    requests.clear()
    click_box(qtbot, box)
    box.toggle()
    box.setCheckState(Qt.CheckState.Checked)
    box.setCheckState(Qt.CheckState.Unchecked)
    assert box.checkState() is Qt.CheckState.PartiallyChecked
    assert requests == ["untick", "untick", "tick", "untick"]


@sqlite_only
def test_customer_without_any_usable_address_gets_no_dialog(
    qtbot: QtBot, ctx: UiContext, services: Services
) -> None:
    make_salon(services)
    landline_only = add_customer(services, "Jörg", "Weiß", email=None, phone="030 1234567")
    panel = ConsentPanel(ctx)
    qtbot.addWidget(panel)
    panel.show()
    panel.set_customer(landline_only.id, landline_only.full_name)
    qtbot.waitUntil(lambda: panel.consent() is not None)
    opened: list[object] = []
    panel.dialog_opened.connect(opened.append)

    click_box(qtbot, panel.checkbox())

    assert opened == []
    assert not panel.checkbox().isChecked()
    assert ledger(services, landline_only.id) == []


# ---- unticking --------------------------------------------------------------------------------
def _declare(services: Services, customer_id: int, *channels: Channel) -> None:
    services.consent.declare(customer_id, channels, ConsentSource.PHONE, STAFF, True)


@sqlite_only
def test_untick_then_cancel_keeps_consent(
    qtbot: QtBot, ctx: UiContext, services: Services, anna: CustomerRow
) -> None:
    _declare(services, anna.id, Channel.EMAIL)
    panel = ConsentPanel(ctx)
    qtbot.addWidget(panel)
    panel.show()
    panel.set_customer(anna.id, anna.full_name)
    qtbot.waitUntil(lambda: panel.checkbox().isChecked())
    before = len(ledger(services, anna.id))

    dialog = opened_dialog(qtbot, panel, lambda: click_box(qtbot, panel.checkbox()))
    assert isinstance(dialog, WithdrawalDialog)
    assert panel.checkbox().isChecked()  # not unticked before it is recorded
    dialog.reject()
    qtbot.wait(100)

    assert panel.checkbox().isChecked()
    assert len(ledger(services, anna.id)) == before


@sqlite_only
def test_untick_then_confirm_records_a_withdrawal_on_request(
    qtbot: QtBot, ctx: UiContext, services: Services, anna: CustomerRow
) -> None:
    _declare(services, anna.id, Channel.EMAIL, Channel.SMS)
    panel = ConsentPanel(ctx)
    qtbot.addWidget(panel)
    panel.show()
    panel.set_customer(anna.id, anna.full_name)
    qtbot.waitUntil(lambda: panel.checkbox().isChecked())

    dialog = opened_dialog(qtbot, panel, lambda: click_box(qtbot, panel.checkbox()))
    staff = dialog.findChild(QComboBox, "staff")
    qtbot.waitUntil(lambda: staff.count() > 1)
    confirm = dialog.findChild(QPushButton, "confirm")
    assert not confirm.isEnabled()  # how and who first
    dialog.findChild(QRadioButton, "source_in_person").click()
    staff.setCurrentIndex(staff.findData("Jörg Weiß"))
    assert confirm.isEnabled()
    with qtbot.waitSignal(panel.consent_changed, timeout=5000):
        confirm.click()
    qtbot.waitUntil(lambda: not panel.checkbox().isChecked())

    revoked = [e for e in ledger(services, anna.id) if e.event == "revoked"]
    assert sorted((e.channel, e.source, e.staff) for e in revoked) == [
        ("email", "in_person", "Jörg Weiß"),
        ("sms", "in_person", "Jörg Weiß"),
    ]
    status = services.consent.status(anna.id).status
    assert {status.state(ch) for ch in Channel} == {ConsentState.REVOKED}


@sqlite_only
def test_withdrawing_one_channel_keeps_the_other(
    qtbot: QtBot, ctx: UiContext, services: Services, anna: CustomerRow
) -> None:
    _declare(services, anna.id, Channel.EMAIL, Channel.SMS)
    panel = ConsentPanel(ctx)
    qtbot.addWidget(panel)
    panel.show()
    panel.set_customer(anna.id, anna.full_name)
    qtbot.waitUntil(lambda: panel.checkbox().isChecked())

    dialog = opened_dialog(qtbot, panel, lambda: click_box(qtbot, panel.checkbox()))
    staff = dialog.findChild(QComboBox, "staff")
    qtbot.waitUntil(lambda: staff.count() > 1)
    dialog.findChild(QCheckBox, "channel_sms").click()  # keep SMS
    dialog.findChild(QRadioButton, "source_phone").click()
    staff.setCurrentIndex(staff.findData(STAFF))
    with qtbot.waitSignal(panel.consent_changed, timeout=5000):
        dialog.findChild(QPushButton, "confirm").click()
    qtbot.waitUntil(
        lambda: panel.consent() is not None and _state(panel, Channel.EMAIL) == "revoked"
    )

    assert _state(panel, Channel.SMS) == "pending"
    assert panel.checkbox().isChecked()  # SMS consent is still on its way


def _state(panel: ConsentPanel, channel: Channel) -> str:
    row = panel.consent()
    assert row is not None
    return row.status.state(channel).value


@sqlite_only
def test_staff_record_the_objection_and_the_open_bookings_stop_notifying(
    qtbot: QtBot, ctx: UiContext, services: Services, anna: CustomerRow
) -> None:
    """Issue 8: "Abmelden" told at the counter does what the link does."""
    stylist = services.catalogue.staff_by_name("Jörg Weiß")  # the anna fixture's salon
    cut = services.catalogue.list_treatments()[0]
    booking = services.booking.book(BookingRequest(anna.id, stylist.id, cut.id, friday(10)))
    assert booking.notify
    _declare(services, anna.id, Channel.EMAIL)
    panel = ConsentPanel(ctx)
    qtbot.addWidget(panel)
    panel.show()
    panel.set_customer(anna.id, anna.full_name)
    qtbot.waitUntil(lambda: panel.checkbox().isChecked())

    dialog = opened_dialog(qtbot, panel, lambda: click_box(qtbot, panel.checkbox()))
    dialog.findChild(QCheckBox, "channel_email").click()  # no channel chosen ...
    staff = dialog.findChild(QComboBox, "staff")
    qtbot.waitUntil(lambda: staff.count() > 1)
    dialog.findChild(QRadioButton, "source_phone").click()
    staff.setCurrentIndex(staff.findData("Jörg Weiß"))
    confirm = dialog.findChild(QPushButton, "confirm")
    assert not confirm.isEnabled()
    dialog.findChild(QCheckBox, "objection").click()  # ... but the objection
    assert confirm.isEnabled()
    with qtbot.waitSignal(panel.consent_changed, timeout=5000):
        confirm.click()

    objected = [e for e in ledger(services, anna.id) if e.event == "objected"]
    assert [(e.channel, e.source, e.staff) for e in objected] == [(None, "phone", "Jörg Weiß")]
    assert services.consent.status(anna.id).status.objected
    assert services.booking.get(booking.id).notify is False
