"""A fixed "now" for pictures that must come out the same on every run: the demo salon's
bookings, the calendar's day and its time line, "today" in every date field.

The app reads the time with ``datetime.now(…)`` in many modules (``from datetime import
datetime``). Freezing replaces that name, in every module of ours already imported, by a
subclass whose ``now`` answers the fixed moment; the instances it hands out are plain
datetimes. ``isinstance(x, datetime)`` in a frozen module still holds for every datetime
(the metaclass answers for the real class). A module of ours imported inside the block
is frozen as soon as it has run (a finder on ``sys.meta_path``). Qt's own clock
(``QDate.currentDate()``, ``QDateTime.currentDateTime()``) is not frozen: the app must not
use it for what it shows (it uses none today); a widget that does would make the
visual check fail the next day.
"""

from __future__ import annotations

import importlib.abc
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime, tzinfo
from importlib.machinery import ModuleSpec
from types import ModuleType
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


class _Freezer(importlib.abc.MetaPathFinder):
    """Replaces ``datetime`` in our modules: those imported already, and each one
    imported later (a screen's module is often imported when it first opens) right after
    it has run, through this finder on ``sys.meta_path``."""

    def __init__(self, frozen: type[datetime]) -> None:
        self.frozen = frozen
        self.replaced: list[tuple[ModuleType, str]] = []

    def freeze(self, module: ModuleType) -> None:
        if module.__name__ == __name__ or not module.__name__.startswith(PACKAGES):
            return
        for attribute, value in list(vars(module).items()):
            if value is _REAL_DATETIME:
                setattr(module, attribute, self.frozen)
                self.replaced.append((module, attribute))

    def find_spec(
        self, name: str, path: Sequence[str] | None, target: ModuleType | None = None
    ) -> ModuleSpec | None:
        if not name.startswith(PACKAGES):
            return None
        for finder in sys.meta_path:
            find = getattr(finder, "find_spec", None)
            if finder is self or find is None:
                continue
            spec = find(name, path, target)
            if spec is not None:
                if spec.loader is not None and hasattr(spec.loader, "exec_module"):
                    spec.loader = _FreezingLoader(spec.loader, self)
                return spec  # type: ignore[no-any-return]
        return None

    def thaw(self) -> None:
        for module, attribute in self.replaced:
            setattr(module, attribute, _REAL_DATETIME)


class _FreezingLoader(importlib.abc.Loader):
    """The module's own loader, and the freezer once the module has run."""

    def __init__(self, loader: Any, freezer: _Freezer) -> None:
        self._loader = loader
        self._freezer = freezer

    def create_module(self, spec: ModuleSpec) -> ModuleType | None:
        return self._loader.create_module(spec)  # type: ignore[no-any-return]

    def exec_module(self, module: ModuleType) -> None:
        self._loader.exec_module(module)
        self._freezer.freeze(module)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._loader, name)  # resources, get_data, is_package …


@contextmanager
def frozen_clock(moment: datetime = FROZEN_AT) -> Iterator[datetime]:
    """``datetime.now`` in our modules answers ``moment`` inside the block."""
    freezer = _Freezer(frozen_datetime(moment))
    for module in list(sys.modules.values()):
        if isinstance(module, ModuleType):
            freezer.freeze(module)
    sys.meta_path.insert(0, freezer)
    try:
        yield moment
    finally:
        sys.meta_path.remove(freezer)
        freezer.thaw()
