"""``desk-app db upgrade|backup|restore``: database maintenance."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication

from desk_app.cli.acting import requires
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
        db.add_parser("backup", help="copy the SQLite database to FILE (online)"), _backup
    )
    backup.add_argument("file", type=Path)
    restore = handled_by(
        db.add_parser("restore", help="replace the SQLite database with FILE"), _restore
    )
    restore.add_argument("file", type=Path)
    # A backup holds everything, the audit log too, and a restore replaces everything:
    # customers, settings, the team, and the audit log of what was done since (issue 12).
    requires(backup, Permission.EXPORT_DATA, Permission.VIEW_AUDIT)
    requires(restore, Permission.CHANGE_SETTINGS, Permission.ERASE_CUSTOMERS, Permission.VIEW_AUDIT)
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
    from desk_app.db import migrate

    migrate.backup_sqlite(s.db.engine, o.file)
    out(
        o,
        {"backup": str(o.file)},
        QCoreApplication.translate("Cli", "Backup written to {file}.").format(file=o.file),
    )


def _restore(s: Services, o: argparse.Namespace) -> None:
    from desk_app.db import migrate

    migrate.restore_sqlite(s.db.engine, o.file)
    migrate.upgrade(s.db.engine)
    out(
        o,
        {"restored": str(o.file)},
        QCoreApplication.translate("Cli", "Database restored from {file}.").format(file=o.file),
    )
