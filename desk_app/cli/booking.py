"""``desk-app book`` and ``desk-app appointments``: booking and the day's appointments."""

from __future__ import annotations

import argparse
from datetime import datetime
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from PySide6.QtCore import QCoreApplication

from desk_app.cli.acting import command_actor
from desk_app.cli.output import handled_by, json_flag, out, parse_date
from desk_app.domain.enums import BookingSource
from desk_app.domain.errors import InvalidField
from desk_app.services.json_views import appointment_json
from desk_app.texts import error_text

if TYPE_CHECKING:
    from desk_app.services.container import Services


def add_parsers(sub: Any) -> None:
    book = handled_by(sub.add_parser("book", help="book an appointment"), _book)
    json_flag(book)
    book.add_argument("--customer", type=int, required=True)
    book.add_argument("--staff", required=True)
    book.add_argument("--service", required=True)
    book.add_argument("--start", required=True, help="ISO date-time; salon time if no offset")
    book.add_argument("--minutes", type=int, help="default: the service's duration")
    book.add_argument("--notify", action=argparse.BooleanOptionalAction, default=None)
    book.add_argument("--source", choices=[s.value for s in BookingSource], default="counter")
    book.add_argument(
        "--override", action="store_true", help="allow outside opening hours or during absence"
    )

    appts = handled_by(
        sub.add_parser("appointments", help="appointments of one day"), _appointments
    )
    json_flag(appts)
    appts.add_argument("--date", help="YYYY-MM-DD (default: today)")


def _parse_start(text: str, time_zone: str) -> datetime:
    try:
        moment = datetime.fromisoformat(text)
    except ValueError as exc:
        raise InvalidField("start", "invalid_datetime", text) from exc
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=ZoneInfo(time_zone))
    return moment


def _book(s: Services, o: argparse.Namespace) -> None:
    from desk_app.services.booking import BookingRequest  # SQLAlchemy: not for --help

    time_zone = s.catalogue.salon_settings().time_zone
    staff = s.catalogue.staff_by_name(o.staff)
    service = s.catalogue.treatment_by_name(o.service)
    row = s.booking.book(
        BookingRequest(
            customer_id=o.customer,
            staff_id=staff.id,
            service_id=service.id,
            starts_at=_parse_start(o.start, time_zone),
            minutes=o.minutes,
            notify=o.notify,
            source=BookingSource(o.source),
            override=o.override,
        ),
        actor=command_actor(s, o),
    )
    data = appointment_json(row)
    text = QCoreApplication.translate(
        "Cli", "Appointment {id} booked: {customer}, {service} with {staff}, {start}."
    ).format(
        id=row.id,
        customer=row.customer_name,
        service=row.service_name,
        staff=row.staff_name,
        start=error_text.format_moment(row.starts_at, time_zone),
    )
    out(o, data, text)


def _appointments(s: Services, o: argparse.Namespace) -> None:
    zone = s.catalogue.salon_settings().zone
    day = parse_date(o.date, "date") or datetime.now(zone).date()
    start = datetime.combine(day, datetime.min.time(), zone)
    rows = s.booking.between(start, start.replace(hour=23, minute=59))
    lines = [
        f"{r.id:>6}  {r.starts_at.astimezone(zone):%H:%M}–{r.ends_at.astimezone(zone):%H:%M}  "
        f"{r.staff_name:<16} {r.customer_name:<28} {r.service_name} [{r.status.value}]"
        for r in rows
    ]
    out(o, [appointment_json(r) for r in rows], "\n".join(lines))
