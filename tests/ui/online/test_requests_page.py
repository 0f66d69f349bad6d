"""The „Online-Anfragen" section: requests that wait for staff and those not booked, with
the reason in words; Enter books (asking who it is when two customers match), Del refuses
after a question; the count and the news for the window; the empty state. The requests
arrive as the gateway's events through the sync's own code; both databases."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QListWidget, QMessageBox, QPushButton
from pytestqt.qtbot import QtBot

from desk_app.domain.access import SHARED_COUNTER, Actor
from desk_app.domain.enums import BookingSource, StaffRole
from desk_app.services.booking import BookingRequest
from desk_app.services.container import Services
from desk_app.services.rows import CustomerInput, OnlineRequestRow
from desk_app.ui.context import UiContext
from desk_app.ui.main_window import MainWindow, WindowParts
from desk_app.ui.online.notice import arrival_text
from desk_app.ui.online.requests_model import Column
from desk_app.ui.online.requests_page import OnlineRequestsPage
from tests.conftest import Clock
from tests.services.online_support import booking_data, requested
from tests.services.support import Salon, add_customer, friday, make_salon
from tests.support.ui import press

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")
WAIT = 5000


@pytest.fixture
def salon(services: Services) -> Salon:
    services.catalogue.set_settings(
        {"online_booking": "on", "public_name": "haarwerk"}, actor=SHARED_COUNTER
    )
    return make_salon(services)


@pytest.fixture
def two_matches(services: Services, salon: Salon) -> tuple[int, int]:
    """Anna has the form's email address, her daughter Lena its mobile number."""
    anna = add_customer(services, phone=None)
    lena = add_customer(services, "Lena", "Müller", email=None, phone="0151 12345678")
    return anna.id, lena.id


def open_page(
    qtbot: QtBot, ctx: UiContext, clock: Clock, alive: list[object]
) -> OnlineRequestsPage:
    page = OnlineRequestsPage(ctx, clock=clock)
    qtbot.addWidget(page)
    alive.append(page)
    page.resize(1100, 640)
    with qtbot.waitSignal(page.loaded, timeout=WAIT):
        page.show()
    return page


def reload(qtbot: QtBot, page: OnlineRequestsPage) -> None:
    with qtbot.waitSignal(page.loaded, timeout=WAIT):
        page.refresh()


def request(
    services: Services, clock: Clock, salon: Salon, hour: int = 10, **changes: Any
) -> OnlineRequestRow:
    """Anna's request for a cut with Jörg on Friday, as the gateway reports it."""
    row = requested(services, clock, booking_data(salon, starts_at=friday(hour), **changes))
    return services.online_booking.request(row.id)


def cells(page: OnlineRequestsPage, row: int) -> list[str]:
    return [page.model().index(row, column).data() for column in Column]


def test_a_waiting_request_is_listed_with_its_reason_and_enter_asks_who_and_books(
    qtbot: QtBot,
    ctx: UiContext,
    clock: Clock,
    services: Services,
    salon: Salon,
    two_matches: tuple[int, int],
    alive: list[object],
) -> None:
    waiting = request(services, clock, salon)
    assert (waiting.state, waiting.reason) == ("waiting", "two_candidates")
    page = open_page(qtbot, ctx, clock, alive)

    assert page.model().rowCount() == 1
    row = cells(page, 0)
    assert row[Column.CUSTOMER] == "Anna Müller"
    assert row[Column.CONTACT] == "anna.mueller@example.org · +4915112345678"
    assert (row[Column.SERVICE], row[Column.STAFF]) == ("Damenhaarschnitt", "Jörg Weiß")
    assert row[Column.WISHED].startswith("Fri ")
    assert row[Column.STATE] == (
        "Waiting for you: more than one customer has this email address or phone number: "
        "choose who it is"
    )
    assert page.open_count() == 1
    assert page.selected() == waiting  # the first one is chosen and its details shown
    assert page.details().text("customer") == "Anna Müller"
    assert page.details().text("advertising") == "no box ticked: no advertising consent"

    press(page.table(), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: page.candidate_dialog() is not None, timeout=WAIT)
    dialog = page.candidate_dialog()
    assert dialog is not None and dialog.isVisible()
    entries = [dialog.list.item(i).text() for i in range(dialog.list.count())]
    assert entries[0].startswith("Anna Müller (customer no. ")
    assert entries[0].endswith("\nanna.mueller@example.org")
    assert entries[1].endswith("\n+4915112345678")
    assert entries[2] == "A new customer with the request's details"
    lena = two_matches[1]
    dialog.choose(lena)
    with qtbot.waitSignal(page.booked, timeout=WAIT) as blocker:
        press(dialog.list, Qt.Key.Key_Return)

    booked = blocker.args[0]
    assert (booked.state, booked.customer_id) == ("booked", lena)
    appointment = services.booking.get(booked.appointment_id)
    assert appointment.source is BookingSource.ONLINE
    assert (appointment.customer_id, appointment.starts_at) == (lena, friday(10))
    assert page.message().startswith("Booked: Anna Müller, Fri ")
    qtbot.waitUntil(lambda: page.model().rowCount() == 0 and page.open_count() == 0)


def test_enter_books_at_once_when_one_customer_matches_no_longer_two(
    qtbot: QtBot,
    ctx: UiContext,
    clock: Clock,
    services: Services,
    salon: Salon,
    two_matches: tuple[int, int],
    alive: list[object],
) -> None:
    waiting = request(services, clock, salon)
    # Lena gave a new number meanwhile: only Anna has the request's addresses now.
    services.customers.update(
        two_matches[1], CustomerInput("Lena", "Müller", phone="0151 99999999")
    )
    page = open_page(qtbot, ctx, clock, alive)
    page.select_request(waiting.id)

    with qtbot.waitSignal(page.booked, timeout=WAIT) as blocker:
        page.book_selected()

    assert page.candidate_dialog() is None
    assert (blocker.args[0].state, blocker.args[0].customer_id) == ("booked", two_matches[0])


def test_del_asks_and_refuses_the_request(
    qtbot: QtBot,
    ctx: UiContext,
    clock: Clock,
    services: Services,
    salon: Salon,
    two_matches: tuple[int, int],
    alive: list[object],
) -> None:
    waiting = request(services, clock, salon)
    page = open_page(qtbot, ctx, clock, alive)

    press(page.table(), Qt.Key.Key_Delete)
    question = page.refuse_question()
    assert question is not None and question.isVisible()
    assert question.text().startswith("Refuse the request of Anna Müller for Fri ")
    question.button(QMessageBox.StandardButton.Cancel).click()  # changes nothing
    qtbot.waitUntil(lambda: page.refuse_question() is None)
    assert [r.state for r in services.online_booking.requests()] == ["waiting"]

    press(page.table(), Qt.Key.Key_Delete)
    question = page.refuse_question()
    assert question is not None
    refuse = next(b for b in question.findChildren(QPushButton) if b.text() == "Refuse")
    with qtbot.waitSignal(page.refused, timeout=WAIT) as blocker:
        refuse.click()

    assert (blocker.args[0].id, blocker.args[0].state) == (waiting.id, "refused")
    assert services.online_booking.requests() == []
    assert page.message().startswith("Refused: Anna Müller, Fri ")
    # It stays on the list, decided, with its reason; the count is down.
    qtbot.waitUntil(lambda: page.open_count() == 0)
    assert cells(page, 0)[Column.STATE] == "Refused: left for you to decide"
    assert not page.findChild(QPushButton, "bookRequestButton").isEnabled()


def test_a_request_whose_time_was_taken_is_listed_and_announced(
    qtbot: QtBot,
    ctx: UiContext,
    clock: Clock,
    services: Services,
    salon: Salon,
    alive: list[object],
) -> None:
    page = open_page(qtbot, ctx, clock, alive)
    window = MainWindow("Salon", parts=WindowParts(pages={"online": page}))
    qtbot.addWidget(window)
    alive.append(window)
    page.open_count_changed.connect(lambda n: window.set_section_count("online", n))
    news: list[list[OnlineRequestRow]] = []
    page.arrived.connect(news.append)

    walk_in = add_customer(services, "Ben", "Berg", email=None, phone=None)
    services.booking.book(BookingRequest(walk_in.id, salon.stylist.id, salon.cut.id, friday(10)))
    taken = request(services, clock, salon)
    reload(qtbot, page)

    assert (taken.state, taken.reason) == ("refused", "slot_taken")
    assert news == [[taken]]
    assert arrival_text(news[0], ctx.time_zone) == (
        "Online request from Anna Müller not booked (the time was taken meanwhile (booked "
        "at the counter or online)); the customer was told. See “Online requests” (Ctrl+5)."
    )
    assert cells(page, 0)[Column.STATE].startswith("Refused: the time was taken meanwhile")
    assert page.open_count() == 0  # nothing to decide

    booked = request(services, clock, salon, hour=14)  # a free time: booked by itself
    add_customer(services, "Maria", "Meier", email="familie@example.org", phone=None)
    add_customer(services, "Mia", "Meier", email=None, phone="0170 5555555")
    family = {"email": "familie@example.org", "phone": "+491705555555", "first_name": "Mia"}
    waiting = request(services, clock, salon, hour=16, **family)  # two customers match
    reload(qtbot, page)

    assert booked.state == "booked" and waiting.state == "waiting"
    assert {r.id for r in news[1]} == {booked.id, waiting.id}
    assert arrival_text([booked], ctx.time_zone).startswith(
        "New online booking: Anna Müller, Damenhaarschnitt, Fri "
    )
    assert page.open_count() == 1
    sections = window.findChild(QListWidget, "sections")
    assert sections is not None
    assert sections.item(4).text() == "Online requests (1)"
    assert sections.item(4).font().bold()
    reload(qtbot, page)
    assert len(news) == 2  # each announced once


def test_the_empty_state_says_what_the_section_is_for_and_how_to_switch_on(
    qtbot: QtBot,
    ctx: UiContext,
    clock: Clock,
    services: Services,
    alive: list[object],
    tmp_path: Path,
) -> None:
    opened: list[bool] = []
    page = OnlineRequestsPage(ctx, open_settings=lambda: opened.append(True), clock=clock)
    qtbot.addWidget(page)
    alive.append(page)
    page.resize(1024, 600)
    with qtbot.waitSignal(page.loaded, timeout=WAIT):
        page.show()

    button = page.findChild(QPushButton, "emptyOpenSettings")
    assert button is not None and button.isVisible()
    assert "Online booking is switched off" in page.empty_state().switched_off.text()
    button.click()
    assert opened == [True]
    assert page.grab().save(str(tmp_path / "online-empty.png"))

    services.catalogue.set_settings({"online_booking": "on"}, actor=SHARED_COUNTER)
    reload(qtbot, page)
    assert not button.isVisible()
    assert page.empty_state().headline.text() == "No online request waits for you."


def test_f5_in_the_list_reloads_and_syncs_instead_of_the_windows_sync(
    qtbot: QtBot, ctx: UiContext, clock: Clock, services: Services, alive: list[object]
) -> None:
    syncs: list[bool] = []
    page = OnlineRequestsPage(ctx, sync_now=lambda: syncs.append(True), clock=clock)
    qtbot.addWidget(page)
    alive.append(page)
    with qtbot.waitSignal(page.loaded, timeout=WAIT):
        page.show()

    with qtbot.waitSignal(page.loaded, timeout=WAIT):
        press(page.table(), Qt.Key.Key_F5)
    assert syncs == [True]


@pytest.mark.parametrize("backend", ["sqlite"], indirect=True)
def test_a_stylist_cannot_decide_a_request_and_is_told_why(
    qtbot: QtBot,
    ctx: UiContext,
    clock: Clock,
    services: Services,
    salon: Salon,
    two_matches: tuple[int, int],
    alive: list[object],
) -> None:
    waiting = request(services, clock, salon)
    page = open_page(qtbot, ctx, clock, alive)
    assert page.selected() == waiting
    book = page.findChild(QPushButton, "bookRequestButton")
    refuse = page.findChild(QPushButton, "refuseRequestButton")
    reason = "The role “Stylist” may not book appointments. Ask the owner."

    ctx.signed_in.switch_to(Actor(salon.stylist.id, salon.stylist.name, StaffRole.STYLIST))

    assert (book.isEnabled(), book.toolTip()) == (False, reason)
    assert (refuse.isEnabled(), refuse.toolTip()) == (False, reason)
    press(page.table(), Qt.Key.Key_Return)  # the keys ask all the same
    assert page.message() == reason and page.candidate_dialog() is None
    press(page.table(), Qt.Key.Key_Delete)
    assert page.findChild(QMessageBox, "refuseQuestion") is None
    assert services.online_booking.request(waiting.id).state == "waiting"

    ctx.signed_in.switch_to(Actor(salon.reception.id, salon.reception.name, StaffRole.RECEPTION))
    assert book.isEnabled() and refuse.isEnabled() and book.toolTip() != reason
