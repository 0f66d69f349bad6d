"""Files only the salon's own user may read: backups, exports, evidence (issue 8, 6).

They hold customers' personal data, so they are created with mode 0600 whatever the
umask says, and an existing file that is overwritten is narrowed to 0600 as well. On
Windows the mode is ignored (files there inherit the folder's access rules).

Plain Python; the standard library only.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

PRIVATE_MODE = 0o600


def create_private(path: Path | str) -> None:
    """Make sure ``path`` exists as a file with mode 0600 (empty if it was new); for
    writers that open the file themselves (Qt's PDF writer, SQLite)."""
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT, PRIVATE_MODE)
    try:
        if hasattr(os, "fchmod"):
            os.fchmod(descriptor, PRIVATE_MODE)
    finally:
        os.close(descriptor)


@contextlib.contextmanager
def open_private(path: Path | str, mode: str = "w", **kwargs: Any) -> Iterator[IO[Any]]:
    """``open(path, mode, **kwargs)`` for writing, the file created (or narrowed) 0600."""
    if not mode.startswith("w"):
        raise ValueError("open_private is for writing ('w' or 'wb')")
    flags = os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_BINARY", 0)
    descriptor = os.open(path, flags, PRIVATE_MODE)
    if hasattr(os, "fchmod"):
        os.fchmod(descriptor, PRIVATE_MODE)
    with os.fdopen(descriptor, mode, **kwargs) as handle:
        yield handle


def write_private_text(path: Path | str, text: str, encoding: str = "utf-8") -> None:
    with open_private(path, "w", encoding=encoding) as handle:
        handle.write(text)
