"""What a start imports: every test and every counter PC starts ``desk-app`` many times,
and what only some commands need (Alembic, psycopg, the keyring, requests) is imported
when it is used, not by every start."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
OPTIONAL = ("alembic", "psycopg", "keyring", "requests")

_PROBE = """
import json, sys
from desk_app.cli import main
main.build_parser()
parser = set(sys.modules)
from desk_app.bootstrap import open_services
services = open_services(sys.argv[1])
services.catalogue.salon_settings()
services.db.dispose()
print(json.dumps({"parser": sorted(parser), "command": sorted(sys.modules)}))
"""


def _top_level(modules: list[str]) -> set[str]:
    return {name.split(".")[0] for name in modules}


def test_help_and_a_command_on_a_current_sqlite_file_import_only_what_they_use(
    tmp_path: Path,
) -> None:
    path = tmp_path / "salon.sqlite3"
    first = subprocess.run(  # creates and migrates the file: Alembic is needed here
        [sys.executable, "-c", _PROBE, f"sqlite:///{path}"],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
    )
    assert "alembic" in _top_level(json.loads(first.stdout)["command"])
    again = subprocess.run(
        [sys.executable, "-c", _PROBE, f"sqlite:///{path}"],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
    )
    imported = json.loads(again.stdout)
    assert not _top_level(imported["parser"]) & {"sqlalchemy", *OPTIONAL}
    assert not _top_level(imported["command"]) & set(OPTIONAL)
