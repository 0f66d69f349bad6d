"""Issue 11: the customers screen is never stale. Another counter PC (a second engine on
the same SQLite file or PostgreSQL database) adds a customer, edits the one on screen and
declares consent; the gateway sync confirms it. The open window shows each within two
seconds, keeping the selection, the customer at the top of the list and what is typed.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel
from pytestqt.qtbot import QtBot

from desk_app.bootstrap import open_services
from desk_app.desktop import gui
from desk_app.domain.access import SHARED_COUNTER
from desk_app.domain.enums import Channel, ConsentSource, StaffRole
from desk_app.gateway.port import GatewayEvent
from desk_app.services.container import Services
from desk_app.services.gateway_events import apply_event
from desk_app.services.rows import CustomerInput, CustomerRow
from desk_app.ui.customers.customer_list_model import Role
from desk_app.ui.customers.customers_page import CustomersPage

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")
LIVE_MS = 2000  # the promise: a change elsewhere is on screen within two seconds
STAFF = "Tanja Groß"


@dataclass
class Counter:
    """The window at this counter, and the other counter PC on the same database."""

    desktop: gui.Desktop
    page: CustomersPage
    other_pc: Services
    anna: CustomerRow


@pytest.fixture
def counter(
    qapp: QApplication,
    qtbot: QtBot,
    database_url: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> Iterator[Counter]:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    other_pc = open_services(database_url)  # its own engine and connections
    other_pc.catalogue.add_staff(STAFF, StaffRole.RECEPTION, actor=SHARED_COUNTER)
    # Enough customers around Anna that the list scrolls.
    for last, count in (("Bauer", 40), ("Schulz", 60)):
        for number in range(count):
            other_pc.customers.create(
                CustomerInput(first_name="Kim", last_name=f"{last}{number:02d}")
            )
    anna = other_pc.customers.create(
        CustomerInput(first_name="Anna", last_name="Müller", email="anna@example.org")
    )
    desktop = gui.start_desktop(qapp, database_url)
    try:
        qtbot.addWidget(desktop.window)
        desktop.window.resize(1366, 768)
        desktop.window.show()
        desktop.window.show_section("customers")
        page = desktop.window.page("customers")
        assert isinstance(page, CustomersPage)
        qtbot.waitUntil(lambda: page.status_text() == "101 customers")
        page.show_customer(anna.id)
        panel = page.form().consent_panel()
        qtbot.waitUntil(lambda: page.form().customer_id() == anna.id)
        qtbot.waitUntil(lambda: panel.consent() is not None)
        yield Counter(desktop, page, other_pc, anna)
    finally:
        desktop.close()
        other_pc.db.dispose()


def _top_customer(page: CustomersPage) -> int:
    view = page.list_view()
    return int(view.indexAt(view.viewport().rect().topLeft()).data(Role.CUSTOMER_ID))


def _current_customer(page: CustomersPage) -> int:
    return int(page.list_view().currentIndex().data(Role.CUSTOMER_ID))


def _names(page: CustomersPage) -> list[str]:
    model = page.model()
    return [model.index(row, 0).data() for row in range(model.rowCount())]


def test_another_pcs_changes_reach_list_count_form_and_consent_panel(
    qtbot: QtBot, counter: Counter
) -> None:
    page, other_pc, anna = counter.page, counter.other_pc, counter.anna
    form, panel = page.form(), page.form().consent_panel()
    box = panel.checkbox()
    assert box.checkState() is Qt.CheckState.Unchecked
    # The receptionist has scrolled so that Anna is near the top, and types a city.
    view = page.list_view()
    view.scrollTo(page.model().index(35, 0), view.ScrollHint.PositionAtTop)
    top = _top_customer(page)
    assert _current_customer(page) == anna.id
    city = form.field("city")
    city.setFocus()
    qtbot.keyClicks(city, "Essen")

    # The other counter PC: a new customer at the top of the list, Anna's street, and
    # her consent to email advertising.
    other_pc.customers.create(
        CustomerInput(first_name="Aaron", last_name="Aal", email="aaron@example.org")
    )
    other_pc.customers.update(
        anna.id,
        CustomerInput(
            first_name="Anna", last_name="Müller", email="anna@example.org", street="Markt 1"
        ),
    )
    other_pc.consent.declare(anna.id, [Channel.EMAIL], ConsentSource.PHONE, STAFF, True)

    qtbot.waitUntil(lambda: page.status_text() == "102 customers", timeout=LIVE_MS)
    qtbot.waitUntil(lambda: "Aal, Aaron" in _names(page), timeout=LIVE_MS)
    qtbot.waitUntil(lambda: form.field("street").text() == "Markt 1", timeout=LIVE_MS)
    qtbot.waitUntil(
        lambda: panel.consent() is not None and box.checkState() is not Qt.CheckState.Unchecked,
        timeout=LIVE_MS,
    )
    # Pending looks pending, in words too.
    assert box.checkState() is Qt.CheckState.PartiallyChecked
    assert panel.findChild(QLabel, "pending").isVisible()
    assert panel.findChild(QLabel, "state_email").text().startswith("Declared on ")
    # What she typed is still there and still unsaved; nothing clashed.
    assert city.text() == "Essen" and form.is_dirty() and city.hasFocus()
    assert form.message_for("general") == ""
    # The list kept its selection and the customer she was looking at on top.
    assert _names(page)[0] == "Aal, Aaron"
    assert _current_customer(page) == anna.id
    assert _top_customer(page) == top

    # The same field changed there too: hers stays, and the form says so.
    other_pc.customers.update(
        anna.id,
        CustomerInput(
            first_name="Anna",
            last_name="Müller",
            email="anna@example.org",
            street="Markt 1",
            city="Bonn",
        ),
    )
    qtbot.waitUntil(lambda: form.message_for("general") != "", timeout=LIVE_MS)
    assert form.message_for("general").startswith("Changed on another counter PC meanwhile: ")
    assert "Postcode, city" in form.message_for("general")
    assert city.text() == "Essen"

    # The customer clicks the link; the gateway sync records it (through the sync's own
    # code, on the other PC's connection): the panel shows it confirmed, now ticked.
    request_id = panel.consent().status.channels[Channel.EMAIL].request_id  # type: ignore[union-attr]
    with other_pc.db.write() as s:
        apply_event(
            s,
            GatewayEvent(
                1,
                "consent.confirmed",
                datetime.now(UTC),
                anna.ref,
                request_id,
                Channel.EMAIL.value,
                {"request_id": request_id, "ip": "198.51.100.7", "user_agent": "Firefox"},
            ),
        )
    qtbot.waitUntil(lambda: box.checkState() is Qt.CheckState.Checked, timeout=LIVE_MS)
    assert not panel.findChild(QLabel, "pending").isVisible()
    assert panel.findChild(QLabel, "state_email").text().startswith("Confirmed on ")
