"""Transaction-scoped locks that serialise writers on one key (e.g. one staff member).

PostgreSQL: ``pg_advisory_xact_lock``, released at commit or rollback. Without it, two
counter PCs inserting overlapping appointments at the same moment both wait on each
other's uncommitted row while checking the exclusion constraint, and PostgreSQL aborts
one of them with "deadlock detected" instead of letting it see the clash.

SQLite: a write transaction (``BEGIN IMMEDIATE``) already excludes every other writer;
the lock only makes sure that transaction has begun.
"""

from __future__ import annotations

import zlib

from sqlalchemy import func, select
from sqlalchemy.orm import Session


def lock_keys(session: Session, namespace: str, *keys: int) -> None:
    """Block until this transaction holds the lock for every ``(namespace, key)``.

    Keys are taken in ascending order so two transactions locking the same set never
    wait on each other crosswise.
    """
    if session.get_bind().dialect.name != "postgresql":
        # Sessions begin lazily: make sure the exclusive write transaction has started.
        session.connection()
        return
    space = _namespace_id(namespace)
    for key in sorted(set(keys)):
        session.execute(select(func.pg_advisory_xact_lock(space, key)))


def _namespace_id(namespace: str) -> int:
    # A stable signed 32-bit number for the two-key form of the advisory lock.
    value = zlib.crc32(namespace.encode())
    return value - (1 << 32) if value >= (1 << 31) else value
