"""Helpers of the window tests: a UiContext on a test database, mouse and key input."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import time
from pathlib import Path

import shiboken6
from PySide6.QtCore import QEvent, QPoint, QPointF, QSettings, Qt
from PySide6.QtGui import QKeyEvent, QMouseEvent
from PySide6.QtWidgets import QApplication, QWidget

from desk_app.services.catalogue import default_week
from desk_app.services.container import Services
from desk_app.ui.context import UiContext
from desk_app.ui.tasks import TaskRunner

ZONE = "Europe/Berlin"


@contextmanager
def ui_context(services: Services, tmp_path: Path, alive: list[object]) -> Iterator[UiContext]:
    """A UiContext; the widgets in ``alive`` are released only after the runners stopped.

    TaskRunner's futures keep the done-callbacks (bound methods of widgets) until the
    worker thread drops its work item. Should that be the last reference, a parentless
    widget would be destroyed on the worker thread, which crashes Qt. Holding the widgets
    until the worker has finished keeps every release on the GUI thread.
    """
    db, gateway = TaskRunner("db"), TaskRunner("gateway")  # named as the window names them
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    try:
        # What the window hands its screens: the services without the Database.
        yield UiContext(services.use_cases(), db, gateway, settings, ZONE)
    finally:
        for widget in alive:
            if isinstance(widget, QWidget) and shiboken6.isValid(widget):
                widget.close()  # no timer may submit work to a stopped runner
        db.shutdown()
        gateway.shutdown()
        alive.clear()
        # Widgets pytest-qt closed (deleteLater) die now, and those caught in reference
        # cycles (slots that close over their widget) are collected now, on the GUI thread:
        # a collection that happens to run on a later test's worker thread would destroy
        # them there.
        QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        gc.collect()


def open_weekdays(services: Services) -> None:
    services.catalogue.set_opening_hours(default_week(time(9, 0), time(18, 0)))


def _mouse(
    widget: QWidget,
    kind: QEvent.Type,
    pos: QPoint,
    button: Qt.MouseButton,
    buttons: Qt.MouseButton,
) -> None:
    # Sent straight to the widget: QTest.mouseMove goes through the window, where a point
    # scrolled out of the viewport would reach another widget.
    event = QMouseEvent(
        kind,
        QPointF(pos),
        QPointF(widget.mapToGlobal(pos)),
        button,
        buttons,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(widget, event)


def drag(widget: QWidget, start: QPoint, end: QPoint, steps: int = 6) -> None:
    left = Qt.MouseButton.LeftButton
    _mouse(widget, QEvent.Type.MouseButtonPress, start, left, left)
    for step in range(1, steps + 1):
        point = start + (end - start) * (step / steps)
        _mouse(widget, QEvent.Type.MouseMove, point, Qt.MouseButton.NoButton, left)
    _mouse(widget, QEvent.Type.MouseButtonRelease, end, left, Qt.MouseButton.NoButton)


def double_click(widget: QWidget, pos: QPoint) -> None:
    left, none = Qt.MouseButton.LeftButton, Qt.MouseButton.NoButton
    _mouse(widget, QEvent.Type.MouseButtonPress, pos, left, left)
    _mouse(widget, QEvent.Type.MouseButtonRelease, pos, left, none)
    _mouse(widget, QEvent.Type.MouseButtonDblClick, pos, left, left)
    _mouse(widget, QEvent.Type.MouseButtonRelease, pos, left, none)


def type_text(widget: QWidget, text: str) -> None:
    """Type any text, umlauts included (qtbot.keyClicks aborts on non-ASCII)."""
    for char in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            event = QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, char)
            QApplication.sendEvent(widget, event)


def press(widget: QWidget, key: Qt.Key) -> None:
    for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
        QApplication.sendEvent(widget, QKeyEvent(kind, key, Qt.KeyboardModifier.NoModifier))


# This checkout's translations: an editable install may map the package
# ``desk_app.resources`` to another checkout, whose .qm lacks this one's new strings.
CHECKOUT_TRANSLATIONS = Path(__file__).resolve().parents[2] / "resources" / "translations"


def install_checkout_english(app: QApplication) -> None:
    """English with real plural forms, from this checkout's .qm files."""
    from desk_app.texts import i18n

    i18n.install_translators(app, "en", CHECKOUT_TRANSLATIONS)
