"""``desk-app staff token issue|list|revoke``: the owner's tokens for unattended jobs.

A token acts as its member (with the member's role at each use) for scheduled commands
such as ``run-automations``; it is printed, or written to a file only its owner can
read, once: the database keeps its SHA-256 only (``services.staff_tokens``).
"""

from __future__ import annotations

import argparse
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication

from desk_app.cli.acting import TOKEN_VARIABLE, command_actor, member_named
from desk_app.cli.output import handled_by, json_flag, out
from desk_app.services.private_files import write_private_text
from desk_app.texts import error_text

if TYPE_CHECKING:
    from desk_app.services.container import Services
    from desk_app.services.staff_tokens import TokenRow

DAYS_DEFAULT = 365  # services.staff_tokens.DAYS_DEFAULT (not imported: SQLAlchemy)


def add_parsers(staff: Any) -> None:
    """Add ``token`` to the ``staff`` subparsers."""
    token = staff.add_parser(
        "token", help="tokens for unattended jobs (owner or manager)"
    ).add_subparsers(dest="token_action", required=True, metavar="ACTION")
    issue = handled_by(
        token.add_parser(
            "issue",
            help=f"a token that acts as NAME, shown once (use it as {TOKEN_VARIABLE} or "
            "with --token-file)",
        ),
        _issue,
    )
    issue.add_argument("name")
    issue.add_argument("--label", default="", help="what it is for, e.g. 'automations PC'")
    issue.add_argument("--days", type=int, default=DAYS_DEFAULT, help="valid for N days")
    issue.add_argument(
        "--out", type=Path, metavar="FILE", help="write the token to FILE (mode 0600), not stdout"
    )
    listing = handled_by(token.add_parser("list", help="every token issued"), _list)
    revoke = handled_by(token.add_parser("revoke", help="revoke a token for good"), _revoke)
    revoke.add_argument("id", type=int)
    json_flag(issue, listing, revoke)


def _issue(s: Services, o: argparse.Namespace) -> None:
    member_id = member_named(s, o.name)
    issued = s.staff_tokens.issue(command_actor(s, o), member_id, o.label, o.days)
    row, zone = issued.row, s.catalogue.salon_settings().time_zone
    data: dict[str, Any] = _row_json(row)
    text = QCoreApplication.translate(
        "Cli", "Token {id} acts as {name} until {until}; it is shown only this once."
    ).format(id=row.id, name=row.member_name, until=error_text.format_moment(row.expires_at, zone))
    if o.out is not None:
        write_private_text(o.out, issued.token + "\n")
        data["file"] = str(o.out)
        text += "\n" + QCoreApplication.translate("Cli", "Written to {file}.").format(file=o.out)
    else:
        data["token"] = issued.token
        text += "\n" + issued.token
    out(o, data, text)


def _list(s: Services, o: argparse.Namespace) -> None:
    rows = s.staff_tokens.tokens(command_actor(s, o))
    zone = s.catalogue.salon_settings().time_zone
    lines = [
        f"{r.id:>4}  {r.member_name:<24} {_state_text(r.state(_now())):<12} "
        f"{error_text.format_moment(r.expires_at, zone)}  {r.label}"
        for r in rows
    ]
    out(o, [_row_json(r) for r in rows], "\n".join(lines))


def _revoke(s: Services, o: argparse.Namespace) -> None:
    row = s.staff_tokens.revoke(command_actor(s, o), o.id)
    text = QCoreApplication.translate("Cli", "Token {id} of {name} is revoked.").format(
        id=row.id, name=row.member_name
    )
    out(o, _row_json(row), text)


def _row_json(row: TokenRow) -> dict[str, Any]:
    return {
        "id": row.id,
        "member": row.member_name,
        "member_id": row.member_id,
        "label": row.label,
        "issued_by": row.issued_by,
        "issued_at": row.issued_at.isoformat(),
        "expires_at": row.expires_at.isoformat(),
        "revoked_at": row.revoked_at.isoformat() if row.revoked_at else None,
        "state": row.state(_now()),
    }


def _now() -> datetime:
    return datetime.now(UTC)


def _state_text(state: str) -> str:
    return {
        "active": QCoreApplication.translate("Cli", "active"),
        "expired": QCoreApplication.translate("Cli", "expired"),
        "revoked": QCoreApplication.translate("Cli", "revoked"),
    }[state]
