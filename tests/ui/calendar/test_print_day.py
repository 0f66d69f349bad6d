"""A staff member's day list: its content, and the PDF."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from desk_app.domain.enums import AbsenceKind
from desk_app.services.booking import BookingRequest
from desk_app.services.calendar_view import CalendarService
from desk_app.services.container import Services
from desk_app.ui.calendar.print_day import day_list_html, write_day_pdf
from tests.services.support import Salon, add_customer, berlin, make_salon
from tests.support.ui import ZONE, open_weekdays

pytestmark = pytest.mark.parametrize("backend", ["sqlite"], indirect=True)


@pytest.fixture
def salon(services: Services) -> Salon:
    open_weekdays(services)
    return make_salon(services)


def _fill_day(services: Services, salon: Salon) -> None:
    anna = add_customer(services)
    evil = add_customer(services, "<b>Eve", "& Co", "eve@example.org", None)
    book = services.booking.book
    book(BookingRequest(anna.id, salon.stylist.id, salon.cut.id, berlin(2026, 11, 25, 14)))
    cancelled = book(
        BookingRequest(evil.id, salon.stylist.id, salon.colour.id, berlin(2026, 11, 25, 9))
    )
    services.booking.cancel(cancelled.id)
    book(BookingRequest(anna.id, salon.other_stylist.id, salon.cut.id, berlin(2026, 11, 25, 10)))
    services.catalogue.add_absence(
        salon.stylist.id,
        AbsenceKind.BREAK,
        berlin(2026, 11, 25, 12, 30),
        berlin(2026, 11, 25, 13),
        "Mittagspause",
    )


def test_day_list_lists_one_staff_members_day_in_time_order(
    qapp: QApplication, services: Services, salon: Salon
) -> None:
    _fill_day(services, salon)
    plan = CalendarService(services.db).day(date(2026, 11, 25), ZONE)

    text = day_list_html(plan, salon.stylist.id, "Haarwerk Müller")

    assert "Jörg Weiß" in text and "Haarwerk Müller" in text
    assert "Aylin" not in text  # the other stylist's day is not on this list
    # Names are escaped, never markup.
    assert "&lt;b&gt;Eve &amp; Co" in text and "<b>Eve" not in text
    order = [text.index(s) for s in ("9:00", "Break: Mittagspause", "Damenhaarschnitt")]
    assert order == sorted(order)
    assert "cancelled" in text


def test_day_list_pdf_is_written(
    qapp: QApplication, services: Services, salon: Salon, tmp_path: Path
) -> None:
    _fill_day(services, salon)
    plan = CalendarService(services.db).day(date(2026, 11, 25), ZONE)
    path = tmp_path / "day.pdf"

    write_day_pdf(path, plan, salon.stylist.id, "Haarwerk Müller")

    data = path.read_bytes()
    assert data.startswith(b"%PDF-")
    assert b"/Type /Page" in data or b"/Type/Page" in data
    assert len(data) > 2000


def test_empty_day_says_so(qapp: QApplication, services: Services, salon: Salon) -> None:
    plan = CalendarService(services.db).day(date(2026, 11, 29), ZONE)
    assert "No appointments." in day_list_html(plan, salon.stylist.id)


def test_a_closed_day_says_so(qapp: QApplication, services: Services, salon: Salon) -> None:
    day = date(2026, 12, 24)
    services.catalogue.add_closure(day, day, "Heiligabend <zu>")
    anna = add_customer(services)
    # Booked before the salon closed that day (on purpose, past the warning).
    services.booking.book(
        BookingRequest(
            anna.id, salon.stylist.id, salon.cut.id, berlin(2026, 12, 24, 10), override=True
        )
    )
    plan = CalendarService(services.db).day(day, ZONE)
    text = day_list_html(plan, salon.stylist.id)
    assert "The salon is closed: Heiligabend &lt;zu&gt;" in text
    assert "Anna Müller" in text  # what is still booked stays listed
    services.catalogue.add_closure(date(2026, 12, 31), date(2026, 12, 31))
    silvester = CalendarService(services.db).day(date(2026, 12, 31), ZONE)
    assert "The salon is closed this day." in day_list_html(silvester, salon.stylist.id)
    assert "closed" not in day_list_html(
        CalendarService(services.db).day(date(2026, 12, 23), ZONE), salon.stylist.id
    )
