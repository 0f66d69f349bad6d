"""The window's Art. 15 export asks the real gateway for its part, as the command line does.

The gateway is the real ``desk-gateway serve`` process on loopback (the classes of the
end-to-end tests); the customer's consent request reaches it through a real sync, so the
gateway holds something about her that the exported file must contain.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from desk_app.bootstrap import gateway_opener, open_sync
from desk_app.domain.access import SHARED_COUNTER
from desk_app.domain.enums import Channel, ConsentSource
from desk_app.gateway.port import GatewayPort
from desk_app.services.container import Services
from desk_app.services.privacy import GatewayOpener
from desk_app.services.rows import CustomerRow
from desk_app.ui.context import UiContext
from desk_app.ui.customers.customers_page import CustomersPage
from desk_app.ui.tasks import TaskRunner
from tests.e2e.conftest import GatewayProcess, Mailbox, free_port
from tests.services.support import add_customer, make_salon

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


@pytest.fixture
def gateway(tmp_path: Path) -> Iterator[GatewayProcess]:
    mailbox = Mailbox(free_port())
    smtp = Controller(mailbox, hostname="127.0.0.1", port=mailbox.port)
    smtp.start()
    process = GatewayProcess(tmp_path / "gw", mailbox.port)
    process.directory.mkdir()
    process.create_token()
    process.start()
    yield process
    process.stop()
    smtp.stop()


@pytest.fixture
def anna(services: Services, gateway: GatewayProcess) -> CustomerRow:
    """A customer whose consent request the gateway already holds."""
    salon = make_salon(services)
    customer = add_customer(services, phone=None)
    services.catalogue.set_setting("gateway_url", gateway.url, actor=SHARED_COUNTER)
    services.consent.declare(
        customer.id, [Channel.EMAIL], ConsentSource.IN_PERSON, salon.reception.name, True
    )
    sync = open_sync(services, token=gateway.token)
    try:
        assert sync.run_once().ok
    finally:
        sync.close()
    return customer


class ThreadRecorder:
    """The composition's gateway opener, noting the thread each port is opened on."""

    def __init__(self, opener: GatewayOpener) -> None:
        self._opener = opener
        self.threads: list[threading.Thread] = []

    def __call__(self) -> GatewayPort | None:
        self.threads.append(threading.current_thread())
        return self._opener()


def make_page(qtbot: QtBot, ctx: UiContext, customer: CustomerRow) -> CustomersPage:
    page = CustomersPage(ctx)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitExposed(page)
    with qtbot.waitSignal(page.customer_shown, timeout=5000):
        page.show_customer(customer.id)
    return page


def export(qtbot: QtBot, page: CustomersPage, target: Path) -> dict[str, object]:
    page.export_to(str(target))
    qtbot.waitUntil(lambda: "saved" in page.status_text(), timeout=30_000)
    data = json.loads(target.read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


@pytest.fixture
def runners() -> Iterator[tuple[TaskRunner, TaskRunner]]:
    db_runner, gateway_runner = TaskRunner("db"), TaskRunner("gateway")
    yield db_runner, gateway_runner
    db_runner.shutdown()
    gateway_runner.shutdown()


def test_window_export_contains_the_gateway_part(
    qtbot: QtBot,
    qapp: QApplication,
    services: Services,
    gateway: GatewayProcess,
    anna: CustomerRow,
    runners: tuple[TaskRunner, TaskRunner],
    tmp_path: Path,
) -> None:
    opener = ThreadRecorder(gateway_opener(services, token=gateway.token))
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    ctx = UiContext(services.use_cases(), *runners, settings, "Europe/Berlin", opener)
    page = make_page(qtbot, ctx, anna)

    data = export(qtbot, page, tmp_path / "anna.json")

    assert data["customer"]["email"] == "anna.mueller@example.org"  # type: ignore[index]
    part = data["gateway"]
    assert isinstance(part, dict)
    assert part["customer_ref"] == anna.ref
    [request] = part["consent_requests"]
    assert (request["channel"], request["address"]) == ("email", "anna.mueller@example.org")
    # The HTTP went over the gateway worker, never the GUI thread.
    assert opener.threads and threading.main_thread() not in opener.threads


def test_window_export_says_when_the_gateway_cannot_be_reached(
    qtbot: QtBot,
    qapp: QApplication,
    services: Services,
    gateway: GatewayProcess,
    anna: CustomerRow,
    runners: tuple[TaskRunner, TaskRunner],
    tmp_path: Path,
) -> None:
    gateway.stop()
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    opener = gateway_opener(services, token=gateway.token)
    ctx = UiContext(services.use_cases(), *runners, settings, "Europe/Berlin", opener)
    page = make_page(qtbot, ctx, anna)

    data = export(qtbot, page, tmp_path / "anna.json")

    assert data["customer"]["email"] == "anna.mueller@example.org"  # type: ignore[index]
    assert data["gateway"]["error"] == "unreachable"  # type: ignore[index]
    assert "Export again when it can be reached" in data["gateway"]["note"]  # type: ignore[index]
