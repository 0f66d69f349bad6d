"""Starting the desktop window (``desk-app`` without a command).

``start_desktop`` builds everything the window needs (tests use it directly); ``run``
adds the event loop and tears everything down afterwards.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from types import TracebackType
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QCoreApplication,
    QMessageLogContext,
    QSettings,
    QTimer,
    QtMsgType,
    qInstallMessageHandler,
)
from PySide6.QtWidgets import QApplication, QMessageBox

from desk_app.bootstrap import gateway_opener, open_change_watch, open_services, open_sync
from desk_app.config import secrets
from desk_app.config.logging_setup import configure_logging
from desk_app.config.paths import data_dir, translations_dir
from desk_app.desktop.background_automations import BackgroundAutomations
from desk_app.desktop.background_sync import BackgroundSync
from desk_app.domain.errors import KeyringUnavailable
from desk_app.domain.web_address import booking_page_address
from desk_app.services.changes import ChangeWatch
from desk_app.services.container import Services
from desk_app.services.errors import StorageError
from desk_app.services.sync import SyncService
from desk_app.texts import error_text, i18n
from desk_app.ui import preferences
from desk_app.ui.calendar.calendar_page import CalendarPage
from desk_app.ui.context import UiContext
from desk_app.ui.customers.customers_page import CustomersPage
from desk_app.ui.main_window import MainWindow, WindowParts
from desk_app.ui.marketing.marketing_page import MarketingPage
from desk_app.ui.online.notice import arrival_text
from desk_app.ui.online.requests_page import OnlineRequestsPage
from desk_app.ui.outbox.outbox_page import OutboxPage
from desk_app.ui.outbox.status_widget import GatewayStatusWidget
from desk_app.ui.settings.dialog import SettingsDialog
from desk_app.ui.tasks import TaskRunner, freeze_long_lived
from desk_app.ui.widgets.lazy_section import LazySection

if TYPE_CHECKING:
    from desk_app.desktop.demo_gateway import DemoGateway

log = logging.getLogger(__name__)
STATUS_REFRESH_MS = 15_000  # queued/failed counts in the status bar


@dataclass
class Desktop:
    """The running window and everything it owns, closed in reverse order."""

    window: MainWindow
    ctx: UiContext
    services: Services  # with the Database, which only the composition root holds
    watch: ChangeWatch
    demo: DemoGateway | None = None
    background: BackgroundSync | None = None
    automations: BackgroundAutomations | None = None
    timers: list[QTimer] = field(default_factory=list)

    def close(self) -> None:
        for timer in self.timers:
            timer.stop()
        if self.background is not None:
            self.background.stop()
        if self.automations is not None:
            self.automations.stop()  # lets a round that is running finish its transaction
        self.ctx.gateway_tasks.shutdown()
        self.ctx.db_tasks.shutdown()
        if self.demo is not None:
            self.demo.stop()
        self.watch.close()
        self.services.db.dispose()


def start_desktop(
    app: QApplication, database_url: str | None, demo_gateway: bool = False
) -> Desktop:
    """Open the database, build the window; raises StorageError for an unusable database."""
    settings = QSettings()
    preferences.upgrade(settings)
    language = preferences.LANGUAGE.read(settings) or None
    i18n.install_translators(app, i18n.choose_language(language), translations_dir())
    services = open_services(database_url)
    salon = services.catalogue.salon_settings()
    demo = None
    if demo_gateway:
        # The gateway service in-process (its web stack, its database): only for the demo.
        from desk_app.desktop.demo_gateway import start_demo_gateway

        demo = start_demo_gateway(data_dir())
        services.catalogue.set_setting("gateway_url", demo.url)
        demo.learn_consents(services.consent.confirmed_declarations())
    ctx = UiContext(
        services=services.use_cases(),
        db_tasks=TaskRunner("db"),
        gateway_tasks=TaskRunner("gateway"),
        preferences=settings,
        time_zone=salon.time_zone,
        open_gateway=gateway_opener(services, token=demo.token if demo is not None else None),
    )
    sync_factory = _sync_factory(services, demo)
    outbox = OutboxPage(ctx, sync_factory)  # loads now: the status bar shows its counts

    def build_marketing() -> MarketingPage:
        marketing = MarketingPage(ctx, sync_factory)
        # A campaign just queued: the status bar's "waiting" count should say so at once.
        marketing.composer().campaign_sent.connect(lambda _row: outbox.refresh())
        return marketing

    watch = open_change_watch(services)
    holder: list[MainWindow] = []

    def poll_changes() -> None:
        window = holder[0]

        def on_polled(changed: set[str]) -> None:
            if changed:
                window.refresh_pages()
                # New online requests (the background sync fetched them) are announced
                # whichever section is shown.
                if window.current_section() != "online":
                    online.refresh()

        ctx.db_tasks.submit(window, watch.poll, on_polled)

    def open_settings() -> None:
        dialog = SettingsDialog(ctx, _store_token, holder[0])
        dialog.open()

    online = OnlineRequestsPage(ctx, open_settings, outbox.sync_now if sync_factory else None)

    window = MainWindow(
        salon.salon_name,
        settings,
        WindowParts(
            pages={
                "calendar": CalendarPage(ctx),
                # Sections not shown are built when first opened: their first loads (the
                # marketing audience preview takes seconds at chain scale) would queue
                # on the database worker before the calendar's.
                "customers": LazySection(lambda: CustomersPage(ctx, directory=services.directory)),
                "marketing": LazySection(build_marketing),
                "outbox": outbox,
                "online": online,
            },
            poll_changes=poll_changes,
            sync_now=outbox.sync_now,
            open_settings=open_settings,
        ),
    )
    holder.append(window)
    desktop = Desktop(window, ctx, services, watch, demo)
    status = GatewayStatusWidget(ctx.time_zone)
    outbox.status_changed.connect(status.update_from)
    status.clicked.connect(lambda: window.show_section("outbox"))
    window.statusBar().addPermanentWidget(status)
    online.open_count_changed.connect(lambda count: window.set_section_count("online", count))
    online.arrived.connect(lambda news: window.show_message(arrival_text(news, ctx.time_zone)))
    ctx.db_tasks.failed.connect(window.show_message)
    ctx.gateway_tasks.failed.connect(window.show_message)
    refresh = QTimer(window)
    refresh.setInterval(STATUS_REFRESH_MS)
    refresh.timeout.connect(outbox.refresh)
    refresh.timeout.connect(online.refresh)
    refresh.start()
    desktop.timers.append(refresh)
    if sync_factory is not None:
        desktop.background = BackgroundSync(sync_factory())
        desktop.background.start()
    # Reminders and greetings only need the database: they are queued in the outbox even
    # without a gateway, and go out once one is set up.
    desktop.automations = BackgroundAutomations(services.automations.run)
    desktop.automations.start()
    if demo is not None:
        salon = services.catalogue.salon_settings()
        booking_page = booking_page_address(salon.gateway_url, salon.public_name)
        text = QCoreApplication.translate("Gui", "Demo gateway: messages appear at {url}").format(
            url=demo.mailbox_url
        )
        if booking_page is not None:
            text += " · " + QCoreApplication.translate("Gui", "online booking page: {url}").format(
                url=booking_page
            )
        window.statusBar().showMessage(text)
    return desktop


def _sync_factory(services: Services, demo: DemoGateway | None) -> Callable[[], SyncService] | None:
    """Fresh sync services for the configured gateway; None when there is none yet."""
    url = services.catalogue.salon_settings().gateway_url
    token = demo.token if demo is not None else (secrets.gateway_token(url) if url else None)
    if not url or not token:
        return None
    return lambda: open_sync(services, token=token)


def _store_token(url: str, token: str) -> None:
    try:
        secrets.store_gateway_token(url, token)
    except secrets.SecretStoreUnavailable as exc:
        raise KeyringUnavailable() from exc


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
    freeze_long_lived()  # what start-up built stays: workers' collections skip it
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
