"""Where backups go. Two databases backing up into one folder (two salons on one share,
a test copy beside the real one) keep apart: neither rotates away nor counts the other's
copies; a restore of the other's copy is refused unless the owner confirmed it, keeps the
live database's identity, and names the salon the copy is of. A backup folder on a share
that is away is not quietly made on this computer's own disk."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from desk_app.config.paths import templates_dir
from desk_app.db import migrate
from desk_app.db.engine import Database, create_database_engine
from desk_app.domain.access import SHARED_COUNTER
from desk_app.domain.backup_plan import parse_name
from desk_app.domain.errors import BackupNotWritten, BackupRefused
from desk_app.services.container import Services, build_services
from desk_app.texts.error_text import describe
from tests.conftest import Clock
from tests.services.support import add_customer


@pytest.fixture
def other(tmp_path: Path, clock: Clock) -> Iterator[Services]:
    """A second salon's SQLite database."""
    db = Database(create_database_engine(f"sqlite:///{tmp_path / 'other.sqlite3'}"))
    migrate.upgrade(db.engine)
    yield build_services(db, templates_dir(), clock=clock)
    db.dispose()


def _share(services: Services, folder: Path, salon: str) -> None:
    services.catalogue.set_settings(
        {
            "backup_folder": str(folder),
            "backup_keep_daily": "2",
            "backup_keep_weekly": "1",
            "salon_name": salon,
        },
        actor=SHARED_COUNTER,
    )


@pytest.mark.parametrize("backend", ["sqlite"])
def test_two_databases_in_one_folder_keep_their_own_backups(
    services: Services, other: Services, clock: Clock, tmp_path: Path
) -> None:
    folder = tmp_path / "share"
    _share(services, folder, "Salon Nord")
    _share(other, folder, "Salon Süd")
    for _day in range(4):
        assert services.backups.run_due() is not None
        assert other.backups.run_due() is not None
        clock.advance(days=1)
    ours = {r.path for r in services.backups.backups()}
    theirs = {r.path for r in other.backups.backups()}
    # Each kept its two days (the newest of the week among them), none of the other's.
    assert len(ours) == len(theirs) == 2 and not ours & theirs
    assert set(folder.iterdir()) == ours | theirs
    identities = {parse_name(p.name).database for p in ours}  # type: ignore[union-attr]
    assert len(identities) == 1 and "" not in identities
    # A copy from before identities existed still counts as this database's.
    legacy = folder / "salon-desk-20261101T090000Z-manual.sqlite3"
    legacy.write_bytes(b"")
    assert legacy in {r.path for r in services.backups.backups()}


@pytest.mark.parametrize("backend", ["sqlite"])
def test_another_databases_backup_is_restored_only_when_confirmed(
    services: Services, other: Services, tmp_path: Path
) -> None:
    folder = tmp_path / "share"
    _share(services, folder, "Salon Nord")
    _share(other, folder, "Salon Süd")
    add_customer(other, "Süd", "Kundin")
    theirs = other.backups.back_up_now(SHARED_COUNTER)
    ours = services.backups.back_up_now(SHARED_COUNTER)
    own_identity = parse_name(ours.name).database  # type: ignore[union-attr]

    checked = services.backups.check(theirs)
    assert (checked.salon_name, checked.other_database) == ("Salon Süd", True)
    assert services.backups.check(ours).other_database is False
    with pytest.raises(BackupRefused) as refused:
        services.backups.restore(SHARED_COUNTER, theirs)
    assert (refused.value.problem, refused.value.detail) == ("other_database", "Salon Süd")
    assert services.customers.search("Kundin") == []  # nothing replaced

    result = services.backups.restore(SHARED_COUNTER, theirs, other_database=True)
    assert [c.first_name for c in services.customers.search("Kundin")] == ["Süd"]
    # The live database stays itself: the copy of what was replaced is listed as its
    # own (the way back), and its next backup too.
    assert parse_name(result.safety.name).database == own_identity  # type: ignore[union-attr]
    listed = {r.path for r in services.backups.backups()}
    assert {ours, result.safety} <= listed and theirs not in listed
    again = services.backups.back_up_now(SHARED_COUNTER)
    assert parse_name(again.name).database == own_identity  # type: ignore[union-attr]


@pytest.mark.parametrize("backend", ["sqlite"])
def test_a_share_that_is_away_is_not_replaced_by_a_local_folder(
    services: Services, clock: Clock, tmp_path: Path
) -> None:
    mount_point = tmp_path / "mnt" / "salon-share"  # the share is not mounted: no folder
    services.catalogue.set_settings(
        {"backup_folder": str(mount_point / "backups")}, actor=SHARED_COUNTER
    )
    with pytest.raises(BackupNotWritten) as refused:
        services.backups.run_due()
    assert refused.value.missing == str(mount_point)
    assert refused.value.folder == str(mount_point / "backups")
    assert not mount_point.exists()  # nothing made on this computer's own disk
    words = describe(refused.value)
    assert str(mount_point) in words and "network drive" in words
    mount_point.mkdir(parents=True)  # the share is there: its backup folder is made once
    written = services.backups.run_due()
    assert written is not None and written.parent == mount_point / "backups"

    # Later the share is away, its empty mount point still there: the folder that held
    # the backups is not made again on the local disk.
    shutil.rmtree(mount_point / "backups")
    clock.advance(days=1)
    with pytest.raises(BackupNotWritten) as away:
        services.backups.run_due()
    assert away.value.missing == str(mount_point / "backups")
    assert not (mount_point / "backups").exists()
    assert "is not there" in describe(away.value)


@pytest.mark.parametrize("backend", ["sqlite"])
def test_a_copy_of_the_file_backs_up_as_a_database_of_its_own(
    services: Services, clock: Clock, tmp_path: Path
) -> None:
    folder = tmp_path / "share"
    _share(services, folder, "Salon Nord")
    copy_file = services.backups.back_up_now(SHARED_COUNTER, tmp_path / "test-copy.sqlite3")
    clock.advance(days=1)
    copy = Database(create_database_engine(f"sqlite:///{copy_file}"))
    try:
        test_copy = build_services(copy, templates_dir(), clock=clock)
        theirs = test_copy.backups.run_due()  # the test copy backs up first today
        ours = services.backups.run_due()  # the salon's own day is not taken for it
        assert theirs is not None and ours is not None
        identities = {parse_name(p.name).database for p in (theirs, ours)}  # type: ignore[union-attr]
        assert len(identities) == 2
        assert {r.path for r in services.backups.backups()}.isdisjoint({theirs})
        assert test_copy.backups.run_due() is None  # and its own day is done too
    finally:
        copy.dispose()


@pytest.mark.parametrize("backend", ["sqlite"])
def test_a_moved_database_keeps_its_identity_and_its_backups(
    services: Services, other: Services, clock: Clock, tmp_path: Path
) -> None:
    folder = tmp_path / "share"
    _share(other, folder, "Salon Süd")
    before = other.backups.run_due()
    assert before is not None
    old_place = tmp_path / "other.sqlite3"
    other.db.dispose()
    new_place = tmp_path / "moved" / "salon.sqlite3"
    new_place.parent.mkdir()
    old_place.rename(new_place)  # the salon moved its data folder
    moved = Database(create_database_engine(f"sqlite:///{new_place}"))
    try:
        again = build_services(moved, templates_dir(), clock=clock)
        assert before in {r.path for r in again.backups.backups()}
        clock.advance(days=1)
        after = again.backups.run_due()
        assert after is not None
        assert parse_name(after.name).database == parse_name(before.name).database  # type: ignore[union-attr]
    finally:
        moved.dispose()
