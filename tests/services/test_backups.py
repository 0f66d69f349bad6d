"""The backup service on real databases, time injected: the daily backup is written once a
salon day and the folder is rotated; the warning follows the newest good backup; on
PostgreSQL the newest pg_dump archive in the folder is what counts."""

from __future__ import annotations

import os
import shutil
from datetime import timedelta
from pathlib import Path

import pytest

from desk_app.domain.access import SHARED_COUNTER
from desk_app.domain.backup_plan import BackupKind, backup_name, parse_name
from desk_app.domain.errors import BackupNeedsSqlite
from desk_app.services.container import Services
from tests.conftest import Clock


def _folder(services: Services, folder: Path) -> None:
    services.catalogue.set_settings(
        {"backup_folder": str(folder), "backup_keep_daily": "3", "backup_keep_weekly": "1"},
        actor=SHARED_COUNTER,
    )


@pytest.mark.parametrize("backend", ["sqlite"])
def test_the_daily_backup_is_written_once_a_day_and_rotated(
    services: Services, clock: Clock, tmp_path: Path
) -> None:
    folder = tmp_path / "backups"
    _folder(services, folder)
    backups = services.backups
    assert backups.status().too_old  # none yet: the warning shows at once
    folder.mkdir()
    cut_off = folder / "salon-desk-20261101T000000Z-daily.sqlite3.partial"  # quit mid-copy
    cut_off.write_bytes(b"half")
    os.utime(cut_off, (0, 0))
    being_written = folder / "salon-desk-20261125T075959Z-manual.sqlite3.partial"
    being_written.write_bytes(b"by another process, now")
    first = backups.run_due()
    assert not cut_off.exists() and being_written.exists()
    being_written.unlink()
    assert first is not None and first.parent == folder
    assert first.stat().st_mode & 0o777 == 0o600
    assert backups.run_due() is None  # the same day: nothing more
    # A copy kept before a restore is the replaced state: no day's backup for the warning.
    (folder / "salon-desk-20261126T000000Z-before-restore.sqlite3").write_bytes(b"")
    clock.advance(hours=5)
    assert backups.run_due() is None
    status = backups.status()
    assert (status.newest, status.too_old) == (clock.now - timedelta(hours=5), False)

    written = [first]
    for _day in range(9):  # Wednesday 2026-11-25 onwards, one a day
        clock.advance(days=1)
        path = backups.run_due()
        assert path is not None
        written.append(path)
    kept = sorted(p.name for p in folder.iterdir() if "before-restore" not in p.name)
    # Three days and one week (the current one, whose newest is today's).
    assert kept == sorted(p.name for p in written[-3:])
    assert (folder / "salon-desk-20261126T000000Z-before-restore.sqlite3").exists()
    assert all(parse_name(name).kind is BackupKind.DAILY for name in kept)  # type: ignore[union-attr]

    clock.advance(days=2, seconds=1)  # two days (the default) and a second without one
    assert backups.status().too_old


@pytest.mark.parametrize("backend", ["postgresql"])
def test_on_postgresql_the_newest_dump_counts_and_an_empty_one_does_not(
    services: Services, clock: Clock, tmp_path: Path
) -> None:
    folder = tmp_path / "dumps"
    _folder(services, folder)
    assert services.backups.run_due() is None  # the server's pg_dump does the daily one
    if shutil.which("pg_dump") is None:
        pytest.fail("pg_dump is needed on PATH where PostgreSQL is tested")
    dump = services.backups.back_up_now(SHARED_COUNTER)
    assert dump.parent == folder and dump.suffix == ".dump"
    assert dump.read_bytes().startswith(b"PGDMP")
    assert dump.stat().st_mode & 0o777 == 0o600
    status = services.backups.status()
    assert (status.backend, status.newest, status.too_old) == ("postgresql", clock.now, False)

    clock.advance(days=3)
    failed = folder / "salon-from-cron.dump"  # a cron job whose pg_dump failed: empty file
    failed.write_bytes(b"")
    assert services.backups.status().too_old
    with pytest.raises(BackupNeedsSqlite):
        services.backups.check(dump)


@pytest.mark.parametrize("backend", ["sqlite"])
def test_a_relative_backup_folder_is_the_same_folder_whatever_the_working_directory(
    services: Services, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    services.catalogue.set_settings({"backup_folder": "copies"}, actor=SHARED_COUNTER)
    data_folder = services.backups.default_folder().parent
    written = []
    for started_in in ("window", "scheduled-task"):  # two processes, two working dirs
        (tmp_path / started_in).mkdir()
        monkeypatch.chdir(tmp_path / started_in)
        written.append(services.backups.back_up_now(SHARED_COUNTER))
    assert {p.parent for p in written} == {data_folder / "copies"}
    assert services.backups.status().folder == data_folder / "copies"


@pytest.mark.parametrize("backend", ["sqlite"])
def test_a_backup_dated_ahead_does_not_stop_the_daily_one_nor_the_warning(
    services: Services, clock: Clock, tmp_path: Path
) -> None:
    folder = tmp_path / "backups"
    _folder(services, folder)
    folder.mkdir()
    # Written while the computer's clock said next year (a BIOS reset, a test by hand).
    ahead = backup_name(clock.now + timedelta(days=365), BackupKind.DAILY).file_name()
    (folder / ahead).write_bytes(b"")
    assert services.backups.status().too_old
    written = services.backups.run_due()
    assert written is not None and (folder / ahead).exists()
    assert services.backups.status().newest == clock.now.replace(microsecond=0)
    # Another counter PC's clock a few minutes ahead, sharing the folder: that one counts.
    clock.advance(days=1)
    (
        folder / backup_name(clock.now + timedelta(minutes=5), BackupKind.DAILY).file_name()
    ).write_bytes(b"")
    assert services.backups.run_due() is None
