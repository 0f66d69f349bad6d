"""``desk-app`` without a command: the window's frame at once, today's day in it, the
database opened on a thread meanwhile, the pages filled in when it is open; then the
event loop.

Most of a start is importing SQLAlchemy, the models and the services and checking the
schema; none of it needs the GUI thread. So the receptionist sees the window (sections,
menus) in a fraction of the start, and the GUI thread stays free to paint it. On a
SQLite file at the current schema the opening thread first reads today's day with
plain ``sqlite3`` (``first_day``) and the frame shows it (looked at, not yet changed)
before anything heavy is imported; the calendar page takes it over when the pages are
in and reloads it through its service. Keys typed meanwhile wait in the event queue
for the filled window (the GUI thread is not processing events while it fills it).
"""

from __future__ import annotations

import importlib
import logging
import sys
import threading
from collections.abc import Callable
from datetime import UTC, datetime
from types import TracebackType
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QEvent,
    QMessageLogContext,
    QObject,
    QtMsgType,
    Signal,
    qInstallMessageHandler,
)
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from desk_app.config.logging_setup import configure_logging
from desk_app.desktop.app_icon import DESKTOP_ENTRY, app_icon
from desk_app.desktop.opening import Opened, open_database, open_frame
from desk_app.desktop.pyside_imports import speed_up_feature_check
from desk_app.ui.tasks import freeze_long_lived

if TYPE_CHECKING:
    from desk_app.desktop.first_day import FirstDay
    from desk_app.desktop.first_start import FirstStart
    from desk_app.desktop.gui import Desktop
    from desk_app.ui.calendar.first_day_preview import FirstDayPreview

log = logging.getLogger(__name__)
# How long the opening thread lets the frame paint the first day before it imports the
# rest (which would share the processor with the painting); a frame that is not painted
# (minimised) does not hold the start up longer than this.
FIRST_PAINT_WAIT_S = 1.0


class Launch(QObject):
    """One window start. ``start`` shows the frame and opens the database on a thread;
    once it is open the pages are filled in on the GUI thread (``desktop`` set, ``ready``
    emitted), or ``failed`` is emitted with what stopped it.

    Signals:
        first_day_shown(): the frame has painted the day read at start (only on a SQLite
            file at the current schema without personal sign-in; ``first_day`` is set).
        ready(): the window has its pages (``desktop`` is set).
        failed(object): the database could not be opened (the exception).
    """

    first_day_shown = Signal()
    ready = Signal()
    failed = Signal(object)
    setup_cancelled = Signal()
    _first_read = Signal()  # from the opening thread; delivered on the GUI thread
    _opened = Signal()  # from the opening thread; delivered on the GUI thread

    def __init__(
        self,
        app: QApplication,
        database_url: str | None,
        demo_gateway: bool = False,
        first_setup: bool = False,
    ) -> None:
        super().__init__()
        speed_up_feature_check()  # before the opening thread imports some 400 modules
        self._app = app
        self._database_url, self._demo_gateway = database_url, demo_gateway
        self._first_setup = first_setup
        self.frame = open_frame(app)
        self.desktop: Desktop | None = None
        self.first_day: FirstDay | None = None  # the day the frame shows, if it was read
        self._preview: FirstDayPreview | None = None
        self._first_painted = threading.Event()
        self.first_start: FirstStart | None = None
        self._result: Opened | BaseException | None = None
        self._first_read.connect(self._on_first_read)
        self._opened.connect(self._on_opened)
        self._thread = threading.Thread(target=self._open, name="opening", daemon=True)

    def start(self) -> None:
        self.frame.window.show()
        self._thread.start()

    def close(self) -> None:
        """After the event loop: close what was opened, also if the window was closed
        before the database was open (the opening is waited for: never cut an upgrade)."""
        if self.first_start is not None:
            self.first_start.close()
        if self.desktop is not None:
            self.desktop.close()
            return
        self._thread.join()
        if isinstance(self._result, Opened):
            self._result.close()
        elif self._result is not None:  # failed after the window was closed: not shown
            log.error("the database could not be opened", exc_info=self._result)

    def _open(self) -> None:  # on the opening thread: no Qt but the signals
        self.first_day = _read_first_day(self._database_url)
        if self.first_day is not None:
            self._first_read.emit()
            self._first_painted.wait(FIRST_PAINT_WAIT_S)
        try:
            self._result = open_database(self._database_url)
            # The screens' modules here too: imported on the GUI thread they would
            # freeze the window the receptionist already looks at.
            importlib.import_module("desk_app.desktop.gui")
        except Exception as exc:  # noqa: BLE001 - handed to the GUI thread, which reports it
            self._result = exc
        self._opened.emit()

    def _on_first_read(self) -> None:
        first, window = self.first_day, self.frame.window
        if first is None or window.is_filled() or not window.isVisible():
            self._first_painted.set()
            return
        from desk_app.ui.calendar.first_day_preview import FirstDayPreview

        self._preview = preview = FirstDayPreview(first.plan, datetime.now(UTC))
        preview.installEventFilter(_FirstPaint(preview, self._on_first_painted))
        window.show_while_opening("calendar", preview)
        if window.current_section() != "calendar":
            self._first_painted.set()  # another section chosen: nothing to wait for

    def _on_first_painted(self) -> None:
        self._first_painted.set()
        self.first_day_shown.emit()

    def _on_opened(self) -> None:
        result = self._result
        if isinstance(result, BaseException):
            self._result = None  # reported here: nothing left for ``close``
            self.failed.emit(result)
            return
        assert result is not None
        if not self.frame.window.isVisible():
            return  # closed while opening: ``close`` closes what was opened
        if self._first_setup and result.needs_setup:
            self._ask_first_setup(result)
            return
        self._fill(result)

    def _fill(self, opened: Opened) -> None:
        from desk_app.desktop import gui

        view = self._preview.take_view() if self._preview is not None else None
        self.desktop = gui.fill_desktop(
            self.frame, opened, self._demo_gateway, self.first_day, first_day_view=view
        )
        self.ready.emit()

    def _ask_first_setup(self, opened: Opened) -> None:
        """A real installation's first start: the assistant before the pages."""
        from desk_app.desktop.first_start import FirstStart

        self.first_start = FirstStart(self._app, self.frame, opened)
        self.first_start.done.connect(self._on_set_up)
        self.first_start.cancelled.connect(self.setup_cancelled)
        self.first_start.start()

    def _on_set_up(self, opened: Opened) -> None:
        assert self.first_start is not None
        self.first_start.close()
        self._result = opened
        if self.first_start.language_changed:
            # The frame's sections and menus speak the language it was built in.
            old = self.frame
            self.first_day, self._preview = None, None  # shown in the old frame only
            self.frame = open_frame(self._app)
            self.frame.window.show()
            old.window.hide()
            old.window.deleteLater()
        self._fill(opened)


def _read_first_day(database_url: str | None) -> FirstDay | None:
    """The day for the frame, or None (the normal start follows in any case)."""
    try:
        from desk_app.desktop.first_day import read_first_day

        first = read_first_day(database_url, lambda: datetime.now(UTC))
        if first is not None:
            # For the GUI thread, which shows it next: imported here, off its time.
            importlib.import_module("desk_app.ui.calendar.first_day_preview")
        return first
    except Exception:  # a bug here must not stop the start: the normal path follows
        log.exception("the first day could not be read ahead; it comes with the pages")
        return None


class _FirstPaint(QObject):
    """Calls ``painted`` once, when its widget is first painted."""

    def __init__(self, parent: QObject, painted: Callable[[], None]) -> None:
        super().__init__(parent)
        self._painted: Callable[[], None] | None = painted

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and self._painted is not None:
            painted, self._painted = self._painted, None
            painted()
        return False


def run(database_url: str | None, demo_gateway: bool = False) -> int:
    configure_logging()
    sys.excepthook = _log_uncaught
    qInstallMessageHandler(_on_qt_message)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName("Salon Desk")
    app.setOrganizationName("salon-desk")
    app.setWindowIcon(app_icon())
    # Wayland's app id: the desktop shows the window under its desktop entry's name and icon.
    app.setDesktopFileName(DESKTOP_ENTRY)
    # A real installation is set up at its first start; the demo fills its own salon.
    launch = Launch(app, database_url, demo_gateway, first_setup=not demo_gateway)
    launch.failed.connect(lambda exc: app.exit(report_failure(launch.frame.window, exc)))
    launch.setup_cancelled.connect(app.quit)  # nothing written: asked again next start
    # Here, not in ``fill_desktop``: only this process keeps its window for its lifetime
    # (tests and benches build and drop many, whose garbage freezing would keep).
    launch.ready.connect(freeze_long_lived)
    launch.start()
    try:
        return app.exec()
    finally:
        launch.close()


def report_failure(window: QWidget, exc: BaseException) -> int:
    """Tells the receptionist in her language why the window cannot start (over the
    frame, which stays until she confirms); the exit code: 3 for the database (a wrong
    address, a damaged file, an unreachable server), 1 for a bug (logged with its trace)."""
    from desk_app.services.errors import StorageError
    from desk_app.texts import error_text

    if not isinstance(exc, StorageError):
        log.critical("the window could not be started", exc_info=exc)
    QMessageBox.critical(window, "Salon Desk", error_text.describe(exc))
    return 3 if isinstance(exc, StorageError) else 1


def _log_uncaught(
    kind: type[BaseException], value: BaseException, trace: TracebackType | None
) -> None:
    # A slot that raises must not end the app silently: log it, keep running.
    log.critical("uncaught exception", exc_info=(kind, value, trace))


_QT_LEVELS = {
    QtMsgType.QtDebugMsg: logging.DEBUG,
    QtMsgType.QtInfoMsg: logging.INFO,
    QtMsgType.QtWarningMsg: logging.WARNING,
    QtMsgType.QtCriticalMsg: logging.ERROR,
    QtMsgType.QtFatalMsg: logging.CRITICAL,
}


def _on_qt_message(kind: QtMsgType, _context: QMessageLogContext, message: str) -> None:
    logging.getLogger("qt").log(_QT_LEVELS.get(kind, logging.WARNING), message)
