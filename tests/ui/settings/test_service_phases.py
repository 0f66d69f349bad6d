"""Settings ▸ Services: a service's processing time (Einwirkzeit, issue 14) set, shown in
the list, refused in words where it leaves no work around it, and taken off again;
booked appointments keep the phases they were booked with."""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot

from desk_app.services.booking import BookingRequest
from desk_app.services.container import Services
from desk_app.ui.context import UiContext
from tests.services.support import Salon, add_customer, berlin, make_salon
from tests.support.ui import open_weekdays
from tests.ui.settings.test_online_flags import WAIT, row_of, services_tab

pytestmark = pytest.mark.parametrize("backend", ["sqlite"], indirect=True)


@pytest.fixture
def salon(services: Services) -> Salon:
    open_weekdays(services)
    return make_salon(services)


def test_the_processing_time_is_set_refused_in_words_and_taken_off(
    qtbot: QtBot, ctx: UiContext, services: Services, salon: Salon
) -> None:
    tab = services_tab(qtbot, ctx, services)
    tab.table.selectRow(row_of(tab.table, "Färben"))  # 90 minutes
    assert tab.processing.value() == 0
    tab.processing.setValue(35)
    tab.processing_after.setValue(30)
    with qtbot.waitSignal(tab.changed, timeout=WAIT):
        tab.update_button.click()
    colour = services.catalogue.treatment_by_name("Färben")
    assert (colour.processing_after, colour.processing) == (30, 35)
    assert tab.table.item(row_of(tab.table, "Färben"), 1).text() == "90 min (35 processing)"
    anna = add_customer(services)
    booked = services.booking.book(
        BookingRequest(anna.id, salon.stylist.id, colour.id, berlin(2026, 11, 25, 10))
    )
    assert booked.processing_starts_at == berlin(2026, 11, 25, 10, 30)

    # 30 + 60 leaves no work after the processing: refused, nothing changed.
    tab.table.selectRow(row_of(tab.table, "Färben"))
    tab.processing.setValue(60)
    changes: list[object] = []
    tab.changed.connect(lambda: changes.append(True))
    tab.update_button.click()
    qtbot.waitUntil(lambda: "processing" in tab.message.text(), timeout=WAIT)
    assert changes == []
    assert "90 minutes" in tab.message.text()
    assert services.catalogue.treatment_by_name("Färben").processing == 35

    tab.table.selectRow(row_of(tab.table, "Färben"))
    tab.processing.setValue(0)  # "none"
    with qtbot.waitSignal(tab.changed, timeout=WAIT):
        tab.update_button.click()
    colour = services.catalogue.treatment_by_name("Färben")
    assert (colour.processing_after, colour.processing) == (0, 0)
    # The booking keeps the phases it was booked with.
    assert services.booking.get(booked.id).phases == booked.phases
