"""Noticing that nobody has used the counter for a while (issue 12: the window locks after
``idle_lock_minutes`` without keyboard or mouse input).

An application-wide event filter notes the time of the last input; a single-shot timer
looks when the limit could have passed and either reports ``idled`` or waits the rest.
Noting a time per event (mouse moves come by the hundred) is cheaper than restarting a
timer per event. The clock and the timer are injected, so a test moves the clock and
fires the timer instead of sleeping.

One filter for the window's needs: it also reports each key press (``key_pressed``),
so the lock's key is found in dialogs without a second filter on every event.

Signals:
    idled(): no input for the whole limit; the watch pauses until ``resume``.
    key_pressed(object, object): a key was pressed (the receiving widget, the event).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Protocol

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QTimer, Signal, SignalInstance

_INPUT = frozenset(
    {
        QEvent.Type.KeyPress,
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseMove,
        QEvent.Type.Wheel,
        QEvent.Type.TouchBegin,
        QEvent.Type.TabletPress,
    }
)


class Countdown(Protocol):
    """What the watch needs of a timer (a single-shot ``QTimer`` has it)."""

    @property
    def timeout(self) -> SignalInstance: ...

    def start(self, msec: int) -> None: ...

    def stop(self) -> None: ...


class IdleWatch(QObject):
    idled = Signal()
    key_pressed = Signal(object, object)

    def __init__(
        self,
        parent: QObject,
        clock: Callable[[], float] = time.monotonic,
        countdown: Countdown | None = None,
    ) -> None:
        super().__init__(parent)
        self._clock = clock
        if countdown is None:
            timer = QTimer(self)
            timer.setSingleShot(True)
            countdown = timer
        self._countdown = countdown
        self._countdown.timeout.connect(self._on_countdown_timeout)
        self._limit = 0.0  # seconds; 0: not watching
        self._minutes: float | None = None  # the limit to watch for; None: never
        self._last_input = clock()
        self._filtering = False

    def set_minutes(self, minutes: float | None) -> None:
        """The limit (None: never idle); a watch already running starts over with it.

        The filter sees every event of the application (some 3,000 while a section is
        built), so it is installed only while there is a limit, i.e. while the salon
        signs in personally: without, it would cost every window work for nothing."""
        self._minutes = minutes
        self._filter(bool(minutes))
        if not minutes:
            self.pause()
        elif self._limit:
            self.resume()

    def _filter(self, on: bool) -> None:
        app = QCoreApplication.instance()
        if app is None or on == self._filtering:
            return
        if on:
            app.installEventFilter(self)
        else:
            app.removeEventFilter(self)
        self._filtering = on

    def resume(self) -> None:
        """Watch from now (unlocked, or signed in)."""
        if not self._minutes:
            return
        self._limit = self._minutes * 60
        self._last_input = self._clock()
        self._countdown.start(int(self._limit * 1000))

    def pause(self) -> None:
        """Stop watching (locked already)."""
        self._limit = 0.0
        self._countdown.stop()

    def watching(self) -> bool:
        return self._limit > 0

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind in _INPUT:
            self._last_input = self._clock()
            if kind == QEvent.Type.KeyPress:
                self.key_pressed.emit(watched, event)  # direct: the event is still alive
        return False  # only noted, never taken

    def _on_countdown_timeout(self) -> None:
        if not self._limit:
            return
        idle = self._clock() - self._last_input
        if idle >= self._limit:
            self.pause()
            self.idled.emit()
        else:  # there was input meanwhile: look again when the limit could have passed
            self._countdown.start(max(1, int((self._limit - idle) * 1000)))
