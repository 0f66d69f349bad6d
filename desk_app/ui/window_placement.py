"""Where the main window opens: where it was last time on this PC, if that is still
wholly on a screen; else at a sensible size (``SHARE`` of the screen's free area, at least
the window's minimum) centred on the primary screen, never wider or taller than the
screen. A monitor unplugged since must not leave the window out of sight.

The place is kept as plain numbers (``x,y,width,height,maximised``) in this PC's
preferences, so that the check above can be made before the window is shown.

May import: PySide6.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QRect, QSize
from PySide6.QtGui import QGuiApplication

SHARE = 0.85  # of the screen's free area: the window is the app, but the desktop shows


@dataclass(frozen=True)
class Placement:
    rect: QRect  # the window's inside (without the frame), in desktop coordinates
    maximised: bool = False

    def to_text(self) -> str:
        r = self.rect
        return f"{r.x()},{r.y()},{r.width()},{r.height()},{int(self.maximised)}"

    @classmethod
    def from_text(cls, text: str) -> Placement | None:
        try:
            x, y, width, height, maximised = (int(part) for part in text.split(","))
        except ValueError:
            return None  # nothing kept yet, or written by something else
        if width <= 0 or height <= 0:
            return None
        return cls(QRect(x, y, width, height), bool(maximised))


def place(
    saved: Placement | None, screens: Sequence[QRect], primary: QRect, minimum: QSize
) -> Placement:
    """The placement to open with: ``saved`` if it lies within one of ``screens`` (their
    free areas), else the default on ``primary`` (a free area too)."""
    if saved is not None and any(area.contains(saved.rect) for area in screens):
        return saved
    return Placement(default_rect(primary, minimum), saved.maximised if saved else False)


def default_rect(area: QRect, minimum: QSize) -> QRect:
    """``SHARE`` of ``area``, at least ``minimum`` and at most ``area`` (a screen smaller
    than the minimum gets the minimum from its top left corner), centred."""
    width = min(max(round(area.width() * SHARE), minimum.width()), area.width())
    height = min(max(round(area.height() * SHARE), minimum.height()), area.height())
    width, height = max(width, minimum.width()), max(height, minimum.height())
    rect = QRect(0, 0, width, height)
    rect.moveCenter(area.center())
    rect.moveLeft(max(rect.left(), area.left()))
    rect.moveTop(max(rect.top(), area.top()))
    return rect


def screen_areas() -> tuple[list[QRect], QRect]:
    """The free areas (without task bars) of every screen, and the primary screen's."""
    screens = QGuiApplication.screens()
    primary = QGuiApplication.primaryScreen()
    areas = [screen.availableGeometry() for screen in screens]
    return areas, primary.availableGeometry() if primary is not None else QRect(0, 0, 1024, 640)
