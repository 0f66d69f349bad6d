"""Which services and staff the booking page offers, set on the settings' "Services" and
"Staff" tabs: a tick "bookable online" saved at once, a service's description saved with
the service; both databases."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTableWidget
from pytestqt.qtbot import QtBot

from desk_app.services.container import Services
from desk_app.ui.context import UiContext
from desk_app.ui.settings.staff_tab import ONLINE_COLUMN as STAFF_ONLINE
from desk_app.ui.settings.staff_tab import StaffTab
from desk_app.ui.settings.treatments_tab import ONLINE_COLUMN as SERVICE_ONLINE
from desk_app.ui.settings.treatments_tab import TreatmentsTab
from tests.services.support import Salon, make_salon
from tests.support.ui import type_text

WAIT = 5000


@pytest.fixture
def salon(services: Services) -> Salon:
    return make_salon(services)


def row_of(table: QTableWidget, name: str) -> int:
    for number in range(table.rowCount()):
        item = table.item(number, 0)
        if item is not None and item.text() == name:
            return number
    raise AssertionError(name)


def services_tab(qtbot: QtBot, ctx: UiContext, services: Services) -> TreatmentsTab:
    tab = TreatmentsTab(ctx, services.salon_setup)
    qtbot.addWidget(tab)
    tab.load(services.catalogue.list_treatments(), services.salon_setup.service_categories())
    tab.resize(820, 480)
    tab.show()
    return tab


def test_a_service_is_taken_off_the_booking_page_and_put_back(
    qtbot: QtBot, ctx: UiContext, services: Services, salon: Salon
) -> None:
    tab = services_tab(qtbot, ctx, services)
    number = row_of(tab.table, "Färben")
    item = tab.table.item(number, SERVICE_ONLINE)
    assert item.checkState() == Qt.CheckState.Checked  # new services are offered

    with qtbot.waitSignal(tab.changed, timeout=WAIT):
        item.setCheckState(Qt.CheckState.Unchecked)

    offered = {t.name: t.online for t in services.catalogue.list_treatments()}
    assert offered == {"Damenhaarschnitt": True, "Färben": False}
    assert tab.message.text() == "Färben can no longer be booked online."
    number = row_of(tab.table, "Färben")
    assert tab.table.item(number, SERVICE_ONLINE).checkState() == Qt.CheckState.Unchecked

    with qtbot.waitSignal(tab.changed, timeout=WAIT):
        tab.table.item(number, SERVICE_ONLINE).setCheckState(Qt.CheckState.Checked)
    assert all(t.online for t in services.catalogue.list_treatments())


def test_the_description_is_saved_with_the_service(
    qtbot: QtBot, ctx: UiContext, services: Services, salon: Salon
) -> None:
    tab = services_tab(qtbot, ctx, services)
    tab.table.selectRow(row_of(tab.table, "Färben"))
    assert tab.description.text() == ""

    type_text(tab.description, "Ansatz oder komplett, mit Pflege")
    with qtbot.waitSignal(tab.changed, timeout=WAIT):
        tab.update_button.click()

    colour = services.catalogue.treatment_by_name("Färben")
    assert colour.description == "Ansatz oder komplett, mit Pflege"
    tab.table.selectRow(row_of(tab.table, "Färben"))
    assert tab.description.text() == "Ansatz oder komplett, mit Pflege"


def test_a_staff_member_is_taken_off_the_booking_page(
    qtbot: QtBot, ctx: UiContext, services: Services, salon: Salon
) -> None:
    tab = StaffTab(ctx, services.salon_setup)
    qtbot.addWidget(tab)
    tab.load(services.catalogue.list_staff(include_inactive=True))
    tab.show()
    number = row_of(tab.table, "Jörg Weiß")

    with qtbot.waitSignal(tab.changed, timeout=WAIT):
        tab.table.item(number, STAFF_ONLINE).setCheckState(Qt.CheckState.Unchecked)

    online = {s.name: s.online for s in services.catalogue.list_staff(include_inactive=True)}
    assert online["Jörg Weiß"] is False
    assert online["Aylin Öztürk"] is True
    assert tab.message.text() == "Jörg Weiß can no longer be chosen on the booking page."
    number = row_of(tab.table, "Jörg Weiß")
    assert tab.table.item(number, STAFF_ONLINE).checkState() == Qt.CheckState.Unchecked
