"""The consent panel: every state in words per channel, the full history, evidence export.

The ledger entries the gateway would bring (request sent, page viewed, confirmed,
unsubscribed) are applied through ``apply_event``, the sync's own code.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from dataclasses import replace
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale, Qt
from PySide6.QtWidgets import QApplication, QLabel
from pytestqt.qtbot import QtBot

from desk_app.domain.enums import Channel, ConsentSource
from desk_app.gateway.port import GatewayEvent
from desk_app.services.container import Services
from desk_app.services.gateway_events import apply_event
from desk_app.services.rows import CustomerInput, CustomerRow, DeclarationRow
from desk_app.ui.context import UiContext
from desk_app.ui.customers.consent_panel import ConsentPanel
from desk_app.ui.customers.evidence_pdf import evidence_document, evidence_html
from tests.conftest import Clock
from tests.services.support import add_customer, make_salon

pytestmark = [
    pytest.mark.parametrize("backend", ["sqlite"], indirect=True),
    pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints"),
]
STAFF = "Tanja Groß"
AGENT = "Mozilla/5.0 (X11; Linux x86_64) Firefox/140.0"


@pytest.fixture(autouse=True)
def german_dates(qapp: QApplication) -> Iterator[None]:
    """Dates as the assertions spell them, whatever the machine's locale (the texts stay
    English: no translator is installed)."""
    previous = QLocale()
    QLocale.setDefault(QLocale(QLocale.Language.German, QLocale.Country.Germany))
    yield
    QLocale.setDefault(previous)


@pytest.fixture
def anna(services: Services) -> CustomerRow:
    make_salon(services)
    return add_customer(services, "Anna", "Müller", "anna@example.org", "0151 12345678")


class Gateway:
    """Applies the events the gateway would report, in order."""

    def __init__(self, services: Services, customer: CustomerRow) -> None:
        self.services, self.customer, self.seq = services, customer, 0

    def send(self, kind: str, at: datetime, channel: Channel | None, **data: object) -> None:
        self.seq += 1
        event = GatewayEvent(
            self.seq,
            kind,
            at,
            self.customer.ref,
            str(data.get("request_id", "")) or None,
            channel.value if channel else None,
            data,
        )
        with self.services.db.write() as s:
            apply_event(s, event)


def declare(services: Services, customer: CustomerRow, *channels: Channel) -> list[DeclarationRow]:
    return services.consent.declare(customer.id, channels, ConsentSource.PHONE, STAFF, True)


def show(qtbot: QtBot, ctx: UiContext, customer: CustomerRow) -> ConsentPanel:
    panel = ConsentPanel(ctx)
    qtbot.addWidget(panel)
    panel.resize(420, 520)
    panel.show()
    panel.set_customer(customer.id, customer.full_name)
    qtbot.waitUntil(lambda: panel.consent() is not None)
    return panel


def state(panel: ConsentPanel, channel: Channel) -> str:
    return panel.findChild(QLabel, f"state_{channel.value}").text()


def test_new_customer_has_no_consent_in_words(
    qtbot: QtBot, ctx: UiContext, anna: CustomerRow
) -> None:
    panel = show(qtbot, ctx, anna)

    assert state(panel, Channel.EMAIL) == "No consent\nanna@example.org"
    assert state(panel, Channel.SMS) == "No consent\n01511 2345678"
    assert not panel.checkbox().isChecked()
    assert panel.history_text() == "No entries yet."


def test_pending_before_and_after_the_request_went_out(
    qtbot: QtBot, ctx: UiContext, services: Services, anna: CustomerRow, clock: Clock
) -> None:
    (email,) = declare(services, anna, Channel.EMAIL)  # 2026-11-25 08:00 UTC = 09:00 Berlin
    panel = show(qtbot, ctx, anna)
    assert state(panel, Channel.EMAIL).startswith(
        "Declared on 25.11.2026 09:00; the confirmation request waits in the outbox"
    )
    # Pending is on its way, not given: partly ticked with words beside it, never ticked.
    assert panel.checkbox().checkState() is Qt.CheckState.PartiallyChecked
    assert panel.findChild(QLabel, "pending").isVisible()

    gateway = Gateway(services, anna)
    sent = clock.now + timedelta(minutes=14)
    gateway.send("consent.request_sent", sent, Channel.EMAIL, request_id=email.request_id)
    panel.refresh()
    qtbot.waitUntil(lambda: "Confirmation sent" in state(panel, Channel.EMAIL))
    assert state(panel, Channel.EMAIL).startswith("Confirmation sent by email on 25.11.2026 09:14")

    viewed = clock.now + timedelta(hours=2)
    gateway.send(
        "consent.link_viewed",
        viewed,
        Channel.EMAIL,
        request_id=email.request_id,
        ip="198.51.100.7",
        user_agent=AGENT,
    )
    panel.refresh()
    qtbot.waitUntil(lambda: "link opened" in state(panel, Channel.EMAIL))
    assert "; link opened on 25.11.2026 11:00" in state(panel, Channel.EMAIL)


def test_confirmed_then_unsubscribed_in_words_and_history(
    qtbot: QtBot, ctx: UiContext, services: Services, anna: CustomerRow, clock: Clock
) -> None:
    email, sms = declare(services, anna, Channel.EMAIL, Channel.SMS)
    gateway = Gateway(services, anna)
    confirmed = clock.now + timedelta(hours=3)
    gateway.send(
        "consent.confirmed",
        confirmed,
        Channel.EMAIL,
        request_id=email.request_id,
        ip="198.51.100.7",
        user_agent=AGENT,
    )
    clock.advance(days=1)
    panel = show(qtbot, ctx, anna)
    assert state(panel, Channel.EMAIL).startswith("Confirmed on 25.11.2026 12:00 via link")
    assert state(panel, Channel.SMS).startswith("Declared on 25.11.2026 09:00")

    gateway.send("optout.received", clock.now, None, via="link")
    panel.refresh()
    objection = panel.findChild(QLabel, "objection")
    qtbot.waitUntil(lambda: not objection.isHidden())

    assert objection.text().startswith("Unsubscribed from all advertising on 26.11.2026 09:00")
    assert state(panel, Channel.EMAIL).startswith(
        "Unsubscribed on 26.11.2026 09:00 (link in a message)"
    )
    assert state(panel, Channel.SMS).startswith("Unsubscribed on 26.11.2026 09:00")
    assert not panel.checkbox().isChecked()
    lines = panel.history_text().splitlines()
    # Newest first, the objection once (it is in both channels' histories).
    assert lines[0] == "26.11.2026 09:00 Unsubscribed from all advertising (all channels)"
    assert lines[2] == "25.11.2026 12:00 Confirmed by the customer (Email)"
    assert "IP 198.51.100.7" in lines[3] and AGENT in lines[3]
    assert sum("Consent declared" in line for line in lines) == 2
    assert "by phone, recorded by Tanja Groß" in panel.history_text()


def test_pending_looks_pending_until_the_customer_confirms(
    qtbot: QtBot,
    ctx: UiContext,
    services: Services,
    anna: CustomerRow,
    clock: Clock,
    tmp_path: Path,
) -> None:
    panel = show(qtbot, ctx, anna)
    box, pending = panel.checkbox(), panel.findChild(QLabel, "pending")
    shots = {"none": panel.grab()}
    assert box.checkState() is Qt.CheckState.Unchecked and not pending.isVisible()

    (email,) = declare(services, anna, Channel.EMAIL)
    panel.refresh()
    qtbot.waitUntil(lambda: box.checkState() is not Qt.CheckState.Unchecked)
    assert box.checkState() is Qt.CheckState.PartiallyChecked
    assert pending.isVisible() and pending.text() == "Confirmation pending"
    shots["pending"] = panel.grab()

    Gateway(services, anna).send(
        "consent.confirmed", clock.now, Channel.EMAIL, request_id=email.request_id
    )
    panel.refresh()
    qtbot.waitUntil(lambda: box.checkState() is Qt.CheckState.Checked)
    assert not pending.isVisible()
    shots["confirmed"] = panel.grab()

    # Three looks, three pictures (tmp_path keeps them for a look).
    images = {name: shot.toImage() for name, shot in shots.items()}
    for name, shot in shots.items():
        assert shot.save(str(tmp_path / f"consent-{name}.png"))
    assert images["none"] != images["pending"] != images["confirmed"] != images["none"]


def test_withdrawn_by_staff_and_expired_in_words(
    qtbot: QtBot, ctx: UiContext, services: Services, anna: CustomerRow, clock: Clock
) -> None:
    declare(services, anna, Channel.EMAIL, Channel.SMS)
    clock.advance(days=2)
    services.consent.revoke(anna.id, [Channel.EMAIL], ConsentSource.IN_PERSON, "Jörg Weiß")
    clock.advance(days=40)  # SMS was never confirmed

    panel = show(qtbot, ctx, anna)

    assert state(panel, Channel.EMAIL).startswith("Unsubscribed on 27.11.2026 09:00 (in person)")
    assert state(panel, Channel.SMS).startswith(
        "Not confirmed: the request expired on 25.12.2026 09:00"
    )
    assert "Consent withdrawn (Email)\nin person, recorded by Jörg Weiß" in panel.history_text()


def test_evidence_json_and_pdf(
    qtbot: QtBot,
    ctx: UiContext,
    services: Services,
    anna: CustomerRow,
    clock: Clock,
    tmp_path: Path,
) -> None:
    (email,) = declare(services, anna, Channel.EMAIL)
    gateway = Gateway(services, anna)
    gateway.send(
        "consent.confirmed",
        clock.now + timedelta(hours=1),
        Channel.EMAIL,
        request_id=email.request_id,
        ip="198.51.100.7",
        user_agent=AGENT,
    )
    clock.advance(days=3)
    services.consent.revoke(anna.id, [Channel.EMAIL], ConsentSource.PHONE, STAFF)
    panel = show(qtbot, ctx, anna)

    path = tmp_path / "evidence.json"
    with qtbot.waitSignal(panel.exported, timeout=5000):
        panel.export_json(str(path))
    data = json.loads(path.read_text(encoding="utf-8"))

    assert data["customer"]["ref"] == anna.ref
    evidence = data["consent"]["channels"]["email"]["evidence"]
    assert evidence["declared_by"] == STAFF
    assert evidence["declaration_source"] == "phone"
    assert evidence["ip"] == "198.51.100.7" and evidence["user_agent"] == AGENT
    assert [e["event"] for e in evidence["history"]] == ["declared", "confirmed", "revoked"]
    statement = data["statements"][email.statement_sha256]
    assert statement["sha256_matches"] is True
    assert hashlib.sha256(statement["text"].encode()).hexdigest() == email.statement_sha256

    pdf = tmp_path / "evidence.pdf"
    with qtbot.waitSignal(panel.exported, timeout=5000):
        panel.export_pdf(str(pdf))
    assert pdf.read_bytes().startswith(b"%PDF")
    assert pdf.stat().st_size > 2000
    # Personal data: only the salon's own user may read either file (issue 8).
    assert path.stat().st_mode & 0o777 == pdf.stat().st_mode & 0o777 == 0o600

    html = evidence_html(services.privacy.consent_evidence(anna.id), "Europe/Berlin")
    for fact in (
        email.statement_sha256,
        email.statement_version,
        "198.51.100.7",
        "Tanja Groß",
        "Ich bin damit einverstanden",
        "The text below matches this SHA-256.",
        "Consent withdrawn",
    ):
        assert fact in html


def test_the_evidence_names_the_address_the_consent_was_declared_for(
    services: Services, anna: CustomerRow, clock: Clock
) -> None:
    """A confirmation proves the address it was sent to (DESIGN.md 2): the evidence names
    that one, and the customer's current address beside it only when it is another."""
    (email,) = declare(services, anna, Channel.EMAIL)
    Gateway(services, anna).send(
        "consent.confirmed", clock.now, Channel.EMAIL, request_id=email.request_id
    )
    declared_for = "Declared for the address\nanna@example.org\n"
    evidence = services.privacy.consent_evidence(anna.id)

    text = evidence_document(evidence, "Europe/Berlin").toPlainText()
    assert text.count(declared_for) == 2  # the channel's consent and its declaration
    assert "Current address" not in text

    # The record holds another address than the consent's (written past the consent
    # service, which would have ended the consent): both, the current one labelled.
    moved = replace(evidence, consent=replace(evidence.consent, email="anna.neu@example.org"))
    text = evidence_document(moved, "Europe/Berlin").toPlainText()
    assert text.count(declared_for) == 2
    assert "Current address (a different one)\nanna.neu@example.org\n" in text

    # Changed at the counter: the consent ended; its declaration still names its address.
    services.customers.update(
        anna.id, CustomerInput(first_name="Anna", last_name="Müller", email="anna.neu@example.org")
    )
    evidence = services.privacy.consent_evidence(anna.id)
    text = evidence_document(evidence, "Europe/Berlin").toPlainText()
    assert text.count(declared_for) == 1
    assert "Address\nanna.neu@example.org\n" in text


def test_an_unwritable_evidence_file_is_reported(
    qtbot: QtBot, ctx: UiContext, anna: CustomerRow, tmp_path: Path
) -> None:
    panel = show(qtbot, ctx, anna)
    target = tmp_path / "missing-folder" / "evidence.pdf"
    notice = panel.findChild(QLabel, "notice")

    panel.export_pdf(str(target))
    qtbot.waitUntil(lambda: not notice.isHidden())

    assert notice.text().startswith("The file could not be written")
    assert not target.exists()


def test_a_customer_not_saved_yet_cannot_be_asked(qtbot: QtBot, ctx: UiContext) -> None:
    panel = ConsentPanel(ctx)
    qtbot.addWidget(panel)
    panel.set_customer(None, "")

    assert not panel.checkbox().isEnabled()
    assert "Save the customer first" in panel.findChild(QLabel, "notice").text()
