"""The import contracts in pyproject.toml catch what they are written for.

Each case adds one forbidden import to a scratch copy of the source tree and expects
``lint-imports`` to name the contract it breaks; unchanged, the copy keeps every contract.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
LINT_IMPORTS = Path(sys.executable).parent / "lint-imports"

HEADLESS = "The command line is headless: no widgets, no window"
QT_CORE_ONLY = "Command line, texts and composition use QtCore only"
LAYERS = "Layers: app -> cli | desktop -> bootstrap -> ui -> texts"
SERVICES_ONLY = "ui and texts talk to services only"
PURE_DOMAIN = "Domain is pure"
PARSING_ONLY = "Domain uses urllib for parsing only"
NO_GATEWAY_SERVICE = "Only the demo gateway runs the gateway service in-process"
PLAIN_BACKGROUND = "What runs beside the window is plain Python"
PURE_SAMPLES = "Sample data is made, not stored"

HOLES = [
    ("desk_app/cli/output.py", "from PySide6.QtWidgets import QApplication", QT_CORE_ONLY),
    ("desk_app/texts/i18n.py", "from PySide6 import QtGui", QT_CORE_ONLY),
    ("desk_app/bootstrap.py", "import PySide6.QtWidgets", QT_CORE_ONLY),
    ("desk_app/cli/staff.py", "from desk_app.ui import tasks", HEADLESS),
    ("desk_app/cli/staff.py", "from desk_app.desktop import gui", HEADLESS),
    ("desk_app/texts/error_text.py", "from desk_app.ui import tasks", LAYERS),
    ("desk_app/texts/error_text.py", "import sqlalchemy", SERVICES_ONLY),
    ("desk_app/ui/tasks.py", "from desk_app import bootstrap", LAYERS),
    # I/O has no place in the pure rules, whichever library would do it.
    ("desk_app/domain/contact.py", "import sqlite3", PURE_DOMAIN),
    ("desk_app/domain/contact.py", "import os", PURE_DOMAIN),
    ("desk_app/domain/contact.py", "import httpx", PURE_DOMAIN),
    ("desk_app/domain/contact.py", "from http.client import HTTPConnection", PURE_DOMAIN),
    ("desk_app/domain/contact.py", "import desk_sql.locks", PURE_DOMAIN),
    ("desk_app/domain/web_address.py", "from urllib.request import urlopen", PARSING_ONLY),
    ("desk_app/domain/web_address.py", "import urllib.error", PARSING_ONLY),
    # Widgets and words reach storage and the gateway only through services.
    ("desk_app/ui/tasks.py", "import desk_sql.upsert", SERVICES_ONLY),
    ("desk_app/ui/tasks.py", "from desk_gateway import tokens", SERVICES_ONLY),
    ("desk_app/texts/i18n.py", "import sqlite3", SERVICES_ONLY),
    ("desk_app/services/outbox.py", "from desk_gateway import tokens", NO_GATEWAY_SERVICE),
    ("desk_app/cli/staff.py", "import desk_gateway.server", NO_GATEWAY_SERVICE),
    ("desk_app/desktop/background_sync.py", "from PySide6.QtCore import QThread", PLAIN_BACKGROUND),
    ("desk_app/desktop/background_automations.py", "import PySide6", PLAIN_BACKGROUND),
    ("desk_app/cli/output.py", "from PySide6 import QtCore, QtWidgets", QT_CORE_ONLY),
    ("desk_app/services/sample_data/values.py", "import sqlalchemy", PURE_SAMPLES),
]

pytestmark = pytest.mark.skipif(not LINT_IMPORTS.exists(), reason="import-linter not installed")


def scratch_copy(target: Path) -> Path:
    for package in ("desk_app", "desk_gateway", "desk_sql", "tests/support"):
        shutil.copytree(
            ROOT / package, target / package, ignore=shutil.ignore_patterns("__pycache__")
        )
    (target / "tests" / "__init__.py").write_text("")
    shutil.copy(ROOT / "pyproject.toml", target)
    return target


def lint_imports(root: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(root), "COLUMNS": "200"}
    return subprocess.run(
        [str(LINT_IMPORTS), "--no-cache"],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def test_the_unchanged_tree_keeps_every_contract(tmp_path: Path) -> None:
    result = lint_imports(scratch_copy(tmp_path))
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize(("module", "line", "contract"), HOLES)
def test_a_forbidden_import_breaks_its_contract(
    tmp_path: Path, module: str, line: str, contract: str
) -> None:
    root = scratch_copy(tmp_path)
    with (root / module).open("a", encoding="utf-8") as file:
        file.write(f"\n{line}  # noqa\n")
    result = lint_imports(root)
    assert result.returncode != 0, result.stdout
    # One line per contract (COLUMNS keeps the long names unwrapped): "<name> BROKEN".
    assert re.search(rf"^{re.escape(contract)}.* BROKEN$", result.stdout, re.M), result.stdout
