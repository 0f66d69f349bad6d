"""The "Data protection" settings tab: the retention period's switch and years saved at
once, and the preview of who would be anonymised, counted and listed page by page."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from PySide6.QtCore import QModelIndex
from pytestqt.qtbot import QtBot
from sqlalchemy import update

from desk_app.db import models as m
from desk_app.services import retention
from desk_app.services.container import Services
from desk_app.services.rows import CustomerInput
from desk_app.ui.context import UiContext
from desk_app.ui.settings.retention_tab import RetentionTab

WAIT = 5000


def _old_customers(services: Services, *names: str) -> None:
    """Customers entered in 2012 who never had an appointment."""
    ids = [services.customers.create(CustomerInput(name, "Alt")).id for name in names]
    with services.db.write() as s:
        s.execute(
            update(m.Customer)
            .where(m.Customer.id.in_(ids))
            .values(created_at=datetime(2012, 1, 1, tzinfo=UTC))
        )


@pytest.mark.parametrize("backend", ["sqlite"], indirect=True)
def test_switch_years_and_the_preview_page_by_page(
    qtbot: QtBot, ctx: UiContext, services: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    _old_customers(services, "Carla", "Anton", "Berta")
    services.customers.create(CustomerInput("Dora", "Neu"))  # entered now: never listed
    monkeypatch.setattr(retention, "PAGE_SIZE", 2)
    tab = RetentionTab(ctx)
    qtbot.addWidget(tab)
    tab.resize(1024, 640)
    with qtbot.waitSignal(tab.loaded, timeout=WAIT):
        tab.show()
    assert not tab.switch.isChecked()
    assert tab.years.value() == 10

    with qtbot.waitSignal(tab.saved, timeout=WAIT):
        tab.switch.setChecked(True)
    with qtbot.waitSignal(tab.saved, timeout=WAIT):
        tab.years.setValue(12)  # arrows: saved once they rest
    stored = services.catalogue.stored_settings()
    assert (stored["retention_anonymise"], stored["retention_years"]) == ("on", "12")

    with qtbot.waitSignal(tab.previewed, timeout=WAIT) as previewed:
        tab.preview_button.click()
    assert previewed.args == [3]
    assert tab.count.text().startswith("3 customers would be anonymised now")
    assert [r.first_name for r in tab.model.rows()] == ["Anton", "Berta"]
    assert tab.model.data(tab.model.index(0, 1)) == "never"
    assert tab.model.canFetchMore(QModelIndex())
    tab.model.fetchMore(QModelIndex())  # what the view does when scrolled to the end
    qtbot.waitUntil(lambda: tab.model.rowCount() == 3, timeout=WAIT)
    assert [r.first_name for r in tab.model.rows()] == ["Anton", "Berta", "Carla"]
    assert not tab.model.canFetchMore(QModelIndex())

    # Other years: the list for the old ones goes; 15 years back nobody was entered yet.
    tab.years.setValue(15)
    assert tab.model.rowCount() == 0
    with qtbot.waitSignal(tab.previewed, timeout=WAIT) as previewed:
        tab.preview_button.click()
    assert previewed.args == [0]
