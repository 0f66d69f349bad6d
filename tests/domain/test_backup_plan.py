"""Backup names, the rotation (daily and weekly), when the next daily backup is due and
when the status bar warns. Time is given, never waited for."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from desk_app.domain.backup_plan import (
    BackupKind,
    BackupName,
    backup_name,
    daily_due,
    parse_name,
    to_remove,
    too_old,
)

BERLIN = ZoneInfo("Europe/Berlin")


def _daily(day: date, hour: int = 9) -> BackupName:
    return backup_name(datetime(day.year, day.month, day.day, hour, tzinfo=UTC), BackupKind.DAILY)


def test_a_name_says_when_and_why_and_sorts_by_time() -> None:
    name = backup_name(datetime(2026, 12, 4, 19, 50, 1, 999, tzinfo=UTC), BackupKind.MANUAL)
    assert name.file_name() == "salon-desk-20261204T195001Z-manual.sqlite3"
    assert parse_name(name.file_name()) == name
    later = backup_name(datetime(2026, 12, 10, 8, 0, tzinfo=UTC), BackupKind.DAILY)
    assert sorted([later.file_name(), name.file_name()]) == [name.file_name(), later.file_name()]
    for other in (
        "salon-desk-20261204T195001Z-manual.sqlite3.partial",  # being written
        "salon-desk-20261204T195001Z-unknown.sqlite3",
        "salon.before-upgrade-20261204T195001Z.sqlite3",
        "notes.txt",
    ):
        assert parse_name(other) is None, other


def test_sixty_days_of_daily_backups_keep_the_last_seven_days_and_four_weeks() -> None:
    first = date(2026, 10, 1)
    names: list[BackupName] = []
    for offset in range(60):  # one a day, rotated each day as the window does
        names.append(_daily(first + timedelta(days=offset)))
        names = [n for n in names if n not in to_remove(names, 7, 4, BERLIN)]
    days = sorted(n.at.date() for n in names)
    last = first + timedelta(days=59)  # Sunday 2026-11-29
    assert days[-7:] == [last - timedelta(days=d) for d in range(6, -1, -1)]
    # Before the seven days: the newest of each of the three earlier weeks, their Sundays
    # (the fourth week is the current one, already in the daily set).
    assert days[:-7] == [date(2026, 11, 8), date(2026, 11, 15), date(2026, 11, 22)]
    assert last.isoweekday() == 7


def test_several_backups_a_day_keep_the_newest_and_copies_before_a_restore_stay() -> None:
    day = date(2026, 12, 4)
    morning, evening = _daily(day, 7), _daily(day, 18)
    manual = backup_name(datetime(2026, 12, 4, 12, tzinfo=UTC), BackupKind.MANUAL)
    safety = backup_name(datetime(2020, 1, 1, tzinfo=UTC), BackupKind.BEFORE_RESTORE)
    assert set(to_remove([morning, evening, manual, safety], 1, 0, BERLIN)) == {morning, manual}


def test_a_day_is_the_salons_day() -> None:
    # 23:30 UTC on 3 December is 00:30 on the 4th in Berlin: the 4th's backup.
    late = backup_name(datetime(2026, 12, 3, 23, 30, tzinfo=UTC), BackupKind.DAILY)
    now = datetime(2026, 12, 4, 10, 0, tzinfo=UTC)
    assert not daily_due(late.at, now, BERLIN)
    assert daily_due(late.at, now, ZoneInfo("UTC"))
    assert daily_due(None, now, BERLIN)


def test_the_warning_comes_after_the_set_number_of_days() -> None:
    newest = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
    assert not too_old(newest, newest + timedelta(days=2), 2)
    assert too_old(newest, newest + timedelta(days=2, seconds=1), 2)
    assert too_old(None, newest, 2)


def test_a_name_carries_the_database_it_copies() -> None:
    at = datetime(2026, 12, 4, 19, 50, 1, tzinfo=UTC)
    name = backup_name(at, BackupKind.DAILY, database="3f2a9c1e7b40")
    assert name.file_name() == "salon-desk-3f2a9c1e7b40-20261204T195001Z-daily.sqlite3"
    assert parse_name(name.file_name()) == name
    assert name.belongs_to("3f2a9c1e7b40") and not name.belongs_to("000000000000")
    assert not name.belongs_to("")  # a database without identity made none of these
    older = parse_name("salon-desk-20261204T195001Z-daily.sqlite3")  # before identities
    assert older is not None and older.database == ""
    assert older.belongs_to("3f2a9c1e7b40") and older.belongs_to("")
    assert parse_name("salon-desk-3F2A9C1E7B40-20261204T195001Z-daily.sqlite3") is None
    assert parse_name("salon-desk-3f2a9c-20261204T195001Z-daily.sqlite3") is None
