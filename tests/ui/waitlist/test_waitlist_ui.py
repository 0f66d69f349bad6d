"""The waitlist at the counter (issue 14): the dialog, reached from the calendar and from
the customer and used with the keyboard, and the notice of freed times that fit someone,
shown at once after a cancellation and booked with one key."""

from __future__ import annotations

from datetime import date, time, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from desk_app.db import models as m
from desk_app.domain.enums import Channel
from desk_app.domain.waitlist import TimeWindow
from desk_app.services.booking import BookingRequest
from desk_app.services.container import Services
from desk_app.services.rows import CustomerRow
from desk_app.services.waitlist import NewWaitlistEntry
from desk_app.ui.calendar.calendar_page import CalendarPage
from desk_app.ui.context import UiContext
from desk_app.ui.customers.customers_page import CustomersPage
from desk_app.ui.waitlist.matches_panel import WaitlistMatchesPanel
from desk_app.ui.waitlist.waitlist_dialog import WaitlistDialog
from tests.conftest import Clock
from tests.services.support import Salon, add_customer, berlin, make_salon, object_customer
from tests.support.ui import open_weekdays, press, type_text

pytestmark = [
    pytest.mark.parametrize("backend", ["sqlite"], indirect=True),
    pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints"),
]
FRIDAY = date(2026, 11, 27)


@pytest.fixture
def salon(services: Services) -> Salon:
    open_weekdays(services)
    return make_salon(services)


@pytest.fixture
def anna(services: Services) -> CustomerRow:
    return add_customer(services, "Anna", "Wartend", "anna@example.org", None)


@pytest.fixture
def page(
    qtbot: QtBot, ctx: UiContext, clock: Clock, salon: Salon, alive: list[object]
) -> CalendarPage:
    calendar = CalendarPage(ctx, clock=clock)
    qtbot.addWidget(calendar)
    alive.append(calendar)
    calendar.resize(1180, 720)
    calendar.show()
    qtbot.waitExposed(calendar)
    qtbot.waitUntil(lambda: calendar.day_view().column_count() == 2)
    return calendar


def _focused() -> object:
    return QApplication.focusWidget()


def _waiting_shown(panel: WaitlistMatchesPanel) -> int:
    """How many customers the panel lists under its first freed time (0: none shown)."""
    head = panel.tree.topLevelItem(0)
    return head.childCount() if head is not None else 0


def test_the_dialog_from_the_calendar_takes_an_entry_by_keyboard(
    qtbot: QtBot, page: CalendarPage, services: Services, salon: Salon, anna: CustomerRow
) -> None:
    dialog = page.open_waitlist_dialog()
    assert isinstance(dialog, WaitlistDialog)
    qtbot.waitUntil(lambda: dialog.service.count() == 2)
    assert not dialog.save.isEnabled()  # no customer yet
    search = dialog.findChild(object, "customer_search")
    search.setFocus()
    type_text(search, "Wart")
    qtbot.waitUntil(lambda: dialog.findChild(object, "customer_results").isVisible())
    press(search, Qt.Key.Key_Down)
    press(search, Qt.Key.Key_Return)
    qtbot.waitUntil(dialog.save.isEnabled)
    assert _focused() is dialog.service  # picked: on to what they wait for
    press(dialog.service, Qt.Key.Key_Down)  # the colour
    dialog.staff.setFocus()
    press(dialog.staff, Qt.Key.Key_Down)  # Aylin Öztürk
    dialog.weekdays[4].setFocus()
    press(dialog.weekdays[4], Qt.Key.Key_Space)  # Fridays
    dialog.from_time.setTime(dialog.from_time.time().addSecs(3600))  # 10:00
    with qtbot.waitSignal(dialog.added):
        press(dialog.note, Qt.Key.Key_Return)
    [entry] = services.waitlist.entries(anna.id)
    assert (entry.service_id, entry.staff_id) == (salon.colour.id, salon.other_stylist.id)
    assert entry.windows == (TimeWindow(4, time(10), time(18)),)
    assert entry.channel is Channel.EMAIL


def test_the_dialog_from_the_customer_knows_the_customer(
    qtbot: QtBot, ctx: UiContext, services: Services, salon: Salon, anna: CustomerRow,
    alive: list[object],
) -> None:  # fmt: skip
    customers = CustomersPage(ctx)
    qtbot.addWidget(customers)
    alive.append(customers)
    customers.show()
    waitlist = customers.findChild(object, "customer_waitlist")
    assert not waitlist.isEnabled()
    customers.show_customer(anna.id)
    qtbot.waitUntil(waitlist.isEnabled)
    waitlist.click()
    dialog = customers.findChild(WaitlistDialog)
    assert dialog is not None
    qtbot.waitUntil(dialog.save.isEnabled)
    dialog.channel.setCurrentIndex(dialog.channel.findData(""))  # "we call"
    with qtbot.waitSignal(dialog.added):
        press(dialog.service, Qt.Key.Key_Return)
    [entry] = services.waitlist.entries(anna.id)
    assert entry.channel is None and entry.windows[0].starts == time(9)


def test_a_cancellation_shows_who_waits_at_once_and_enter_books_the_first(
    qtbot: QtBot,
    page: CalendarPage,
    services: Services,
    salon: Salon,
    anna: CustomerRow,
    clock: Clock,
) -> None:
    panel = page.waitlist_matches()
    assert isinstance(panel, WaitlistMatchesPanel) and not panel.isVisible()
    holder = add_customer(services, "Paula", "Platz", "paula@example.org", None)
    booked = services.booking.book(
        BookingRequest(holder.id, salon.stylist.id, salon.cut.id, berlin(2026, 11, 27, 10))
    )
    bea = add_customer(services, "Bea", "Später", "bea@example.org", None)
    for who in (anna, bea):
        services.waitlist.add(NewWaitlistEntry(who.id, salon.cut.id, FRIDAY, FRIDAY))
        clock.now = clock.now.replace(minute=clock.now.minute + 1)

    page.cancel_appointment(booked)
    # Until the freed time is shown with who waits (a refresh started before the
    # cancellation may answer first, with nothing to show).
    qtbot.waitUntil(lambda: _waiting_shown(panel) == 2)
    assert panel.isVisible()
    head = panel.tree.topLevelItem(0)
    assert head is not None
    assert "Anna Wartend" in head.child(0).text(0) and "Bea Später" in head.child(1).text(0)
    assert panel.isWindow() is False  # a notice in the page, not a dialog

    panel.tree.setFocus()
    with qtbot.waitSignal(panel.booked):
        press(panel.tree, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not panel.isVisible())
    rows = services.calendar.day(FRIDAY, "Europe/Berlin").column(salon.stylist.id)
    assert rows is not None
    assert [(a.customer_id, a.status.value) for a in rows.appointments] == [
        (holder.id, "cancelled"),
        (anna.id, "booked"),
    ]
    assert [e.customer_id for e in services.waitlist.entries()] == [bea.id]


def test_a_customer_who_objected_carries_a_hint_why_offers_reach_her_or_not(
    qtbot: QtBot,
    page: CalendarPage,
    services: Services,
    salon: Salon,
    anna: CustomerRow,
    clock: Clock,
) -> None:
    panel = page.waitlist_matches()
    holder = add_customer(services, "Paula", "Platz", "paula@example.org", None)
    booked = services.booking.book(
        BookingRequest(holder.id, salon.stylist.id, salon.cut.id, berlin(2026, 11, 27, 10))
    )
    eva = add_customer(services, "Eva", "Abgemeldet", "eva@example.org", None)
    ole = add_customer(services, "Ole", "Online", "ole@example.org", None)
    for who in (eva, ole):  # both objected before they asked
        object_customer(services.db, who.id, clock.now - timedelta(hours=1))
    for who in (anna, eva, ole):
        services.waitlist.add(
            NewWaitlistEntry(who.id, salon.cut.id, FRIDAY, FRIDAY, channel=Channel.EMAIL)
        )
        clock.now += timedelta(minutes=1)
    with services.db.write() as s:  # Ole's wish came from the booking page
        entry = s.scalars(select(m.WaitlistEntry).where(m.WaitlistEntry.customer_id == ole.id))
        entry.one().source = "online"

    page.cancel_appointment(booked)
    qtbot.waitUntil(lambda: _waiting_shown(panel) == 3)  # (see above)
    head = panel.tree.topLevelItem(0)
    assert head is not None
    lines = [head.child(n) for n in range(3)]
    assert lines[0].text(0).endswith("Anna Wartend – Damenhaarschnitt")  # offers as usual
    assert lines[0].toolTip(0) == ""
    assert lines[1].text(0).endswith("· offers only: asked for on this entry")
    assert "they asked for them on this entry" in lines[1].toolTip(0)
    assert lines[2].text(0).endswith("· no offers: objected, please call")
    assert "booking page" in lines[2].toolTip(0)


def test_the_salon_switches_automatic_offers_on_and_sets_the_hold(
    qtbot: QtBot, ctx: UiContext, services: Services, alive: list[object]
) -> None:
    from desk_app.ui.settings.online_tab import OnlineTab

    tab = OnlineTab(ctx)
    qtbot.addWidget(tab)
    alive.append(tab)
    qtbot.waitSignal(tab.loaded).wait()
    assert not tab.waitlist_offers.isChecked()  # off by default
    assert tab.waitlist_hold.value() == 30
    with qtbot.waitSignal(tab.saved, check_params_cb=lambda key: key == "waitlist_auto_offers"):
        tab.waitlist_offers.click()
    with qtbot.waitSignal(tab.saved, check_params_cb=lambda key: key == "waitlist_hold_minutes"):
        tab.waitlist_hold.setValue(45)
    settings = services.catalogue.salon_settings()
    assert settings.waitlist_auto_offers and settings.waitlist_hold_minutes == 45


@pytest.mark.parametrize("language", ["en", "de"])
def test_every_field_of_the_dialog_has_its_own_alt_letter(
    qtbot: QtBot, ctx: UiContext, qapp: QApplication, salon: Salon, language: str,
    alive: list[object],
) -> None:  # fmt: skip
    from PySide6.QtWidgets import QAbstractButton, QLabel

    from desk_app.config.paths import translations_dir
    from desk_app.texts import i18n

    i18n.install_translators(qapp, language, translations_dir())
    dialog = WaitlistDialog(ctx)
    qtbot.addWidget(dialog)
    alive.append(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.service.count() == 2)
    texts = [w.text() for w in dialog.findChildren(QLabel) if w.isVisible() and w.buddy()]
    texts += [w.text() for w in dialog.findChildren(QAbstractButton) if w.isVisible()]
    letters = [t[t.index("&") + 1].lower() for t in texts if "&" in t.replace("&&", "")]
    assert len(letters) >= 11
    assert len(letters) == len(set(letters)), sorted(letters)
    for label in dialog.findChildren(QLabel):
        if "&" in label.text() and label.isVisible():
            assert label.buddy() is not None, label.text()
