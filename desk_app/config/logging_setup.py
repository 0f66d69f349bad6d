"""Logging to a rotating file in the user data directory (and warnings to stderr).

Logs must never contain phone numbers, email addresses or tokens: the engine hides SQL
parameters, and code logs ids and refs, never contact data.
"""

from __future__ import annotations

import logging
import sys
from logging.handlers import RotatingFileHandler
from pathlib import Path

from desk_app.config.paths import data_dir

FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
# Once per process: the window and the command line both call configure_logging, and a
# second call must not add a second pair of handlers.
_configured = False


class _Brief(logging.Formatter):
    """One line per record on the console; tracebacks go to the file only."""

    def format(self, record: logging.LogRecord) -> str:
        return f"{record.levelname} {record.name}: {record.getMessage()}"


def log_file() -> Path:
    directory = data_dir() / "logs"
    directory.mkdir(parents=True, exist_ok=True)
    return directory / "desk-app.log"


def configure_logging(console_level: int = logging.WARNING) -> Path | None:
    """Route all logging to the log file; only warnings and worse to the console."""
    global _configured
    if _configured:
        return None
    root = logging.getLogger()
    root.setLevel(logging.INFO)
    console = logging.StreamHandler(sys.stderr)
    console.setLevel(console_level)
    console.setFormatter(_Brief())
    root.addHandler(console)
    path: Path | None = None
    try:
        path = log_file()
        handler = RotatingFileHandler(path, maxBytes=2_000_000, backupCount=5, encoding="utf-8")
        handler.setFormatter(logging.Formatter(FORMAT))
        root.addHandler(handler)
    except OSError:
        logging.getLogger(__name__).warning("cannot write the log file; logging to stderr only")
    # urllib3 logs request lines, whose paths can carry customer refs, at DEBUG.
    logging.getLogger("urllib3").setLevel(logging.WARNING)
    _configured = True
    return path
