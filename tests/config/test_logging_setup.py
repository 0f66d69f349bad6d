"""Logging is set up once per process, in a fresh interpreter (it changes the root logger,
which the test process must keep as it is)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

TWICE = """
import logging
from desk_app.config.logging_setup import configure_logging
first = configure_logging()
second = configure_logging()
print(first)
print(second)
print(len(logging.getLogger().handlers))
"""


def test_a_second_call_adds_no_second_pair_of_handlers(tmp_path: Path) -> None:
    # platformdirs puts the data directory (and so the log file) under XDG_DATA_HOME.
    environ = {**os.environ, "XDG_DATA_HOME": str(tmp_path)}
    result = subprocess.run(
        [sys.executable, "-c", TWICE],
        env=environ,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )

    first, second, handlers = result.stdout.splitlines()
    assert Path(first).is_relative_to(tmp_path)
    assert Path(first).name == "desk-app.log"
    assert second == "None"
    assert handlers == "2"  # the console and the file, once
