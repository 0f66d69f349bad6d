"""``desk-app db upgrade|backup|restore``: database maintenance."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication

from desk_app.cli.acting import command_actor, requires
from desk_app.cli.output import handled_by, json_flag, out
from desk_app.domain.enums import Permission

if TYPE_CHECKING:
    from desk_app.services.container import Services


def add_parsers(sub: Any) -> None:
    db = sub.add_parser("db", help="database maintenance").add_subparsers(
        dest="action", required=True, metavar="ACTION"
    )
    handled_by(db.add_parser("upgrade", help="bring the schema up to date"), _upgrade)
    backup = handled_by(
        db.add_parser(
            "backup",
            help="copy the SQLite database to FILE (online; default: a new file in the "
            "backup folder, which is then rotated); on PostgreSQL run pg_dump -Fc",
        ),
        _backup,
    )
    backup.add_argument("file", type=Path, nargs="?")
    restore = handled_by(
        db.add_parser(
            "restore",
            help="replace the SQLite database with FILE, after checking it; the current "
            "state is kept as a before-restore backup first",
        ),
        _restore,
    )
    restore.add_argument("file", type=Path)
    restore.add_argument(
        "--other-database",
        action="store_true",
        help="FILE is a copy of another database (another salon, another PC): restore it "
        "all the same",
    )
    handled_by(
        db.add_parser("backups", help="list the backups and say when the last good one was"),
        _backups,
    )
    # A backup holds everything, the audit log too, and a restore replaces everything:
    # customers, settings, the team, and the audit log of what was done since (issue 12).
    requires(backup, Permission.EXPORT_DATA, Permission.VIEW_AUDIT)
    requires(restore, Permission.RESTORE_BACKUP)
    json_flag(*db.choices.values())


def _upgrade(s: Services, o: argparse.Namespace) -> None:
    # open_services already upgraded; say where the schema stands.
    from desk_app.db import migrate

    revision = migrate.current_revision(s.db.engine)
    out(
        o,
        {"revision": revision},
        QCoreApplication.translate("Cli", "The database schema is up to date ({revision}).").format(
            revision=revision
        ),
    )


def _backup(s: Services, o: argparse.Namespace) -> None:
    written = s.backups.back_up_now(command_actor(s, o), o.file)
    out(
        o,
        {"backup": str(written)},
        QCoreApplication.translate("Cli", "Backup written to {file}.").format(file=written),
    )


def _restore(s: Services, o: argparse.Namespace) -> None:
    # The window's checks and steps: intact, a Salon Desk database of a known revision,
    # the current state kept first, the schema upgraded after, an audit entry.
    result = s.backups.restore(command_actor(s, o), o.file, o.other_database)
    out(
        o,
        {"restored": str(o.file), "revision": result.revision, "safety_copy": str(result.safety)},
        QCoreApplication.translate(
            "Cli", "Database restored from {file}. The state before is kept in {safety}."
        ).format(file=o.file, safety=result.safety),
    )


def _backups(s: Services, o: argparse.Namespace) -> None:
    status = s.backups.status()
    rows = s.backups.backups(status.folder)
    data: dict[str, Any] = {
        "folder": str(status.folder),
        "newest": status.newest.isoformat() if status.newest else None,
        "too_old": status.too_old,
        "backups": [
            {"file": str(r.path), "at": r.at.isoformat(), "kind": r.kind.value, "size": r.size}
            for r in rows
        ],
    }
    lines = [f"{r.at.isoformat()}  {r.size:>12}  {r.path}" for r in rows]
    if status.too_old:
        lines.append(
            QCoreApplication.translate(
                "Cli", "Warning: no good backup in {folder} for {days} days."
            ).format(folder=status.folder, days=status.warn_days)
        )
    out(o, data, "\n".join(lines))
