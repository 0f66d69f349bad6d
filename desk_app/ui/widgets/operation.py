"""Background requests of a widget, one line each: success, failure, busy, stale answers.

In the spirit of Anki's ``CollectionOp``: a widget declares each *kind* of request it
makes once (search customers, check the slot, save the booking) and then runs it as
often as it likes::

    self._search = Operation(self, ctx.db_tasks, failed=self._show_error_text)
    ...
    self._search.run(lambda: customers.search(text), self._on_search_done)

- **Stale answers are dropped**: a newer run of the same operation supersedes the older
  one, whose answer (result or error) is never delivered; ``drop()`` forgets the one on
  the way (e.g. the customer was picked while a search still ran). Answers for a widget
  that is gone are dropped by the ``TaskRunner`` (the owner is deleted).
- **Failure** arrives as the user's text (``failed``, via ``error_text.describe``) or, when
  the widget must look at it, as the exception (``error``). With neither, the runner's
  ``failed`` signal reports it, as for any task without an error handler.
- **Busy**: ``busy()`` is True while a run is on the way, ``busy_changed`` hears about it.
  An ``exclusive`` operation (a write) refuses a second run meanwhile instead of
  superseding it, and a ``GuardedDialog`` cannot be cancelled while its guarded
  operations are busy: the result the caller sees must be the one the database got.
- **Questions, not orders**: with ``skip_outdated`` the worker does not even start a run
  that was superseded while it waited in the queue (typing fast asks the database once).
  Never for writes: a superseded write must still happen.
- **Progress**: ``run_with_progress`` hands the work a ``report(*values)`` function it may
  call on the worker; the values reach ``progressed`` on the GUI thread, in order, and
  only while the run is current and its widget alive.

The work runs on the runner's thread: it should capture plain values and services, not
widgets (see ``TaskRunner.submit``). Callbacks run on the GUI thread; bound methods are
held weakly (a late answer must not keep a closed widget alive), so pass the widget's
methods rather than lambdas that capture it.

May import: Qt, ``desk_app.ui.tasks``, ``desk_app.texts`` (no services).
"""

from __future__ import annotations

import inspect
import weakref
from collections.abc import Callable
from typing import Any, TypeVar

import shiboken6
from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QDialog, QWidget

from desk_app.texts import error_text
from desk_app.ui.tasks import TaskRunner

T = TypeVar("T")
Report = Callable[..., None]
_SKIPPED = object()  # the answer of a run the worker did not start (never delivered)


def _weak(callback: Callable[..., None] | None) -> Callable[..., None] | None:
    """``callback``, holding a bound method weakly: once its object is gone, a no-op."""
    if callback is None or not inspect.ismethod(callback):
        return callback
    method = weakref.WeakMethod(callback)

    def call(*args: object) -> None:
        bound = method()
        if bound is not None:
            bound(*args)

    return call


class Operation:
    """One kind of background request of one widget (see the module docstring)."""

    def __init__(
        self,
        owner: QObject,
        runner: TaskRunner,
        *,
        failed: Callable[[str], None] | None = None,
        error: Callable[[BaseException], None] | None = None,
        time_zone: str | None = None,
        busy_changed: Callable[[bool], None] | None = None,
        exclusive: bool = False,
        skip_outdated: bool = False,
    ) -> None:
        if failed is not None and error is not None:
            raise ValueError("give failed (the text) or error (the exception), not both")
        # Weak: the owner holds its operations, not the other way round.
        self._owner = weakref.ref(owner)
        self._runner = runner
        self._failed = _weak(failed)
        self._error = _weak(error)
        self._time_zone = time_zone
        self._busy_changed = _weak(busy_changed)
        self._exclusive = exclusive
        self._skip_outdated = skip_outdated
        self._latest = 0  # number of the run whose answer is still wanted; 0: none
        self._numbers = 0

    def busy(self) -> bool:
        return self._latest != 0

    def run(self, work: Callable[[], T], success: Callable[[T], None] | None = None) -> bool:
        """Run ``work`` in the background, then ``success(result)`` if still wanted.

        Returns False when nothing was started: an exclusive operation still busy, or
        the owner already gone.
        """
        owner = self._start()
        if owner is None:
            return False
        number, deliver = self._latest, _weak(success)
        self._runner.submit(
            owner,
            self._skipping(number, work),
            lambda result: self._succeeded(number, deliver, result),
            lambda exc: self._fail(number, exc),
        )
        return True

    def run_with_progress(
        self,
        work: Callable[[Report], T],
        success: Callable[[T], None] | None,
        progressed: Callable[..., None],
    ) -> bool:
        """Like ``run``; ``work(report)`` may call ``report(*values)`` on the worker, and
        ``progressed(*values)`` follows on the GUI thread."""
        owner = self._start()
        if owner is None:
            return False
        number, deliver, report = self._latest, _weak(success), _weak(progressed)
        assert report is not None
        # The relay belongs to the runner (a GUI-thread object that outlives the widget),
        # so the worker never emits on a deleted object; it goes when the answer came.
        relay = _ProgressRelay(self._runner, lambda *values: self._progress(number, report, values))

        def succeeded(result: T) -> None:
            relay.deleteLater()
            self._succeeded(number, deliver, result)

        def failed(exc: BaseException) -> None:
            relay.deleteLater()
            self._fail(number, exc)

        self._runner.submit(
            owner, self._skipping(number, lambda: work(relay.report)), succeeded, failed
        )
        return True

    def drop(self) -> None:
        """Forget the answer on the way (if any): it will not be delivered."""
        if self._latest:
            self._latest = 0
            self._notify_busy(False)

    # ---- inside ---------------------------------------------------------------------------
    def _start(self) -> QObject | None:
        owner = self._owner()
        if owner is None or not shiboken6.isValid(owner):
            return None
        if self._exclusive and self.busy():
            return None
        was_busy = self.busy()
        self._numbers += 1
        self._latest = self._numbers
        if not was_busy:
            self._notify_busy(True)
        return owner

    def _skipping(self, number: int, work: Callable[[], T]) -> Callable[[], Any]:
        if not self._skip_outdated:
            return work

        def skip_or_work() -> Any:
            # Runs on the worker: reading the number is safe, it is only ever replaced.
            return _SKIPPED if number != self._latest else work()

        return skip_or_work

    def _settle(self, number: int) -> bool:
        """True when ``number`` is the run still wanted; it is then no longer on the way."""
        if number != self._latest:
            return False
        self._latest = 0
        self._notify_busy(False)
        return True

    def _succeeded(self, number: int, success: Callable[[Any], None] | None, result: Any) -> None:
        if self._settle(number) and success is not None and result is not _SKIPPED:
            success(result)

    def _fail(self, number: int, exc: BaseException) -> None:
        if not self._settle(number):
            return
        if self._error is not None:
            self._error(exc)
        elif self._failed is not None:
            self._failed(self.describe(exc))
        else:
            self._runner.failed.emit(error_text.describe(exc))

    def _progress(
        self, number: int, progressed: Callable[..., None], values: tuple[Any, ...]
    ) -> None:
        owner = self._owner()
        if number == self._latest and owner is not None and shiboken6.isValid(owner):
            progressed(*values)

    def describe(self, exc: BaseException) -> str:
        """The user's text for ``exc`` (times in the operation's time zone)."""
        if self._time_zone is None:
            return error_text.describe(exc)
        return error_text.describe(exc, self._time_zone)

    def _notify_busy(self, busy: bool) -> None:
        if self._busy_changed is not None:
            self._busy_changed(busy)


class _ProgressRelay(QObject):
    """Carries ``report(*values)`` from the worker thread to the GUI thread.

    Signals:
        reported(object): the values of one report (emitted on the worker).
    """

    reported = Signal(object)

    def __init__(self, parent: QObject, deliver: Callable[..., None]) -> None:
        super().__init__(parent)
        self._deliver = deliver
        self.reported.connect(self._on_reported, Qt.ConnectionType.QueuedConnection)

    def report(self, *values: object) -> None:
        # Called on the worker thread: only emit, never touch a widget.
        self.reported.emit(values)

    def _on_reported(self, values: tuple[Any, ...]) -> None:
        self._deliver(*values)


class GuardedDialog(QDialog):
    """A dialog that cannot be cancelled (Escape, Cancel, the window's close button)
    while one of its guarded operations is on the way: the outcome is shown here."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._guarded: list[Operation] = []

    def guard(self, operation: Operation) -> Operation:
        self._guarded.append(operation)
        return operation

    def is_busy(self) -> bool:
        return any(operation.busy() for operation in self._guarded)

    def reject(self) -> None:
        if not self.is_busy():
            super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.is_busy():
            event.ignore()
            return
        super().closeEvent(event)
