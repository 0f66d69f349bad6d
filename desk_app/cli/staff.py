"""``desk-app staff add|list|token``: the staff members (and their tokens for unattended
jobs, in ``staff_tokens``)."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication

from desk_app.cli import staff_tokens
from desk_app.cli.acting import command_actor
from desk_app.cli.output import handled_by, json_flag, out
from desk_app.domain.enums import StaffRole

if TYPE_CHECKING:
    from desk_app.services.container import Services


def add_parsers(sub: Any) -> None:
    staff = sub.add_parser("staff", help="staff members").add_subparsers(
        dest="action", required=True, metavar="ACTION"
    )
    add = handled_by(staff.add_parser("add", help="add a staff member"), _add)
    add.add_argument("name")
    add.add_argument("--role", choices=[r.value for r in StaffRole], required=True)
    listing = handled_by(staff.add_parser("list", help="list staff members"), _list)
    json_flag(add, listing)
    staff_tokens.add_parsers(staff)


def _add(s: Services, o: argparse.Namespace) -> None:
    row = s.catalogue.add_staff(o.name, StaffRole(o.role), actor=command_actor(s, o))
    out(
        o,
        {"id": row.id, "name": row.name, "role": row.role.value},
        QCoreApplication.translate("Cli", "Staff member added."),
    )


def _list(s: Services, o: argparse.Namespace) -> None:
    rows = s.catalogue.list_staff()
    data = [{"id": r.id, "name": r.name, "role": r.role.value} for r in rows]
    out(o, data, "\n".join(f"{r.id:>4}  {r.name:<30} {r.role.value}" for r in rows))
