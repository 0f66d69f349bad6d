"""A moment as the salon's wall-clock time in Qt's own type, ready for ``QLocale`` to format.

PySide6 would convert a Python ``datetime`` by itself, but its stubs accept only
``QDateTime``; spelling the conversion out once keeps every format call typed and gives
the same value (local time spec, milliseconds kept).
"""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from PySide6.QtCore import QDate, QDateTime, QTime


def wall_clock(at: datetime, time_zone: str) -> QDateTime:
    """``at`` (aware) as read on a clock in ``time_zone``."""
    local = at.astimezone(ZoneInfo(time_zone))
    return QDateTime(
        QDate(local.year, local.month, local.day),
        QTime(local.hour, local.minute, local.second, local.microsecond // 1000),
    )
