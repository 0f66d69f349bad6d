"""``desk-app`` run in the test's own process: ``desk_app.app.main(argv)`` with its
stdin, environment and language set, its stdout and stderr captured.

The real parser, the real ``execute`` and a real database, without a fresh interpreter
per call (half a second each). What belongs to the process, not to a command, is kept
out of the test: the QApplication is pytest-qt's (``qapp``), and the log handlers are
not added (they would hold on to pytest's captured streams after the test).
"""

from __future__ import annotations

import io
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from PySide6.QtWidgets import QApplication

from desk_app.app import main
from desk_app.config import logging_setup
from tests.cli.test_cli import Run


class FakeTerminal(io.StringIO):
    """A stdin that is a terminal: the PIN must then come through getpass."""

    def isatty(self) -> bool:
        return True


@dataclass
class InProcessDesk:
    """``desk-app --database URL ...``, in-process."""

    database: str
    monkeypatch: pytest.MonkeyPatch
    capsys: pytest.CaptureFixture[str]

    def __call__(
        self,
        *args: str,
        stdin: str | io.StringIO = "",
        env: dict[str, str] | None = None,
        language: str = "en",
    ) -> Run:
        with self.monkeypatch.context() as patch:
            patch.setattr(
                sys, "stdin", stdin if isinstance(stdin, io.StringIO) else io.StringIO(stdin)
            )
            patch.setenv("DESK_APP_LANGUAGE", language)
            patch.delenv("DESK_APP_TOKEN", raising=False)
            for key, value in (env or {}).items():
                patch.setenv(key, value)
            self.capsys.readouterr()  # what came before is not this command's
            code = main(["--database", self.database, *args])
            captured = self.capsys.readouterr()
        return Run(tuple(args), code, captured.out, captured.err)


@pytest.fixture
def cli(
    qapp: QApplication,
    database_url: str,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    tmp_path: Any,
) -> Iterator[InProcessDesk]:
    del qapp  # created first: ``execute`` then uses it instead of a QCoreApplication
    monkeypatch.setattr(logging_setup, "_configured", True)
    for variable in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME"):
        monkeypatch.setenv(variable, str(tmp_path / "home" / variable.lower()))
    yield InProcessDesk(database_url, monkeypatch, capsys)
