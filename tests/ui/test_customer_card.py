"""The customer at a glance (issue 15): the card at the top of the customer view shows
the last and next visit, the visits, the missed appointments and consent per channel
from the stored data, follows a change made elsewhere, and books from there with the
customer already picked (both backends)."""

from __future__ import annotations

from datetime import datetime

import pytest
from PySide6.QtCore import QDate, QLocale, Qt, QTime
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from desk_app.domain.enums import AppointmentStatus, Channel, ConsentSource
from desk_app.services.booking import BookingRequest
from desk_app.services.container import Services
from desk_app.ui.calendar.calendar_page import CalendarPage
from desk_app.ui.context import UiContext
from desk_app.ui.customers.customer_fields import date_format
from desk_app.ui.customers.customer_list_model import format_phone
from desk_app.ui.customers.customers_page import CustomersPage
from tests.conftest import Clock
from tests.services.support import add_customer, berlin, friday, make_salon
from tests.support.ui import install_checkout_english

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")
STAFF = "Tanja Groß"


@pytest.fixture(autouse=True)
def english_ui(qapp: QApplication) -> None:
    install_checkout_english(qapp)  # the plural forms of the card's new strings


def _when(at: datetime) -> str:
    local = at.astimezone(berlin(2026, 1, 1, 0).tzinfo)
    locale = QLocale()
    day = locale.toString(QDate(local.year, local.month, local.day), date_format())
    time = locale.toString(QTime(local.hour, local.minute), QLocale.FormatType.ShortFormat)
    return f"{day} {time}"


def test_card_shows_the_customer_follows_changes_and_books_from_there(
    qapp: QApplication,
    qtbot: QtBot,
    ctx: UiContext,
    services: Services,
    clock: Clock,
    alive: list[object],
) -> None:
    salon = make_salon(services)
    anna = add_customer(services)
    book = services.booking
    clock.now = friday(8)
    came, missed = (
        book.book(BookingRequest(anna.id, salon.stylist.id, salon.cut.id, friday(hour)))
        for hour in (9, 11)
    )
    clock.now = friday(13)
    book.set_status(came.id, AppointmentStatus.DONE)
    book.set_status(missed.id, AppointmentStatus.NO_SHOW)
    coming = book.book(BookingRequest(anna.id, salon.stylist.id, salon.colour.id, friday(15)))
    services.consent.declare(anna.id, [Channel.EMAIL], ConsentSource.PHONE, STAFF, True)

    page = CustomersPage(ctx, clock=clock)
    calendar = CalendarPage(ctx, clock=clock)
    alive.extend([page, calendar])
    qtbot.addWidget(page)
    page.booking_requested.connect(calendar.book_for)
    page.resize(1024, 640)
    page.show()
    page.show_customer(anna.id)
    card = page.form().header()
    email, sms = card.badge(Channel.EMAIL), card.badge(Channel.SMS)
    qtbot.waitUntil(lambda: email.isVisible(), timeout=5000)

    assert card.fact("lastVisit") == _when(came.starts_at).rsplit(" ", 1)[0]  # the day
    assert card.fact("nextVisit") == _when(coming.starts_at)
    assert card.fact("visitCount") == "1"  # the no-show is no visit
    assert card.fact("phoneFact") == format_phone(anna.phone)
    assert card.attendance_badge().words() == "1 no-show · 0 late cancellations"
    assert email.words() == "Email: awaiting confirmation"
    assert sms.words() == "SMS: no consent"  # a number, but nothing declared for it

    # Elsewhere (another counter PC, the customer's link): the objection and a visit
    # done. The window's change poll refreshes the page; the card follows.
    services.consent.record_objection(anna.id, ConsentSource.PHONE, STAFF)
    clock.now = friday(17)
    book.set_status(coming.id, AppointmentStatus.DONE)
    page.refresh()
    qtbot.waitUntil(lambda: card.fact("visitCount") == "2", timeout=5000)
    qtbot.waitUntil(lambda: email.words() == "Email: unsubscribed", timeout=5000)
    assert sms.words() == "SMS: unsubscribed"
    assert card.fact("lastVisit") == _when(coming.starts_at).rsplit(" ", 1)[0]
    assert card.fact("nextVisit") == "none booked"

    # „Termin buchen“ by its key, where the receptionist types: the dialog, Anna picked.
    page.activateWindow()
    qtbot.waitActive(page)
    page.search_field().setFocus()
    button = card.book_button()
    assert button.isEnabled() and "Ctrl+B" in button.toolTip()
    qtbot.keyClick(page.search_field(), Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: calendar.booking_dialog() is not None, timeout=5000)
    dialog = calendar.booking_dialog()
    assert dialog is not None
    customer = dialog.customer()
    assert customer is not None and customer.id == anna.id
    dialog.reject()
