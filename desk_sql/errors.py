"""Database failures a user can do something about, told apart from bugs."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

# SQLAlchemy's exceptions are imported where they are caught: StorageError is re-exported
# to the command line's parser and the texts, which must not pull in all of SQLAlchemy.


class StorageError(Exception):
    """The database is unavailable or unusable. ``kind``: locked, disk_full, corrupt,
    read_only, unreachable, bad_url (the configured address is not one of a database)."""

    def __init__(self, kind: str, detail: str = "") -> None:
        super().__init__(kind, detail)
        self.kind = kind
        self.detail = detail


_MARKERS = (
    (
        "locked",
        (
            "database is locked",
            "database table is locked",
            "lock timeout",
            # PostgreSQL ended one of two transactions that waited for each other: the
            # other PC's work went through, this one was rolled back whole and can be
            # done again.
            "deadlock detected",
            "could not serialize access",
        ),
    ),
    ("disk_full", ("disk is full", "database or disk is full", "no space left")),
    ("corrupt", ("malformed", "not a database", "file is encrypted")),
    ("read_only", ("readonly database", "read-only", "permission denied")),
    (
        "unreachable",
        (
            "unable to open database",
            "connection refused",
            "could not connect",
            "connection failed",
            "server closed the connection",
            "timeout expired",
        ),
    ),
)


def classify(exc: BaseException) -> StorageError | None:
    """A StorageError for known environmental failures; None means: treat it as a bug."""
    from sqlalchemy.exc import DatabaseError, InterfaceError, OperationalError

    if not isinstance(exc, OperationalError | InterfaceError | DatabaseError):
        return None
    message = str(getattr(exc, "orig", exc)).lower()
    for kind, markers in _MARKERS:
        if any(marker in message for marker in markers):
            return StorageError(kind, str(getattr(exc, "orig", exc)).strip().splitlines()[0])
    return None


@contextmanager
def known_storage_errors() -> Iterator[None]:
    from sqlalchemy.exc import ArgumentError, DatabaseError, InterfaceError, OperationalError

    try:
        yield
    except ArgumentError as exc:  # a mistyped address (also an unknown kind of database)
        raise StorageError("bad_url", str(exc).strip().splitlines()[0]) from exc
    except (OperationalError, InterfaceError, DatabaseError) as exc:
        known = classify(exc)
        if known is None:
            raise
        raise known from exc
