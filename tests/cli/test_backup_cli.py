"""``desk-app db backup|backups|restore`` in-process on a real SQLite file: backup → change →
restore gives back the earlier state, with the state before kept and the restore audited;
a spoiled file is refused in words and nothing is replaced."""

from __future__ import annotations

import json
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest

from desk_app.cli.main import EXIT_USER_ERROR
from tests.cli.inprocess import InProcessDesk, cli
from tests.cli.test_cli_sign_in import _audit

__all__ = ["cli"]


def _names(cli: InProcessDesk) -> list[str]:
    rows = cli("customers", "search", "data", "--json").json()
    return sorted(r["first_name"] for r in rows)


def _add(cli: InProcessDesk, first_name: str) -> None:
    added = cli("customers", "add", "--first-name", first_name, "--last-name", "Data", "--json")
    assert added.code == 0, str(added)


@pytest.mark.parametrize("backend", ["sqlite"])
def test_backup_change_restore_gives_back_the_earlier_state(
    cli: InProcessDesk, tmp_path: Path
) -> None:
    folder = tmp_path / "backups"
    assert cli("settings", "set", "backup_folder", str(folder)).code == 0
    _add(cli, "Old")
    made = cli("db", "backup", "--json").json()
    backup = Path(made["backup"])
    assert backup.parent == folder and backup.name.endswith("-manual.sqlite3")
    listed = cli("db", "backups", "--json").json()
    assert [b["file"] for b in listed["backups"]] == [str(backup)]
    assert listed["too_old"] is False

    _add(cli, "New")
    assert _names(cli) == ["New", "Old"]
    restored = cli("db", "restore", str(backup), "--json").json()
    assert restored["restored"] == str(backup)
    assert _names(cli) == ["Old"]
    # The state the restore replaced is kept, private, and holds what came after.
    safety = Path(restored["safety_copy"])
    assert safety.name.endswith("-before-restore.sqlite3") and safety.parent == folder
    assert safety.stat().st_mode & 0o777 == 0o600
    with closing(sqlite3.connect(safety)) as conn:
        assert conn.execute("SELECT count(*) FROM customers").fetchone() == (2,)
        # The entry of the backup is written once it exists: in the state after it.
        last = conn.execute("SELECT action FROM audit_log ORDER BY id DESC LIMIT 1").fetchone()
        assert last == ("backup_made",)
    # The restored database says it was restored, after what it held when backed up.
    assert _audit(cli.database)[-2:] == [("settings_changed", ""), ("database_restored", "")]


@pytest.mark.parametrize("backend", ["sqlite"])
def test_a_spoiled_backup_is_refused_in_words_and_nothing_is_replaced(
    cli: InProcessDesk, tmp_path: Path
) -> None:
    _add(cli, "Old")
    good = tmp_path / "good.sqlite3"
    assert cli("db", "backup", str(good)).code == 0
    _add(cli, "New")
    cut_off = tmp_path / "cut-off.sqlite3"
    cut_off.write_bytes(good.read_bytes()[:8192])
    foreign = tmp_path / "foreign.sqlite3"
    with closing(sqlite3.connect(foreign)) as conn:
        conn.execute("CREATE TABLE recipes (name TEXT)")
    for spoiled, words in (
        (cut_off, "is damaged (it failed the integrity check)"),
        (foreign, "is a database, but not one of Salon Desk"),
        (tmp_path / "notes.txt", "does not exist"),
    ):
        run = cli("db", "restore", str(spoiled))
        assert run.code == EXIT_USER_ERROR, str(run)
        assert words in run.stderr and "Nothing was replaced." in run.stderr, run.stderr
        assert _names(cli) == ["New", "Old"]
    assert not list(tmp_path.glob("**/*before-restore*"))  # refused before the safety copy
    german = cli("db", "restore", str(cut_off), language="de")
    assert "Es wurde nichts ersetzt." in german.stderr, german.stderr
    assert json.loads(cli("customers", "search", "data", "--json").stdout)


@pytest.mark.parametrize("backend", ["sqlite"])
def test_another_databases_backup_needs_the_owner_to_say_so(
    cli: InProcessDesk, tmp_path: Path
) -> None:
    ours = Path(cli("db", "backup", "--json").json()["backup"])
    theirs = tmp_path / "other-salon.sqlite3"
    with closing(sqlite3.connect(ours)) as source, closing(sqlite3.connect(theirs)) as copy:
        source.backup(copy)
        copy.execute("UPDATE settings SET value = '0123456789ab' WHERE key = 'database_id'")
        copy.execute("INSERT INTO settings VALUES ('salon_name', 'Salon Süd')")
        copy.commit()
    refused = cli("db", "restore", str(theirs))
    assert refused.code == EXIT_USER_ERROR
    assert "another database (salon “Salon Süd”)" in refused.stderr
    assert "--other-database" in refused.stderr and "Nothing was replaced." in refused.stderr
    restored = cli("db", "restore", str(theirs), "--other-database", "--json").json()
    assert restored["restored"] == str(theirs)
