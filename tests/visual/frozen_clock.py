"""A fixed "now" for pictures that must come out the same on every run: the demo salon's
bookings, the calendar's day and its time line, "today" in every date field.

The app reads the time with ``datetime.now(…)`` in many modules (``from datetime import
datetime``). Freezing replaces that name, in every module of ours already imported, by a
subclass whose ``now`` answers the fixed moment; the instances it hands out are plain
datetimes. ``isinstance(x, datetime)`` in a frozen module still holds for every datetime
(the metaclass answers for the real class). Import the modules first
(``import_everything``): a module imported later keeps the real clock. Qt's own clock
(``QDate.currentDate()``, ``QDateTime.currentDateTime()``) is not frozen: the app must not
use it for what it shows (it uses none today); a widget that does would make the
visual check fail the next day.
"""

from __future__ import annotations

import importlib
import pkgutil
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, tzinfo
from typing import Any

# A Wednesday morning in Berlin (10:40), inside opening hours: the current-time line is
# on the day's grid, the week around it is busy.
FROZEN_AT = datetime(2026, 11, 25, 9, 40, tzinfo=UTC)
# Our packages; modules of others (SQLAlchemy, the standard library) keep the real class.
PACKAGES = ("desk_app", "desk_gateway", "desk_sql", "tests.visual", "scripts")
_REAL_DATETIME = datetime  # this module is left as it is


class _FrozenMeta(type):
    def __instancecheck__(cls, instance: object) -> bool:
        return isinstance(instance, _REAL_DATETIME)

    def __subclasscheck__(cls, subclass: type) -> bool:
        return issubclass(subclass, _REAL_DATETIME)


def frozen_datetime(moment: datetime) -> type[datetime]:
    """``datetime`` whose ``now``/``utcnow``/``today`` answer ``moment``."""

    class FrozenDatetime(_REAL_DATETIME, metaclass=_FrozenMeta):
        @classmethod
        def now(cls, tz: tzinfo | None = None) -> datetime:  # type: ignore[override]
            if tz is None:
                return moment.astimezone().replace(tzinfo=None)
            return moment.astimezone(tz)

        @classmethod
        def utcnow(cls) -> datetime:  # type: ignore[override]
            return moment.astimezone(UTC).replace(tzinfo=None)

        @classmethod
        def today(cls) -> datetime:  # type: ignore[override]
            return cls.now()

    return FrozenDatetime


def import_everything(package: str = "desk_app") -> None:
    """Every module of ``package`` imported (but the migration scripts, which Alembic
    loads from files, and ``__main__``, which runs the app), so freezing reaches them all."""
    root = importlib.import_module(package)
    for module in pkgutil.walk_packages(root.__path__, f"{package}."):
        if ".migrations" not in module.name and not module.name.endswith("__main__"):
            importlib.import_module(module.name)


@contextmanager
def frozen_clock(moment: datetime = FROZEN_AT) -> Iterator[datetime]:
    """``datetime.now`` in our modules answers ``moment`` inside the block."""
    frozen = frozen_datetime(moment)
    replaced: list[tuple[Any, str]] = []
    for name, module in list(sys.modules.items()):
        if module is None or name == __name__ or not name.startswith(PACKAGES):
            continue
        for attribute, value in list(vars(module).items()):
            if value is _REAL_DATETIME:
                setattr(module, attribute, frozen)
                replaced.append((module, attribute))
    try:
        yield moment
    finally:
        for module, attribute in replaced:
            setattr(module, attribute, _REAL_DATETIME)
