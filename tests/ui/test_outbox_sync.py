""" "Sync now" on the outbox page: a real SyncService on the gateway runner, with a small
recording fake of the gateway port. Progress reaches the widgets through a queued signal;
results and errors are shown in words."""

from __future__ import annotations

import threading
from collections.abc import Iterator, Mapping, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
import shiboken6
from PySide6.QtCore import QThread
from PySide6.QtWidgets import QApplication, QLabel, QProgressBar, QPushButton
from pytestqt.qtbot import QtBot
from sqlalchemy import update

from desk_app.config.paths import templates_dir
from desk_app.db import models as m
from desk_app.domain.access import SHARED_COUNTER
from desk_app.domain.enums import Channel, ConsentSource, OutboxStatus
from desk_app.domain.errors import GatewayNotConfigured
from desk_app.gateway.port import (
    BookingOutcome,
    ConsentRequest,
    EventPage,
    GatewayError,
    GatewayEvent,
    GatewayStatus,
    ItemResult,
    OutgoingMessage,
    TransportHealth,
)
from desk_app.services.booking import BookingRequest
from desk_app.services.container import Services
from desk_app.services.messages import MessageTemplates
from desk_app.services.rows import OutboxRow
from desk_app.services.sync import SyncService
from desk_app.ui.context import UiContext
from desk_app.ui.outbox.outbox_page import OutboxPage
from desk_app.ui.outbox.status_widget import Connection, GatewayState, GatewayStatusWidget
from tests.conftest import Clock
from tests.services.support import add_customer, friday, make_salon
from tests.support.ui import ui_context

pytestmark = pytest.mark.parametrize("backend", ["sqlite"], indirect=True)
GATEWAY = "https://gateway.example.de"
STAFF = "Tanja Groß"


class RecordingGateway:
    """Answers like protocol v1 and records what it was asked, and on which thread.

    ``hold`` (a threading.Event) makes ``send_messages`` wait until it is set, so a test
    can look at the page while the sync is still running.
    """

    def __init__(self, events: Sequence[GatewayEvent] = (), refuse: Sequence[str] = ()) -> None:
        self.log: list[GatewayEvent] = list(events)
        self.refuse = set(refuse)  # addresses answered with "suppressed"
        self.sent: list[OutgoingMessage] = []
        self.consent_requests: list[ConsentRequest] = []
        self.threads: set[str] = set()
        self.hold: threading.Event | None = None
        self.sending = threading.Event()
        self.failure: GatewayError | None = None
        self.closed = False
        self.gateway_status: GatewayStatus | None = None  # None: no /v1/status (404)
        self.status_threads: set[str] = set()

    def events(self, after: int, limit: int = 100, wait: float = 0) -> EventPage:
        self.threads.add(threading.current_thread().name)
        if self.failure is not None:
            raise self.failure
        page = [event for event in self.log if event.seq > after][:limit]
        return EventPage(page, self.log[-1].seq if self.log else 0)

    def send_messages(self, items: Sequence[OutgoingMessage]) -> list[ItemResult]:
        self.threads.add(threading.current_thread().name)
        self.sending.set()
        if self.hold is not None:
            assert self.hold.wait(10)
        self.sent.extend(items)
        return [
            ItemResult(item.client_id, "rejected", code="suppressed")
            if item.to in self.refuse
            else ItemResult(item.client_id, "accepted")
            for item in items
        ]

    def request_consent(self, request: ConsentRequest) -> ItemResult:
        self.consent_requests.append(request)
        return ItemResult(request.request_id, "accepted")

    def status(self) -> GatewayStatus | None:
        self.status_threads.add(threading.current_thread().name)
        return self.gateway_status

    def publish_availability(self, snapshot: Mapping[str, Any]) -> int:
        self.threads.add(threading.current_thread().name)
        return 0

    def report_booking_outcome(self, outcome: BookingOutcome) -> None:
        self.threads.add(threading.current_thread().name)

    def release_waitlist_claim(self, offer_ref: str, *, waiting: bool = True) -> None:
        self.threads.add(threading.current_thread().name)

    def export_customer(self, customer_ref: str) -> dict[str, Any]:
        raise NotImplementedError

    def erase_customer(self, customer_ref: str) -> dict[str, Any]:
        raise NotImplementedError

    def close(self) -> None:
        self.closed = True


@pytest.fixture
def ctx(qapp: QApplication, services: Services, tmp_path: Path) -> Iterator[UiContext]:
    services.catalogue.set_setting("gateway_url", GATEWAY, actor=SHARED_COUNTER)
    with ui_context(services, tmp_path, []) as context:
        yield context


@pytest.fixture
def messages(services: Services) -> list[OutboxRow]:
    """Newest first: Jörg's consent request and booking, Anna's consent request and
    booking (Anna's booking confirmation was handed over in an earlier sync)."""
    salon = make_salon(services)
    people = [
        add_customer(services, "Anna", "Müller", "anna@example.org", None),
        add_customer(services, "Jörg", "Weiß", "joerg@example.org", None),
    ]
    for hour, person in zip((9, 11), people, strict=True):
        services.booking.book(
            BookingRequest(person.id, salon.stylist.id, salon.cut.id, friday(hour))
        )
        services.consent.declare(person.id, [Channel.EMAIL], ConsentSource.PHONE, STAFF, True)
    rows = services.outbox.messages()
    with services.db.write() as s:
        s.execute(
            update(m.OutboxMessage)
            .where(m.OutboxMessage.id == rows[3].id)
            .values(status=OutboxStatus.ACCEPTED.value)
        )
    return rows


def _event(seq: int, kind: str, client_id: str) -> GatewayEvent:
    return GatewayEvent(seq, kind, datetime(2026, 11, 25, 8, seq, tzinfo=UTC), client_id=client_id)


def _factory(services: Services, gateway: RecordingGateway, clock: Clock) -> Any:
    def build() -> SyncService:
        return SyncService(
            services.db,
            gateway,
            GATEWAY,
            services.outbox,
            MessageTemplates(templates_dir()),
            clock,
        )

    return build


def _open(qtbot: QtBot, ctx: UiContext, factory: Any) -> OutboxPage:
    page = OutboxPage(ctx, factory)
    qtbot.addWidget(page)
    with qtbot.waitSignal(page.status_changed, timeout=5000):
        pass
    return page


def _widget(page: OutboxPage, kind: type, name: str) -> Any:
    widget = page.findChild(kind, name)
    assert widget is not None, name
    return widget


def test_sync_now_shows_progress_then_the_result(
    qtbot: QtBot,
    ctx: UiContext,
    services: Services,
    messages: list[OutboxRow],
    clock: Clock,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    handed_over = messages[3].client_id
    gateway = RecordingGateway(
        [_event(1, "message.sent", handed_over), _event(2, "message.delivered", handed_over)],
        refuse=["joerg@example.org"],
    )
    gateway.hold = threading.Event()
    progress_threads: list[bool] = []
    original = OutboxPage._on_sync_progressed

    def on_progress(page: OutboxPage, phase: str, count: int) -> None:
        progress_threads.append(QThread.currentThread() is QApplication.instance().thread())
        original(page, phase, count)

    monkeypatch.setattr(OutboxPage, "_on_sync_progressed", on_progress)
    page = _open(qtbot, ctx, _factory(services, gateway, clock))
    button = _widget(page, QPushButton, "syncButton")
    label = _widget(page, QLabel, "syncProgressLabel")
    bar = _widget(page, QProgressBar, "syncProgress")
    assert button.isEnabled()

    button.click()
    # The worker now waits inside send_messages: the events' progress is already shown.
    qtbot.waitUntil(gateway.sending.is_set)
    qtbot.waitUntil(lambda: "2 received" in label.text())
    assert page.is_syncing()
    assert bar.isVisibleTo(page) and not button.isEnabled()

    statuses: list[object] = []
    page.status_changed.connect(lambda counts, state: statuses.append((counts, state)))
    with qtbot.waitSignal(page.sync_finished, timeout=10000) as finished:
        gateway.hold.set()
    assert finished.args == [True]

    result = _widget(page, QLabel, "syncResult")
    assert "2 updates received from the gateway." in result.text()
    assert "2 messages handed to the gateway." in result.text()  # the consent requests
    assert "1 message refused by the gateway: the address is blocked" in result.text()
    assert result.property("error") is False
    assert not bar.isVisibleTo(page) and button.isEnabled()
    assert progress_threads and all(progress_threads)  # slots ran on the GUI thread
    assert all(name.startswith("gateway") for name in gateway.threads)  # work did not
    assert gateway.closed
    assert len(gateway.consent_requests) == 2
    # The page reloaded after the sync.
    qtbot.waitUntil(lambda: bool(statuses))
    counts, state = statuses[-1]
    assert counts[OutboxStatus.QUEUED] == 0
    assert state.connection is Connection.CONNECTED
    by_customer = {(row.customer_name, row.kind): row.status for row in page.model().rows()}
    assert by_customer[("Anna Müller", "booking_confirmation")] is OutboxStatus.DELIVERED
    assert by_customer[("Jörg Weiß", "booking_confirmation")] is OutboxStatus.REJECTED
    assert by_customer[("Anna Müller", "consent_request")] is OutboxStatus.ACCEPTED


def test_unreachable_gateway_is_explained(
    qtbot: QtBot, ctx: UiContext, services: Services, messages: list[OutboxRow], clock: Clock
) -> None:
    gateway = RecordingGateway()
    gateway.failure = GatewayError("unreachable", "connection refused")
    page = _open(qtbot, ctx, _factory(services, gateway, clock))
    states: list[GatewayState] = []
    page.status_changed.connect(lambda _counts, state: states.append(state))

    with qtbot.waitSignal(page.sync_finished, timeout=10000) as finished:
        _widget(page, QPushButton, "syncButton").click()

    assert finished.args == [False]
    result = _widget(page, QLabel, "syncResult")
    assert result.text().startswith("The gateway cannot be reached.")
    assert "stay in the outbox" in result.text()
    assert result.property("error") is True
    qtbot.waitUntil(lambda: bool(states))
    assert states[-1].connection is Connection.FAILING
    assert states[-1].error_kind == "unreachable"
    assert gateway.sent == []
    assert page.counts()[OutboxStatus.QUEUED] == 3  # nothing lost


def test_missing_token_is_explained(
    qtbot: QtBot, ctx: UiContext, services: Services, messages: list[OutboxRow]
) -> None:
    def no_token() -> SyncService:
        raise GatewayNotConfigured("token")

    page = _open(qtbot, ctx, no_token)
    with qtbot.waitSignal(page.sync_finished, timeout=10000) as finished:
        _widget(page, QPushButton, "syncButton").click()

    assert finished.args == [False]
    result = _widget(page, QLabel, "syncResult")
    assert result.text().startswith("There is no token for the gateway")
    assert _widget(page, QPushButton, "syncButton").isEnabled()  # may try again


def test_nothing_new(qtbot: QtBot, ctx: UiContext, services: Services, clock: Clock) -> None:
    page = _open(qtbot, ctx, _factory(services, RecordingGateway(), clock))
    with qtbot.waitSignal(page.sync_finished, timeout=10000):
        _widget(page, QPushButton, "syncButton").click()
    assert "everything is up to date" in _widget(page, QLabel, "syncResult").text()
    assert page.model().rowCount() == 0


def test_closing_the_page_during_a_sync_is_safe(
    qtbot: QtBot, ctx: UiContext, services: Services, messages: list[OutboxRow], clock: Clock
) -> None:
    gateway = RecordingGateway()
    gateway.hold = threading.Event()
    page = OutboxPage(ctx, _factory(services, gateway, clock))
    with qtbot.waitSignal(page.status_changed, timeout=5000):
        pass
    _widget(page, QPushButton, "syncButton").click()
    qtbot.waitUntil(gateway.sending.is_set)

    page.deleteLater()
    qtbot.waitUntil(lambda: not shiboken6.isValid(page))
    errors: list[str] = []
    ctx.gateway_tasks.failed.connect(errors.append)
    gateway.hold.set()
    done: list[bool] = []
    ctx.gateway_tasks.submit(ctx.gateway_tasks, lambda: True, done.append)  # runs after the sync
    qtbot.waitUntil(lambda: bool(done), timeout=10000)

    assert errors == []
    assert gateway.closed
    assert {row.status for row in services.outbox.messages()} == {OutboxStatus.ACCEPTED}


# ---- the gateway's own trouble on the status bar (issue 8, section 4) ----------------------
def test_a_failing_transport_is_warned_about_on_the_status_bar(
    qtbot: QtBot,
    ctx: UiContext,
    services: Services,
    messages: list[OutboxRow],
    clock: Clock,
) -> None:
    gateway = RecordingGateway()
    gateway.gateway_status = GatewayStatus(
        {
            "email": TransportHealth(
                "failing", "auth_failed", datetime(2026, 11, 25, 7, 42, tzinfo=UTC)
            ),
            "sms": TransportHealth("ok"),
        }
    )
    page = _open(qtbot, ctx, _factory(services, gateway, clock))
    widget = GatewayStatusWidget("Europe/Berlin")
    qtbot.addWidget(widget)
    page.status_changed.connect(widget.update_from)
    warning = widget.findChild(QLabel, "transportWarning")
    assert warning is not None and warning.isHidden()

    with qtbot.waitSignal(page.sync_finished, timeout=10_000):
        page.sync_now()
    qtbot.waitUntil(lambda: not warning.isHidden(), timeout=5000)

    assert warning.text().startswith("Gateway: email sending disrupted since ")
    assert warning.text().endswith("(login at the mail server failed)")
    # Asked on the gateway worker, never on the GUI thread.
    assert gateway.status_threads and "MainThread" not in gateway.status_threads

    gateway.gateway_status = None  # a gateway without /v1/status: unknown, no warning
    with qtbot.waitSignal(page.sync_finished, timeout=10_000):
        page.sync_now()
    qtbot.waitUntil(warning.isHidden, timeout=5000)
