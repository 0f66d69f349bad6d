"""``desk-app customers add|show|search|import|export`` (and, from ``privacy``,
``export-data|erase``): the customer master data."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication

from desk_app.cli import privacy
from desk_app.cli.acting import requires
from desk_app.cli.output import (
    handled_by,
    json_flag,
    out,
    parse_date,
    row_problem_lines,
    row_problems_json,
)
from desk_app.domain.enums import Channel, Permission
from desk_app.services.json_views import customer_json
from desk_app.services.rows import CustomerInput

if TYPE_CHECKING:
    from desk_app.services.container import Services


def add_parsers(sub: Any) -> None:
    customers = sub.add_parser("customers", help="customer master data").add_subparsers(
        dest="action", required=True, metavar="ACTION"
    )
    add = handled_by(customers.add_parser("add", help="add a customer"), _add)
    add.add_argument("--first-name", required=True)
    add.add_argument("--last-name", required=True)
    add.add_argument("--email")
    add.add_argument("--phone")
    add.add_argument("--birthday", help="YYYY-MM-DD")
    add.add_argument("--street", default="")
    add.add_argument("--postal-code", default="")
    add.add_argument("--city", default="")
    add.add_argument("--notes", default="")
    add.add_argument("--preferred-channel", choices=[c.value for c in Channel])
    add.add_argument("--language", choices=["de", "en"], default="de")
    add.add_argument(
        "--objection-notice-given",
        action="store_true",
        help="the customer was told of the right to object to advertising by email",
    )
    add.add_argument(
        "--allow-duplicate", action="store_true", help="add even if email or phone is known"
    )
    show = handled_by(customers.add_parser("show", help="all master data of one customer"), _show)
    show.add_argument("id", type=int)
    search = handled_by(
        customers.add_parser("search", help="find customers by name, phone or email"), _search
    )
    search.add_argument("text")
    search.add_argument("--limit", type=int, default=50)
    imp = handled_by(
        customers.add_parser("import", help="import customers from a CSV file"), _import
    )
    imp.add_argument("file", type=Path)
    imp.add_argument(
        "--skip-invalid", action="store_true", help="import the valid rows, report the rest"
    )
    exp = handled_by(
        customers.add_parser("export", help="export all customers to a CSV file"), _export
    )
    exp.add_argument("file", type=Path)
    # Every customer's data in one file: the window's export right (issue 12).
    requires(exp, Permission.EXPORT_DATA)
    json_flag(add, show, search, imp, exp)
    privacy.add_parsers(customers)


def _add(s: Services, o: argparse.Namespace) -> None:
    data = CustomerInput(
        first_name=o.first_name,
        last_name=o.last_name,
        email=o.email,
        phone=o.phone,
        birthday=parse_date(o.birthday, "birthday"),
        street=o.street,
        postal_code=o.postal_code,
        city=o.city,
        notes=o.notes,
        preferred_channel=Channel(o.preferred_channel) if o.preferred_channel else None,
        language=o.language,
        objection_notice_given=o.objection_notice_given,
    )
    row = s.customers.create(data, allow_duplicate=o.allow_duplicate)
    text = QCoreApplication.translate("Cli", "Customer {id} added: {name}").format(
        id=row.id, name=row.full_name
    )
    out(o, {"id": row.id, "ref": row.ref}, text)


def _show(s: Services, o: argparse.Namespace) -> None:
    row = s.customers.get(o.id)
    data = customer_json(row)
    out(o, data, "\n".join(f"{k}: {'' if v is None else v}" for k, v in data.items()))


def _search(s: Services, o: argparse.Namespace) -> None:
    rows = s.customers.search(o.text, limit=o.limit)
    lines = [f"{r.id:>6}  {r.full_name:<30} {r.phone or '':<16} {r.email or ''}" for r in rows]
    if not rows:
        lines = [QCoreApplication.translate("Cli", "No customer found.")]
    out(o, [customer_json(r) for r in rows], "\n".join(lines))


def _import(s: Services, o: argparse.Namespace) -> None:
    from desk_app.services.customer_csv import CsvImporter

    report = CsvImporter(s.customers, s.db).import_file(o.file, skip_invalid=o.skip_invalid)
    data = {
        "imported": report.imported,
        "rejected": row_problems_json(report.rejected),
        "skipped": row_problems_json(report.skipped),
    }
    lines = [QCoreApplication.translate("Cli", "%n customer(s) imported.", "", report.imported)]
    lines += row_problem_lines((*report.rejected, *report.skipped))
    out(o, data, "\n".join(lines))


def _export(s: Services, o: argparse.Namespace) -> None:
    from desk_app.services.customer_csv import export_customers

    count = export_customers(s.customers, o.file)
    out(
        o,
        {"exported": count, "file": str(o.file)},
        QCoreApplication.translate("Cli", "%n customer(s) exported.", "", count),
    )
