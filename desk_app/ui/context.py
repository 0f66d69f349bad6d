"""What every screen needs, handed down explicitly (no global app object).

Screens get the services (``UseCases``), never the ``Database``: they show and ask, the
services do the work.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings

from desk_app.services.container import UseCases
from desk_app.ui.signed_in import SignedIn
from desk_app.ui.tasks import TaskRunner

if TYPE_CHECKING:
    from desk_app.services.privacy import GatewayOpener


def no_gateway() -> None:
    """The gateway opener of a window without a gateway (and of most tests)."""
    return None


@dataclass(frozen=True)
class UiContext:
    services: UseCases
    db_tasks: TaskRunner  # all database work, one at a time, in order
    gateway_tasks: TaskRunner  # sync and other HTTP, so a slow network never delays the counter
    # Per-PC preferences (window state, last staff member, language), keys declared in
    # ui/preferences.py; the salon's settings are in the database (SalonSettings).
    preferences: QSettings
    time_zone: str  # the salon's, for showing times
    # Opens the configured gateway for one use case; call it on the gateway worker only
    # (it reads the settings and the keyring), and the use case closes the port.
    open_gateway: GatewayOpener = no_gateway
    # Who acts at this window; screens pass ``signed_in.actor`` with each use case.
    signed_in: SignedIn = field(default_factory=SignedIn)
