"""``desk-app services add|list``: the bookable services (treatments such as a cut).

Named ``treatments`` here so it is not mistaken for ``desk_app.services``, the use cases.
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication

from desk_app.cli.acting import requires
from desk_app.cli.output import handled_by, json_flag, out
from desk_app.domain.enums import Permission

if TYPE_CHECKING:
    from desk_app.services.container import Services


def add_parsers(sub: Any) -> None:
    services = sub.add_parser("services", help="bookable services").add_subparsers(
        dest="action", required=True, metavar="ACTION"
    )
    add = handled_by(services.add_parser("add", help="add a service"), _add)
    add.add_argument("name")
    add.add_argument("--minutes", type=int, required=True)
    add.add_argument("--price", required=True, help="EUR, e.g. 35 or 35,50")
    add.add_argument("--category", default="")
    add.add_argument("--colour", default="#7f8c8d")
    add.add_argument(
        "--processing", type=int, default=0, help="minutes of processing time (Einwirkzeit)"
    )
    add.add_argument(
        "--processing-after", type=int, default=0, help="minutes of work before the processing"
    )
    listing = handled_by(services.add_parser("list", help="list services"), _list)
    json_flag(add, listing)
    requires(add, Permission.CHANGE_SETTINGS)  # the price list is the salon's setting


def _add(s: Services, o: argparse.Namespace) -> None:
    from desk_app.services.catalogue import parse_price_cents  # SQLAlchemy: not for --help

    row = s.catalogue.add_treatment(
        o.name,
        o.minutes,
        parse_price_cents(o.price),
        o.category,
        o.colour,
        processing_after=o.processing_after,
        processing=o.processing,
    )
    data = {
        "id": row.id,
        "name": row.name,
        "minutes": row.minutes,
        "price_cents": row.price_cents,
        "processing_after": row.processing_after,
        "processing": row.processing,
    }
    out(o, data, QCoreApplication.translate("Cli", "Service added."))


def _list(s: Services, o: argparse.Namespace) -> None:
    rows = s.catalogue.list_treatments()
    data = [
        {"id": r.id, "name": r.name, "minutes": r.minutes, "price_cents": r.price_cents}
        for r in rows
    ]
    lines = [
        f"{r.id:>4}  {r.name:<30} {r.minutes:>4} min  {r.price_cents / 100:>8.2f} €" for r in rows
    ]
    out(o, data, "\n".join(lines))
