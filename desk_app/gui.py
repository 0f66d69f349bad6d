"""Starting the desktop window (``desk-app`` without a command).

``start_desktop`` builds everything the window needs (tests use it directly); ``run``
adds the event loop and tears everything down afterwards.
"""

from __future__ import annotations

import logging
import sys
from dataclasses import dataclass
from types import TracebackType

from PySide6.QtCore import (
    QCoreApplication,
    QMessageLogContext,
    QSettings,
    QtMsgType,
    qInstallMessageHandler,
)
from PySide6.QtWidgets import QApplication, QMessageBox

from desk_app.background_sync import BackgroundSync
from desk_app.bootstrap import open_services, open_sync
from desk_app.config.logging_setup import configure_logging
from desk_app.config.paths import data_dir, translations_dir
from desk_app.demo_gateway import DemoGateway, start_demo_gateway
from desk_app.services.container import Services
from desk_app.services.errors import StorageError
from desk_app.ui import error_text, i18n
from desk_app.ui.main_window import MainWindow

log = logging.getLogger(__name__)


@dataclass
class Desktop:
    """The running window and everything it owns, closed in reverse order."""

    window: MainWindow
    services: Services
    demo: DemoGateway | None = None
    background: BackgroundSync | None = None

    def close(self) -> None:
        if self.background is not None:
            self.background.stop()
        if self.demo is not None:
            self.demo.stop()
        self.services.db.dispose()


def start_desktop(
    app: QApplication, database_url: str | None, demo_gateway: bool = False
) -> Desktop:
    """Open the database, build the window; raises StorageError for an unusable database."""
    settings = QSettings()
    language = settings.value("ui/language", "", type=str) or None
    i18n.install_translators(app, i18n.choose_language(language), translations_dir())
    services = open_services(database_url)
    salon_name = services.catalogue.settings()["salon_name"]
    window = MainWindow(salon_name, settings)
    desktop = Desktop(window, services)
    if demo_gateway:
        desktop.demo = start_demo_gateway(data_dir())
        services.catalogue.set_setting("gateway_url", desktop.demo.url)
        desktop.background = BackgroundSync(open_sync(services, token=desktop.demo.token))
        desktop.background.start()
        window.statusBar().showMessage(
            QCoreApplication.translate("Gui", "Demo gateway: messages appear at {url}").format(
                url=desktop.demo.mailbox_url
            )
        )
    return desktop


def run(database_url: str | None, demo_gateway: bool = False) -> int:
    configure_logging()
    sys.excepthook = _log_uncaught
    qInstallMessageHandler(_on_qt_message)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName("Salon Desk")
    app.setOrganizationName("salon-desk")
    try:
        desktop = start_desktop(app, database_url, demo_gateway)
    except StorageError as exc:
        QMessageBox.critical(None, "Salon Desk", error_text.describe(exc))
        return 3
    desktop.window.show()
    try:
        return app.exec()
    finally:
        desktop.close()


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
