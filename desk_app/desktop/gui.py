"""Building the desktop window on an open database (``desk-app`` without a command).

``fill_desktop`` puts everything the window needs into its frame (``launch.run`` calls it
once the database is open, adds the event loop and tears everything down afterwards);
``start_desktop`` does the whole start in one go (the tests).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QWidget

from desk_app.bootstrap import gateway_opener, open_sync
from desk_app.config.paths import data_dir
from desk_app.desktop.background_automations import BackgroundAutomations
from desk_app.desktop.background_sync import BackgroundSync
from desk_app.desktop.backups_in_window import install_backups, start_daily_backups
from desk_app.desktop.opening import Frame, Opened, open_database, open_frame
from desk_app.desktop.section_preload import preload_sections
from desk_app.desktop.tokens import store_token
from desk_app.domain.access import SHARED_COUNTER
from desk_app.domain.enums import Permission
from desk_app.domain.web_address import booking_page_address
from desk_app.services.changes import ChangeWatch
from desk_app.services.container import Services
from desk_app.ui.access_gate import guard_window, permitted
from desk_app.ui.audit.audit_access import AuditPermissionGate
from desk_app.ui.calendar.calendar_page import CalendarPage
from desk_app.ui.context import UiContext
from desk_app.ui.main_window import MainWindow, WindowParts
from desk_app.ui.online.notice import arrival_text
from desk_app.ui.online.requests_page import OnlineRequestsPage
from desk_app.ui.outbox.outbox_page import OutboxPage
from desk_app.ui.outbox.status_widget import GatewayStatusWidget
from desk_app.ui.signed_in import SignedIn
from desk_app.ui.signin.counter_lock import CounterLock
from desk_app.ui.signin.install import install_counter_lock
from desk_app.ui.tasks import TaskRunner
from desk_app.ui.widgets.demo_notice import DemoNotice, demo_title
from desk_app.ui.widgets.lazy_section import LazySection

if TYPE_CHECKING:
    from desk_app.desktop.demo_gateway import DemoGateway
    from desk_app.desktop.first_day import FirstDay
    from desk_app.services.sync import SyncService
    from desk_app.ui.calendar.day_view import DayView
    from desk_app.ui.marketing.marketing_page import MarketingPage

log = logging.getLogger(__name__)
STATUS_REFRESH_MS = 15_000  # queued/failed counts in the status bar
# The first sync round (the HTTP client's and the sync's imports, a request, the events it
# brings written to the database) waits until the counter sees the day: at the latest this.
FIRST_SYNC_LATEST_MS = 5_000
# The sections not shown at start are imported on a thread this long after the counter
# sees its first day, and its start's reads are done (the day, the outbox counts and the
# online requests come first), instead of on the GUI thread when first opened.
SECTIONS_PRELOAD_MS = 1_000


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
    backups: BackgroundAutomations | None = None  # the daily backup (issue 13)
    timers: list[QTimer] = field(default_factory=list)
    lock: CounterLock | None = None  # personal sign-in and the lock (issue 12)

    def close(self) -> None:
        for timer in self.timers:
            timer.stop()
        if self.background is not None:
            self.background.stop()
        if self.automations is not None:
            self.automations.stop()  # lets a round that is running finish its transaction
        if self.backups is not None:
            self.backups.stop()  # waits a second at most: see backups_in_window
        self.ctx.gateway_tasks.shutdown()
        self.ctx.db_tasks.shutdown()
        if self.demo is not None:
            self.demo.stop()
        self.watch.close()
        self.services.db.dispose()


def start_desktop(
    app: QApplication, database_url: str | None, demo_gateway: bool = False
) -> Desktop:
    """Open the database, build the window; raises StorageError for an unusable database.

    All in one go (the tests); ``launch.run`` shows the frame first and opens the database
    on a thread."""
    frame = open_frame(app)
    try:
        opened = open_database(database_url)
    except BaseException:
        frame.window.deleteLater()
        raise
    return fill_desktop(frame, opened, demo_gateway)


def fill_desktop(
    frame: Frame,
    opened: Opened,
    demo_gateway: bool = False,
    first_day: FirstDay | None = None,
    first_day_view: DayView | None = None,
) -> Desktop:
    """Everything the window needs, on an open database, into the shown (or not yet
    shown) frame; on the GUI thread, which waits on no database, server or keyring here
    (``open_database`` asked them; the pages ask through the database worker).
    ``first_day``: the day the frame showed (``launch``), shown by the calendar at once,
    in ``first_day_view`` (the frame's view of it, laid out already) if given."""
    window, settings, services, salon = frame.window, frame.settings, opened.services, opened.salon
    demo = None
    if demo_gateway:
        # The gateway service in-process (its web stack, its database): only for the demo.
        from desk_app.desktop.demo_gateway import start_demo_gateway

        demo = start_demo_gateway(data_dir())
        # The demo's own set-up, not a person's change: the shared sign-in (issue 12).
        services.catalogue.set_setting("gateway_url", demo.url, actor=SHARED_COUNTER)
        demo.learn_consents(services.consent.confirmed_declarations())
    ctx = UiContext(
        services=services.use_cases(),
        db_tasks=TaskRunner("db"),
        gateway_tasks=TaskRunner("gateway"),
        preferences=settings,
        time_zone=salon.time_zone,
        open_gateway=gateway_opener(services, token=demo.token if demo is not None else None),
        # The shared counter sign-in, with the rights every counter had, until a member
        # signs in; with personal sign-in on the window starts locked (issue 12).
        signed_in=SignedIn(SHARED_COUNTER),
    )
    # Built first, so its day is the first load on the database worker: the counter sees
    # the day before the outbox counts and the online requests arrive.
    if first_day is None or first_day.plan.time_zone != salon.time_zone:
        first_day_view = None  # the time zone changed meanwhile: a view of its own
    calendar = CalendarPage(ctx, day_view=first_day_view)
    if first_day is not None:  # no empty day between the frame's and the page's
        calendar.show_first_day(first_day.staff, first_day.salon_name, first_day.plan)
    sync_factory = _sync_factory(services, opened, demo)
    outbox = OutboxPage(ctx, sync_factory)  # loads now: the status bar shows its counts

    # Sections not shown at start are imported when first opened, like they are built.
    def build_customers() -> QWidget:
        from desk_app.ui.customers.customers_page import CustomersPage

        customers = CustomersPage(ctx, directory=services.directory)
        customers.booking_requested.connect(calendar.book_for)  # „Termin buchen"
        return customers

    def build_marketing() -> MarketingPage:
        from desk_app.ui.marketing.marketing_page import MarketingPage

        marketing = MarketingPage(ctx, sync_factory)
        # A campaign just queued: the status bar's "waiting" count should say so at once.
        marketing.composer().campaign_sent.connect(lambda _row: outbox.refresh())
        return marketing

    watch = opened.watch
    counter_lock = install_counter_lock(window, ctx)
    catalogue = ctx.services.catalogue

    def recheck_sign_in() -> None:
        # Personal sign-in switched on or off (maybe at another counter PC), or another
        # idle time: the lock follows.
        ctx.db_tasks.submit(
            window,
            catalogue.salon_settings,
            lambda now: counter_lock.apply_settings(now.staff_sign_in, now.idle_lock_minutes),
        )

    def poll_changes() -> None:
        def on_polled(changed: set[str]) -> None:
            if changed:
                recheck_sign_in()
                window.refresh_pages()
                # New online requests (the background sync fetched them) are announced
                # whichever section is shown.
                if window.current_section() != "online":
                    online.refresh()

        ctx.db_tasks.submit(window, watch.poll, on_polled)

    # The window's actions a role may not use are greyed with the reason (issue 12).
    access = guard_window(ctx.signed_in, window, window.action)

    def show_settings(backups_tab: bool = False) -> None:
        # Imported when first opened: its tabs are a tenth of the pages' imports at start.
        from desk_app.ui.settings.dialog import SettingsDialog

        dialog = SettingsDialog(ctx, store_token, window)
        dialog.finished.connect(recheck_sign_in)
        if backups_tab:  # from the status bar's backup warning
            dialog.tabs.setCurrentWidget(dialog.backups)
        dialog.open()

    # Also opened from the online page's button: refused there in words.
    open_settings = permitted(
        access, Permission.CHANGE_SETTINGS, show_settings, window.show_message
    )

    def open_audit_log() -> None:
        # Imported when first opened, like the settings: the owner's view, seldom used.
        from desk_app.ui.audit.audit_view import AuditLogDialog

        dialog = AuditLogDialog(ctx, window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()

    online = OnlineRequestsPage(ctx, open_settings, outbox.sync_now if sync_factory else None)

    window.fill(
        salon.salon_name,
        WindowParts(
            pages={
                "calendar": calendar,
                # Sections not shown are built when first opened: their first loads (the
                # marketing audience preview takes seconds at chain scale) would queue
                # on the database worker before the calendar's.
                "customers": LazySection(build_customers),
                "marketing": LazySection(build_marketing),
                "outbox": outbox,
                "online": online,
            },
            poll_changes=poll_changes,
            sync_now=outbox.sync_now,
            open_settings=open_settings,
            open_audit_log=open_audit_log,
            lock=counter_lock.lock,
        ),
    )
    AuditPermissionGate(window.action("audit_log"), ctx.signed_in)

    def reload_window() -> None:
        # The same file, other content (a restore): what is on screen is read again.
        recheck_sign_in()
        window.refresh_pages()
        outbox.refresh()
        online.refresh()

    backup_status = install_backups(
        window,
        ctx,
        access,
        permitted(
            access, Permission.CHANGE_SETTINGS, lambda: show_settings(True), window.show_message
        ),
        reload_window,
    )
    # With personal sign-in on, the sign-in screen is what the counter sees first.
    counter_lock.apply_settings(salon.staff_sign_in, salon.idle_lock_minutes)
    desktop = Desktop(window, ctx, services, watch, demo, lock=counter_lock)
    desktop.timers.append(backup_status)
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
    preload = QTimer(window)
    preload.setSingleShot(True)
    preload.setInterval(SECTIONS_PRELOAD_MS)

    def preload_when_idle() -> None:
        # Only once the start's own reads are done (the day, the outbox counts, the
        # online requests): the start is what the receptionist waits for.
        if ctx.db_tasks.idle():
            preload_sections()
        else:
            preload.start()

    preload.timeout.connect(preload_when_idle)
    preload_due = [True]  # once: the calendar says "loaded" for every day shown

    def on_day_loaded() -> None:
        if preload_due:
            preload_due.clear()
            preload.start()

    calendar.loaded.connect(on_day_loaded)
    desktop.timers.append(preload)  # a window closed within the second does not preload
    if sync_factory is not None:
        desktop.background = BackgroundSync(sync_factory)
        calendar.loaded.connect(desktop.background.start)  # the first day is shown
        # A timer the desktop owns and stops on close: a bare singleShot fired into a
        # closed desktop after a test had dropped it (a crash in background_sync.start).
        first_sync = QTimer(window)
        first_sync.setSingleShot(True)
        first_sync.timeout.connect(desktop.background.start)
        first_sync.start(FIRST_SYNC_LATEST_MS)
        desktop.timers.append(first_sync)
    # Reminders and greetings only need the database: they are queued in the outbox even
    # without a gateway, and go out once one is set up. A campaign whose queuing was cut
    # off (the PC switched off mid-queue) is finished in the same round. The services (and
    # their modules) are built on the automations' thread, at its first round.
    desktop.automations = BackgroundAutomations(lambda: _automations_round(services))
    desktop.automations.start()
    desktop.backups = start_daily_backups(services.backups)
    if demo is not None:
        # Where the demo's messages and booking page are, instead of "Ready"; a message
        # (an online request arrived) covers it for its seconds.
        place, folder = data_location(services)
        notice = DemoNotice(
            demo.mailbox_url, booking_page_address(demo.url, salon.public_name), place, folder
        )
        window.setWindowTitle(demo_title(salon.salon_name))
        window.statusBar().clearMessage()  # first: a widget added under a message stays hidden
        window.statusBar().addWidget(notice, 1)  # the room left over, not the status's
    return desktop


def data_location(services: Services) -> tuple[str, str | None]:
    """Where the data is: the database file (and its folder as a link) or the server."""
    url = services.db.engine.url
    if url.get_backend_name() == "sqlite" and url.database:
        path = Path(url.database).resolve()
        return str(path), path.parent.as_uri()
    return url.render_as_string(hide_password=True), None


def _sync_factory(
    services: Services, opened: Opened, demo: DemoGateway | None
) -> Callable[[], SyncService] | None:
    """Fresh sync services for the configured gateway; None when there is none yet."""
    url = demo.url if demo is not None else opened.salon.gateway_url
    token = demo.token if demo is not None else opened.gateway_token
    if not url or not token:
        return None
    return lambda: open_sync(services, token=token)


def _automations_round(services: Services) -> object:
    # A campaign that cannot be finished must not stop the reminders and greetings: it is
    # logged and tried again in the next round.
    try:
        services.campaigns.resume_unfinished()
    except Exception:
        log.exception("a half-queued campaign could not be finished; trying again next round")
    report = services.automations.run()
    # The retention period (once a day, when switched on) after the messages: a failure
    # there must not hold back the reminders either.
    try:
        services.retention.run_due()
    except Exception:
        log.exception("the retention period's run failed; trying again next round")
    return report
