"""``desk-app demo-data``: fill the database with a demo salon."""

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
    demo = handled_by(
        sub.add_parser("demo-data", help="fill the database with a demo salon"), _demo_data
    )
    json_flag(demo)
    # Hundreds of made-up customers, services and staff in the salon's database.
    requires(demo, Permission.CHANGE_SETTINGS)
    demo.add_argument("--customers", type=int, default=300)
    demo.add_argument("--if-empty", action="store_true", help="do nothing if customers exist")


def _demo_data(s: Services, o: argparse.Namespace) -> None:
    if o.if_empty and not s.demo.is_empty():
        out(
            o,
            {"skipped": True},
            QCoreApplication.translate("Cli", "The database already has customers; nothing added."),
        )
        return
    counts = s.demo.fill(customers=o.customers)
    out(
        o,
        counts,
        QCoreApplication.translate(
            "Cli", "Demo salon created: {customers} customers, {appointments} appointments."
        ).format(**counts),
    )
