"""Background work for the window: the GUI thread never waits on SQL or HTTP.

A ``TaskRunner`` owns one worker thread and runs submitted callables in order (one
runner for the database, one for the gateway, so a slow network never delays a
search). Results and errors come back on the GUI thread through a queued signal and
are dropped when the widget that asked is gone.

Qt objects may only die on their own thread, so the callbacks (which usually belong to
widgets) stay on the GUI thread in ``_pending``; the worker only ever sees a number. The
work itself is kept there too until its answer is delivered: should it hold the last
reference to a widget after all, that widget is released on the GUI thread, not on the
worker (a Qt object deleted from another thread crashes the window later, at random).

Signals:
    failed(str): a task without its own error handler failed; the text is for the user.
"""

from __future__ import annotations

import gc
import itertools
import logging
import weakref
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any, TypeVar

import shiboken6
from PySide6.QtCore import QObject, Qt, Signal

from desk_app.domain.errors import DomainError
from desk_app.services.errors import GatewayError, StorageError
from desk_app.texts import error_text

log = logging.getLogger(__name__)
T = TypeVar("T")

# Errors a user can do something about; everything else is a bug and gets logged in full.
KNOWN_ERRORS = (DomainError, StorageError, GatewayError)


@dataclass(frozen=True)
class _Ticket:
    owner: weakref.ref[QObject]
    on_done: Callable[[Any], object] | None  # what it returns is ignored
    on_error: Callable[[BaseException], None] | None
    work: Callable[[], Any]  # only held: released here, on the GUI thread


def weakly(slot: Callable[..., None], *first: object) -> Callable[..., None]:
    """A callback for ``submit``: ``slot`` (a bound method) called with ``first`` and then
    the result, or not at all once its widget is gone (a late answer for a closed dialog
    must not revive it)."""
    method = weakref.WeakMethod(slot)

    def call(*args: object) -> None:
        bound = method()
        if bound is not None:
            bound(*first, *args)

    return call


def freeze_long_lived() -> None:
    """Takes everything alive now (modules, classes, Qt wrappers, SQLAlchemy's mappers:
    ~100,000 objects once the window is built) out of the cyclic collector's sight.

    A full collection runs on whichever thread happens to allocate and holds the GIL
    throughout; on the database worker it walked all of them and the GUI thread waited
    (measured in bench/composer_stalls.py: 180–220 ms stalls, 35–45 ms once frozen).
    What is frozen lives as long as the window anyway. No ``gc.collect()`` first: that
    would be the same stall, on the GUI thread."""
    gc.freeze()


class TaskRunner(QObject):
    failed = Signal(str)
    _finished = Signal(int, object)  # ticket number, future

    def __init__(self, name: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix=name)
        self._finished.connect(self._deliver, Qt.ConnectionType.QueuedConnection)
        self._pending: dict[int, _Ticket] = {}
        self._numbers = itertools.count()
        self._closed = False

    def submit(
        self,
        owner: QObject,
        work: Callable[[], T],
        on_done: Callable[[T], object] | None = None,
        on_error: Callable[[BaseException], None] | None = None,
    ) -> Future[T]:
        """Run ``work`` on the worker thread; call ``on_done(result)`` or ``on_error(exc)``
        on the GUI thread, unless ``owner`` has been deleted by then.

        ``work`` should capture plain values and services, not widgets (one it holds after
        all is released on the GUI thread). After ``shutdown`` nothing runs any more.
        """
        if self._closed:
            future: Future[T] = Future()
            future.cancel()
            return future
        number = next(self._numbers)
        self._pending[number] = _Ticket(weakref.ref(owner), on_done, on_error, work)
        # The executor gets the ticket number, not ``work``: its worker thread drops its
        # own references after the result is delivered, and with ``work`` among them the
        # last reference to a captured widget could die on the worker thread.
        future = self._executor.submit(self._run, number)
        future.add_done_callback(lambda done: self._emit(number, done))
        return future

    def _run(self, number: int) -> Any:
        ticket = self._pending.get(number)
        if ticket is None:  # shut down meanwhile
            return None
        work = ticket.work
        del ticket
        try:
            return work()
        finally:
            del work  # not kept alive by a traceback's frame either

    def _emit(self, number: int, future: Future[Any]) -> None:
        # Runs on the worker thread; the queued connection hops to the GUI thread.
        if not self._closed and shiboken6.isValid(self):
            self._finished.emit(number, future)

    def _deliver(self, number: int, future: Future[Any]) -> None:
        ticket = self._pending.pop(number, None)
        if ticket is None:
            return
        owner = ticket.owner()
        if owner is None or not shiboken6.isValid(owner):
            return
        error = future.exception()
        if error is None:
            if ticket.on_done is not None:
                ticket.on_done(future.result())
            return
        if not isinstance(error, KNOWN_ERRORS):
            log.error("background task failed", exc_info=error)
        if ticket.on_error is not None:
            ticket.on_error(error)
        else:
            self.failed.emit(error_text.describe(error))

    def idle(self) -> bool:
        """Nothing submitted is waiting for its answer (bench/startup.py waits for this)."""
        return not self._pending

    def shutdown(self) -> None:
        """Finish the running task (never cut a transaction short), drop the queue."""
        self._closed = True
        self._executor.shutdown(wait=True, cancel_futures=True)
        self._pending.clear()
