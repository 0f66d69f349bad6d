"""What every screen needs, handed down explicitly (no global app object)."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QSettings

from desk_app.services.container import Services
from desk_app.ui.tasks import TaskRunner


@dataclass(frozen=True)
class UiContext:
    services: Services
    db: TaskRunner  # all database work, one at a time, in order
    gateway: TaskRunner  # sync and other HTTP, so a slow network never delays the counter
    settings: QSettings  # per-PC preferences (window state, last staff member, language)
    time_zone: str  # the salon's, for showing times
