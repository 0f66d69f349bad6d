"""The backups while the window is open (issue 13): the daily copy on a thread of its
own, the status bar's warning when the newest good backup is too old, and File ▸
Restore backup …, after which the window shows the restored database.

The daily copy never runs on the GUI thread nor on the database worker (a large file's
copy and integrity check take seconds, the counter's reads must not wait for them): a
plain thread like the automations', at start (once the window is up) and every hour;
it writes only when today has no backup yet.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu

from desk_app.desktop.background_automations import BackgroundAutomations
from desk_app.domain.enums import Permission
from desk_app.domain.errors import BackupNotWritten
from desk_app.services.backups import BackupService, RestoreResult
from desk_app.ui.access_gate import AccessGate
from desk_app.ui.context import UiContext
from desk_app.ui.main_window import MainWindow
from desk_app.ui.widgets.backup_warning import BackupWarning

log = logging.getLogger(__name__)
FIRST_BACKUP_SECONDS = 30  # after the start's own reads and the first sync round
BACKUP_CHECK_SECONDS = 3600  # writes only once a day; the hour bounds a missed midnight
# Quitting does not wait for a backup being written (its integrity check alone took 88 s
# on a 658 MB chain-scale file): a copy cut off leaves only its ``.partial`` file, which
# the next backup removes; the live database is only read.
STOP_WAIT_SECONDS = 1
STATUS_REFRESH_MS = 60_000  # the warning follows a backup (or a share that came back)


def start_daily_backups(backups: BackupService) -> BackgroundAutomations:
    def run_due() -> object:
        try:
            return backups.run_due()
        except BackupNotWritten as exc:  # the environment (a share away, a full disk):
            # said in the status bar once the newest backup is too old; no trace each hour
            log.warning("the daily backup could not be written: %s", exc)
            return None

    runner = BackgroundAutomations(
        run_due,
        FIRST_BACKUP_SECONDS,
        BACKUP_CHECK_SECONDS,
        name="backups",
        stop_wait=STOP_WAIT_SECONDS,
    )
    runner.start()
    return runner


def install_backups(
    window: MainWindow,
    ctx: UiContext,
    access: AccessGate,
    open_backup_settings: Callable[[], None],
    reload_window: Callable[[], None],
) -> QTimer:
    """The warning in the status bar and the menu entry; returns the timer that keeps
    the warning current (the caller stops it when the window closes)."""
    backups = ctx.services.backups
    warning = BackupWarning(ctx.time_zone)
    warning.clicked.connect(open_backup_settings)
    window.statusBar().addPermanentWidget(warning)

    def refresh_warning() -> None:
        ctx.db_tasks.submit(warning, backups.status, warning.update_from)

    def open_restore() -> None:
        from desk_app.ui.settings.restore_dialog import RestoreDialog

        dialog = RestoreDialog(ctx, window)
        dialog.restored.connect(on_restored)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    def on_restored(result: RestoreResult) -> None:
        reload_window()
        refresh_warning()
        window.show_message(
            QCoreApplication.translate(
                "Backups", "Database restored from {file}. The state before is kept in {safety}."
            ).format(file=result.restored.name, safety=result.safety)
        )

    action = QAction(QCoreApplication.translate("Backups", "Restore backup …"), window)
    action.setObjectName("restore_backup")
    action.triggered.connect(open_restore)
    file_menu = window.menuBar().findChild(QMenu, "menu_file")
    if file_menu is not None:
        # Above the first separator, with the settings and the audit log.
        separators = [a for a in file_menu.actions() if a.isSeparator()]
        if separators:
            file_menu.insertAction(separators[0], action)
        else:
            file_menu.addAction(action)
    window.addAction(action)
    # A restore brings back an older team and audit log: the owner's alone.
    access.guard(action, Permission.RESTORE_BACKUP)
    timer = QTimer(window)
    timer.setInterval(STATUS_REFRESH_MS)
    timer.timeout.connect(refresh_warning)
    timer.start()
    refresh_warning()
    return timer
