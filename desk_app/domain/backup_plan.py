"""Which backups exist by name, which to keep, when the next one is due, when to warn.

A backup's file name carries the database it copies, its time (UTC, sortable as text)
and why it was made: ``salon-desk-3f2a9c1e7b40-20261204T195000Z-daily.sqlite3``. The
database's identity (``DATABASE_ID_KEY``, made at its first backup) keeps two databases
that share a backup folder (two salons on one share, a test copy beside the real one)
from rotating away each other's copies or counting them as their own. Names without an
identity were written before it existed and count as the database's own.

The daily and the "back up now" copies are rotated like restic's ``--keep-daily N
--keep-weekly M``: the newest backup of each of the last N salon-local days that have
one, and the newest of each of the last M ISO weeks that have one (the two may overlap).
A copy made before a restore is the way back from that restore: it is never rotated away.

Pure: standard library and ``desk_app.domain`` only.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from enum import StrEnum
from zoneinfo import ZoneInfo

PREFIX = "salon-desk-"
SQLITE_SUFFIX = ".sqlite3"
DATABASE_ID_KEY = "database_id"  # a settings row; no setting anyone edits
DATABASE_ID = re.compile(r"[0-9a-f]{12}")
_NAME = re.compile(
    r"salon-desk-(?:(?P<database>[0-9a-f]{12})-)?"
    r"(?P<stamp>\d{8}T\d{6}Z)-(?P<kind>[a-z-]+)(?P<suffix>\.sqlite3|\.dump)"
)


class BackupKind(StrEnum):
    DAILY = "daily"  # made by itself, once a day
    MANUAL = "manual"  # "back up now", ``desk-app db backup``
    BEFORE_RESTORE = "before-restore"  # the state a restore replaced; never rotated


ROTATED = frozenset({BackupKind.DAILY, BackupKind.MANUAL})


@dataclass(frozen=True)
class BackupName:
    at: datetime  # UTC, to the second
    kind: BackupKind
    suffix: str = SQLITE_SUFFIX  # ``.dump`` for PostgreSQL's pg_dump -Fc
    database: str = ""  # the copied database's identity; "" in names from before it

    def file_name(self) -> str:
        database = f"{self.database}-" if self.database else ""
        stamp = self.at.strftime("%Y%m%dT%H%M%SZ")
        return f"{PREFIX}{database}{stamp}-{self.kind.value}{self.suffix}"

    def belongs_to(self, database: str) -> bool:
        """Whether this is a copy of ``database`` (names without identity count)."""
        return not self.database or self.database == database


def backup_name(
    at: datetime, kind: BackupKind, suffix: str = SQLITE_SUFFIX, database: str = ""
) -> BackupName:
    return BackupName(at.astimezone(UTC).replace(microsecond=0), kind, suffix, database)


def parse_name(file_name: str) -> BackupName | None:
    """The backup a file name stands for; None for any other file (temp files too)."""
    found = _NAME.fullmatch(file_name)
    if found is None:
        return None
    try:
        kind = BackupKind(found["kind"])
    except ValueError:
        return None
    at = datetime.strptime(found["stamp"], "%Y%m%dT%H%M%SZ").replace(tzinfo=UTC)
    return BackupName(at, kind, found["suffix"], found["database"] or "")


def to_remove(
    names: Iterable[BackupName], keep_daily: int, keep_weekly: int, zone: ZoneInfo
) -> list[BackupName]:
    """The rotated backups that fall out of both the daily and the weekly set."""
    rotated = sorted((n for n in names if n.kind in ROTATED), key=lambda n: n.at, reverse=True)
    keep: set[BackupName] = set()
    keep |= _newest_per(rotated, keep_daily, lambda n: _local_day(n, zone))
    keep |= _newest_per(rotated, keep_weekly, lambda n: _local_day(n, zone).isocalendar()[:2])
    return [n for n in rotated if n not in keep]


def _newest_per(newest_first: list[BackupName], count: int, bucket: object) -> set[BackupName]:
    kept: dict[object, BackupName] = {}
    for name in newest_first:
        key = bucket(name)  # type: ignore[operator]
        if key not in kept:
            if len(kept) == count:
                break
            kept[key] = name
    return set(kept.values())


def _local_day(name: BackupName, zone: ZoneInfo) -> date:
    return name.at.astimezone(zone).date()


def daily_due(newest: datetime | None, now: datetime, zone: ZoneInfo) -> bool:
    """Whether today (salon-local) still lacks a backup."""
    return newest is None or newest.astimezone(zone).date() < now.astimezone(zone).date()


def too_old(newest: datetime | None, now: datetime, warn_days: int) -> bool:
    """Whether the status bar warns: no good backup at all, or none for ``warn_days``."""
    return newest is None or now - newest > timedelta(days=warn_days)
