"""How many rows an UPDATE or DELETE touched, typed.

``Session.execute`` is typed to return ``Result``; for DML it is a ``CursorResult``,
which alone knows ``rowcount``.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import CursorResult, Result


def affected_rows(result: Result[Any]) -> int:
    """The row count of an executed UPDATE or DELETE (0 if the driver cannot tell)."""
    if not isinstance(result, CursorResult):
        raise TypeError(f"not the result of a DML statement: {type(result).__name__}")
    return int(result.rowcount or 0)
