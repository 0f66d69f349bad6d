"""The status bar's backup warning (issue 13): hidden while the newest good backup is
recent enough, else a clickable "No backup for 3 days" that leads to the backup
settings. It only shows what it is given (``update_from``); the composition root asks
the backup service on the database worker now and then.

A flat button, so it is reached with the keyboard too; its ``clicked`` opens the settings.
"""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from PySide6.QtWidgets import QPushButton, QWidget

from desk_app.services.backups import BackupStatus
from desk_app.texts import error_text
from desk_app.ui.style.tone import Tone, set_tone


class BackupWarning(QPushButton):
    def __init__(self, time_zone: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("backupWarning")
        self.setFlat(True)
        set_tone(self, Tone.WARNING, strong=True)
        self._time_zone = time_zone
        self.hide()  # until a status says otherwise

    def update_from(self, status: BackupStatus, now: datetime | None = None) -> None:
        self.setVisible(status.too_old)
        if not status.too_old:
            return
        now = now or datetime.now(UTC)
        if status.newest is None:
            text = self.tr("⚠ No backup yet")
            details = self.tr("No backup was found in {folder}.").format(folder=status.folder)
        else:
            zone = ZoneInfo(self._time_zone)
            days = (now.astimezone(zone).date() - status.newest.astimezone(zone).date()).days
            text = self.tr("⚠ No backup for %n day(s)", "", days)
            details = self.tr("The newest good backup in {folder} is from {time}.").format(
                folder=status.folder,
                time=error_text.format_moment(status.newest, self._time_zone),
            )
        if status.backend == "postgresql":
            details += "\n" + self.tr(
                "The database server's pg_dump should write a dump there every day."
            )
        self.setText(text)
        self.setToolTip(details + "\n" + self.tr("Click to open the backup settings."))
