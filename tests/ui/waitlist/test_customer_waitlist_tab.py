"""The customer's Waitlist tab: what she waits for, in words, and taking an entry off when
she calls to say she no longer needs it (asked first, "No" the default); an entry added
from another counter PC shows on the next refresh."""

from __future__ import annotations

from datetime import date, time

import pytest
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from desk_app.config.paths import translations_dir
from desk_app.db import models as m
from desk_app.domain.enums import Channel
from desk_app.domain.waitlist import TimeWindow
from desk_app.services.container import Services
from desk_app.services.rows import CustomerRow
from desk_app.services.waitlist import NewWaitlistEntry
from desk_app.texts import i18n
from desk_app.ui.context import UiContext
from desk_app.ui.customers.customers_page import CustomersPage
from desk_app.ui.customers.waitlist_list import WaitlistList
from tests.services.support import Salon, add_customer, make_salon

pytestmark = [
    pytest.mark.parametrize("backend", ["sqlite"], indirect=True),
    pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints"),
]
FIRST, LAST = date(2026, 11, 30), date(2026, 12, 11)


@pytest.fixture
def salon(services: Services) -> Salon:
    return make_salon(services)


@pytest.fixture
def anna(services: Services) -> CustomerRow:
    return add_customer(services, "Anna", "Wartend", "anna@example.org", None)


def _entry(salon: Salon, who: CustomerRow, **rest: object) -> NewWaitlistEntry:
    return NewWaitlistEntry(who.id, salon.cut.id, FIRST, LAST, **rest)  # type: ignore[arg-type]


def _rows(tab: WaitlistList) -> list[list[str]]:
    tree = tab.tree()
    return [
        [tree.topLevelItem(r).text(c) for c in range(tree.columnCount())]  # type: ignore[union-attr]
        for r in range(tree.topLevelItemCount())
    ]


def test_the_tab_shows_what_she_waits_for_and_takes_an_entry_off(
    qtbot: QtBot,
    ctx: UiContext,
    services: Services,
    salon: Salon,
    anna: CustomerRow,
    alive: list[object],
) -> None:
    mornings = tuple(TimeWindow(day, time(9), time(12)) for day in (1, 3))  # Tue, Thu
    services.waitlist.add(
        _entry(salon, anna, windows=mornings, staff_id=salon.stylist.id, channel=Channel.EMAIL)
    )
    services.waitlist.add(_entry(salon, anna, note="ruft lieber an"))
    page = CustomersPage(ctx)
    qtbot.addWidget(page)
    alive.append(page)
    page.show()
    tab = page.form().waitlist_list()
    with qtbot.waitSignal(tab.loaded, check_params_cb=lambda n: n == 2, timeout=8000):
        page.show_customer(anna.id)

    first, second = _rows(tab)
    assert first[0] == salon.cut.name and first[1] == salon.stylist.name
    assert first[2] == "30/11/2026 – 11/12/2026"
    assert first[3] == "Tue, Thu 09:00–12:00" and first[4] == "by email"
    assert second[1:5] == ["anyone", "30/11/2026 – 11/12/2026", "any time", "the salon calls"]
    assert tab.tree().topLevelItem(1).toolTip(0) == "ruft lieber an"  # type: ignore[union-attr]

    # Taken off: asked first; "No" is the default and keeps it.
    tab.tree().setCurrentItem(tab.tree().topLevelItem(1))
    tab.remove_button().click()
    question = tab.remove_question()
    assert question is not None
    assert "Anna Wartend" in question.text() and salon.cut.name in question.text()
    assert question.defaultButton() is question.button(QMessageBox.StandardButton.No)
    with qtbot.assertNotEmitted(tab.changed, wait=500):  # (a removal runs off the GUI thread)
        question.button(QMessageBox.StandardButton.No).click()
    assert len(services.waitlist.entries(anna.id)) == 2

    tab.remove_button().click()
    question = tab.remove_question()
    assert question is not None
    with qtbot.waitSignal(tab.changed, timeout=8000):
        question.button(QMessageBox.StandardButton.Yes).click()
    [left] = services.waitlist.entries(anna.id)
    assert left.channel is Channel.EMAIL  # the other one went
    qtbot.waitUntil(lambda: len(_rows(tab)) == 1, timeout=8000)
    with services.db.read() as s:
        states = sorted(e.state for e in s.query(m.WaitlistEntry))
    assert states == ["removed", "waiting"]

    # Another counter PC adds one: the form's refresh shows it.
    services.waitlist.add(_entry(salon, anna, channel=Channel.SMS))
    page.form().refresh()
    qtbot.waitUntil(lambda: len(_rows(tab)) == 2, timeout=8000)
    assert _rows(tab)[1][4] == "by SMS"


def test_nothing_to_take_off_without_a_selection(
    qtbot: QtBot,
    ctx: UiContext,
    services: Services,
    salon: Salon,
    anna: CustomerRow,
    alive: list[object],
) -> None:
    page = CustomersPage(ctx)
    qtbot.addWidget(page)
    alive.append(page)
    page.show()
    tab = page.form().waitlist_list()
    with qtbot.waitSignal(tab.loaded, timeout=8000):
        page.show_customer(anna.id)
    assert _rows(tab) == []
    assert not tab.remove_button().isEnabled()


def test_in_german(
    qtbot: QtBot,
    qapp: QApplication,
    ctx: UiContext,
    services: Services,
    salon: Salon,
    anna: CustomerRow,
    alive: list[object],
) -> None:
    """The tab and its neighbour (both on the shared frame) speak German, Alt letters and all."""
    services.waitlist.add(_entry(salon, anna, channel=Channel.SMS))
    i18n.install_translators(qapp, "de", translations_dir())
    try:
        page = CustomersPage(ctx)
        qtbot.addWidget(page)
        alive.append(page)
        page.show()
        tab = page.form().waitlist_list()
        with qtbot.waitSignal(tab.loaded, timeout=8000):
            page.show_customer(anna.id)
        assert tab.remove_button().text() == "Von der Warteliste &nehmen…"
        header = tab.tree().headerItem()
        assert [header.text(c) for c in range(6)] == [
            "Leistung", "Mitarbeiter", "Tage", "Uhrzeiten", "Angebote", "Wartet seit",
        ]  # fmt: skip
        assert _rows(tab)[0][2:5] == ["30.11.26 – 11.12.26", "jederzeit", "per SMS"]
        assert page.form().series_list().cancel_button().text() == "Rest &absagen…"
    finally:
        i18n.install_translators(qapp, "en", translations_dir())
