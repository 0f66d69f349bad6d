"""The consent panel when an address changes or cannot be asked (issue 11, DESIGN.md 2).

Another counter PC (its own engine on the same SQLite file or PostgreSQL database)
changes the email of the customer on screen after she confirmed: within two seconds the
box is unticked and a notice says why (the consent was for the old address; the new one
has not been confirmed). A request still waiting when the number changes is void, and the
panel says that too. An address that bounced gets no dialog at all: the panel refuses
with the reason before anyone reads the statement aloud.
"""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QCheckBox, QLabel
from pytestqt.qtbot import QtBot

from desk_app.db import models as m
from desk_app.domain.enums import Channel, ConsentSource
from desk_app.gateway.port import GatewayEvent
from desk_app.services.container import Services
from desk_app.services.gateway_events import apply_event
from desk_app.services.rows import CustomerInput, CustomerRow
from desk_app.ui.context import UiContext
from desk_app.ui.customers.consent_panel import ConsentPanel
from tests.services.support import add_customer, make_salon
from tests.ui.test_live_customers import LIVE_MS, STAFF, Counter, counter  # noqa: F401

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


def _on_screen(at: Counter) -> tuple[ConsentPanel, QCheckBox, QLabel]:
    """The consent panel of the customer on screen, its box, its address-change notice."""
    panel = at.page.form().consent_panel()
    return panel, panel.checkbox(), panel.findChild(QLabel, "address_changed")


def _confirmed_by_click(other_pc: Services, customer: CustomerRow, request_id: str) -> None:
    """The customer's click, as the sync records it (on the other PC's connection)."""
    with other_pc.db.write() as s:
        apply_event(
            s,
            GatewayEvent(
                1,
                "consent.confirmed",
                datetime.now(UTC),
                customer.ref,
                request_id,
                Channel.EMAIL.value,
                {"request_id": request_id, "ip": "198.51.100.7", "user_agent": "Firefox"},
            ),
        )


def test_a_changed_address_ends_the_consent_on_screen_with_the_reason(
    qtbot: QtBot,
    counter: Counter,  # noqa: F811
) -> None:
    other_pc, anna = counter.other_pc, counter.anna
    panel, box, notice = _on_screen(counter)
    [email] = other_pc.consent.declare(anna.id, [Channel.EMAIL], ConsentSource.PHONE, STAFF, True)
    _confirmed_by_click(other_pc, anna, email.request_id)
    qtbot.waitUntil(lambda: box.checkState() is Qt.CheckState.Checked, timeout=LIVE_MS)
    assert not notice.isVisible()

    # At the other counter PC she gives a new email address.
    other_pc.customers.update(
        anna.id, CustomerInput(first_name="Anna", last_name="Müller", email="anna.neu@example.org")
    )
    qtbot.waitUntil(lambda: box.checkState() is Qt.CheckState.Unchecked, timeout=LIVE_MS)
    qtbot.waitUntil(notice.isVisible, timeout=LIVE_MS)
    assert notice.text().startswith("The email address was changed on ")
    assert "the consent confirmed for the old address has ended" in notice.text()
    assert "no advertising goes to it until the customer confirms" in notice.text()
    assert not panel.findChild(QLabel, "pending").isVisible()
    assert panel.findChild(QLabel, "state_email").text().startswith("No consent")
    assert "anna.neu@example.org" in panel.findChild(QLabel, "state_email").text()
    assert "Address changed" in panel.history_text()

    # Asked again for the new address (here, on the other PC): pending, the notice goes.
    other_pc.consent.declare(anna.id, [Channel.EMAIL], ConsentSource.PHONE, STAFF, True)
    qtbot.waitUntil(lambda: box.checkState() is Qt.CheckState.PartiallyChecked, timeout=LIVE_MS)
    qtbot.waitUntil(lambda: not notice.isVisible(), timeout=LIVE_MS)


def test_a_pending_request_void_by_a_new_address_is_said_so(
    qtbot: QtBot,
    counter: Counter,  # noqa: F811
) -> None:
    other_pc, anna = counter.other_pc, counter.anna
    panel, box, notice = _on_screen(counter)
    other_pc.consent.declare(anna.id, [Channel.EMAIL], ConsentSource.PHONE, STAFF, True)
    qtbot.waitUntil(lambda: box.checkState() is Qt.CheckState.PartiallyChecked, timeout=LIVE_MS)
    other_pc.customers.update(
        anna.id, CustomerInput(first_name="Anna", last_name="Müller", email="anna.neu@example.org")
    )
    qtbot.waitUntil(notice.isVisible, timeout=LIVE_MS)
    assert box.checkState() is Qt.CheckState.Unchecked
    assert "the confirmation request sent to the old address is void" in notice.text()


@pytest.mark.parametrize("backend", ["sqlite"], indirect=True)
def test_a_bounced_address_is_refused_before_the_dialog(
    qtbot: QtBot, ctx: UiContext, services: Services
) -> None:
    make_salon(services)
    anna = add_customer(services, "Anna", "Müller", "anna@example.org", None)
    with services.db.write() as s:
        row = s.get(m.Customer, anna.id)
        assert row is not None
        row.email_bounced_at = datetime(2026, 11, 1, tzinfo=UTC)
    panel = ConsentPanel(ctx)
    qtbot.addWidget(panel)
    panel.resize(420, 520)
    panel.show()
    qtbot.waitExposed(panel)
    panel.set_customer(anna.id, anna.full_name)
    qtbot.waitUntil(lambda: panel.consent() is not None)
    assert "Undeliverable" in panel.findChild(QLabel, "state_email").text()
    opened: list[object] = []
    panel.dialog_opened.connect(opened.append)

    box = panel.checkbox()
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(8, box.height() // 2))

    notice = panel.findChild(QLabel, "notice")
    qtbot.waitUntil(notice.isVisible)
    assert "came back as undeliverable" in notice.text()
    assert opened == []
    assert box.checkState() is Qt.CheckState.Unchecked
    assert services.consent.status(anna.id).status.channels[Channel.EMAIL].history == ()
