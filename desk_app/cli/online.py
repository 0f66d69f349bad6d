"""``desk-app online requests|book|refuse|link``: the online booking requests staff decide
(two matching customers, a slot taken meanwhile) and the link for the salon's website."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication

from desk_app.cli.acting import command_actor
from desk_app.cli.output import handled_by, json_flag, out
from desk_app.domain.web_address import booking_page_address
from desk_app.services.rows import OnlineRequestRow

if TYPE_CHECKING:
    from desk_app.services.container import Services


def add_parsers(sub: Any) -> None:
    online = sub.add_parser("online", help="online booking requests").add_subparsers(
        dest="action", required=True, metavar="ACTION"
    )
    listing = handled_by(
        online.add_parser("requests", help="the requests waiting for staff"), _requests
    )
    listing.add_argument("--all", action="store_true", help="decided ones too")
    book = handled_by(online.add_parser("book", help="book a waiting request"), _book)
    book.add_argument("request", type=int, help="the request's number (see `online requests`)")
    book.add_argument(
        "--customer", type=int, help="the customer it is for (default: a new one from the form)"
    )
    refuse = handled_by(
        online.add_parser("refuse", help="refuse a request; the customer is told"), _refuse
    )
    refuse.add_argument("request", type=int)
    link = handled_by(online.add_parser("link", help="the booking page's address"), _link)
    json_flag(listing, book, refuse, link)


def _requests(s: Services, o: argparse.Namespace) -> None:
    rows = s.online_booking.requests(open_only=not o.all)
    lines = [_line(row) for row in rows]  # reasons as codes: scripts read them
    out(
        o,
        [_json(row) for row in rows],
        "\n".join(lines) or QCoreApplication.translate("Cli", "No online requests waiting."),
    )


def _book(s: Services, o: argparse.Namespace) -> None:
    row = s.online_booking.book_request(o.request, o.customer, actor=command_actor(s, o))
    out(o, _json(row), _line(row))


def _refuse(s: Services, o: argparse.Namespace) -> None:
    row = s.online_booking.refuse_request(o.request, actor=command_actor(s, o))
    out(o, _json(row), _line(row))


def _link(s: Services, o: argparse.Namespace) -> None:
    settings = s.catalogue.salon_settings()
    address = booking_page_address(settings.gateway_url, settings.public_name)
    if address is None:
        text = QCoreApplication.translate(
            "Cli",
            "No booking page yet: set gateway_url and public_name "
            "(desk-app settings set public_name my-salon).",
        )
    else:
        text = address
    out(o, {"url": address, "enabled": settings.online_booking}, text)


def _line(row: OnlineRequestRow) -> str:
    when = row.starts_at.isoformat(timespec="minutes") if row.starts_at else "?"
    reason = f" ({row.reason})" if row.reason else ""
    contact = row.email or row.phone or ""
    return (
        f"#{row.id} {row.state}{reason}: {row.first_name} {row.last_name} <{contact}> "
        f"{row.treatment_name} / {row.staff_name} {when}"
    )


def _json(row: OnlineRequestRow) -> dict[str, Any]:
    return {
        "id": row.id,
        "request_id": row.request_id,
        "kind": row.kind,
        "state": row.state,
        "reason": row.reason,
        "received_at": row.received_at.isoformat(),
        "first_name": row.first_name,
        "last_name": row.last_name,
        "email": row.email,
        "phone": row.phone,
        "treatment": row.treatment_name,
        "staff": row.staff_name,
        "starts_at": row.starts_at.isoformat() if row.starts_at else None,
        "ends_at": row.ends_at.isoformat() if row.ends_at else None,
        "note": row.note,
        "appointment_id": row.appointment_id,
        "customer_id": row.customer_id,
        "consent_channels": list(row.consent_channels),
    }
