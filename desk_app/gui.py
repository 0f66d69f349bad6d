"""Starting the desktop window (``desk-app`` without a command)."""

from __future__ import annotations

import logging
import sys
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
from desk_app.services.errors import StorageError
from desk_app.ui import error_text, i18n
from desk_app.ui.main_window import MainWindow

log = logging.getLogger(__name__)


def run(database_url: str | None, demo_gateway: bool = False) -> int:
    configure_logging()
    sys.excepthook = _log_uncaught
    qInstallMessageHandler(_on_qt_message)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName("Salon Desk")
    app.setOrganizationName("salon-desk")
    settings = QSettings()
    language = settings.value("ui/language", "", type=str) or None
    i18n.install_translators(app, i18n.choose_language(language), translations_dir())
    try:
        services = open_services(database_url)
        salon_name = services.catalogue.settings()["salon_name"]
    except StorageError as exc:
        QMessageBox.critical(None, "Salon Desk", error_text.describe(exc))
        return 3
    window = MainWindow(salon_name, settings)
    background: BackgroundSync | None = None
    demo: DemoGateway | None = None
    if demo_gateway:
        demo = start_demo_gateway(data_dir())
        services.catalogue.set_setting("gateway_url", demo.url)
        background = BackgroundSync(open_sync(services, token=demo.token))
        background.start()
        window.statusBar().showMessage(
            QCoreApplication.translate("Gui", "Demo gateway: messages appear at {url}").format(
                url=demo.mailbox_url
            )
        )
    window.show()
    try:
        return app.exec()
    finally:
        if background is not None:
            background.stop()
        if demo is not None:
            demo.stop()
        services.db.dispose()


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
