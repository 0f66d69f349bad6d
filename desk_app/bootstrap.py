"""Building the object graph: configuration → database (upgraded) → services.

Every ``desk-app`` command starts here, so what only some starts need is imported where
it is used: Alembic when the schema must be upgraded (``migrate`` imports it then), the
HTTP client (requests) when a gateway is opened.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping, Sequence
from datetime import datetime
from typing import TYPE_CHECKING, Any

from desk_app.config import secrets
from desk_app.config.environment import database_url
from desk_app.config.paths import data_dir_path, templates_dir
from desk_app.db import migrate
from desk_app.db.changes import open_change_feed
from desk_app.db.engine import Database, create_database_engine
from desk_app.domain.errors import GatewayNotConfigured
from desk_app.gateway.port import (
    BookingOutcome,
    ConsentRequest,
    EventPage,
    GatewayError,
    GatewayPort,
    GatewayStatus,
    ItemResult,
    OutgoingMessage,
)
from desk_app.services.changes import ChangeWatch
from desk_app.services.container import Services, build_services, utc_now
from desk_sql.errors import known_storage_errors

if TYPE_CHECKING:
    from desk_app.services.privacy import GatewayOpener
    from desk_app.services.sync import SyncService

log = logging.getLogger(__name__)


def open_services(url: str | None, upgrade: bool = True) -> Services:
    """Open the database (upgrading its schema after a backup) and build the services."""
    # A mistyped address, a damaged file or an unreachable server is the environment, not
    # a bug.
    with known_storage_errors():
        engine = create_database_engine(database_url(url))
        if upgrade and migrate.needs_upgrade(engine):
            backup = migrate.backup_before_upgrade(engine)
            if backup is not None:
                log.info("backed up the database to %s before upgrading", backup)
            migrate.upgrade(engine)
    return build_services(
        Database(engine), templates_dir(), backup_folder=data_dir_path() / "backups"
    )


def open_sync(
    services: Services,
    token: str | None = None,
    clock: Callable[[], datetime] = utc_now,
) -> SyncService:
    """The sync service for the configured gateway (URL in the salon settings, token in
    the keyring or DESK_APP_GATEWAY_TOKEN, unless given). ``clock``: tests move it."""
    url = services.catalogue.salon_settings().gateway_url
    if not url:
        raise GatewayNotConfigured("url")
    token = token or secrets.gateway_token(url)
    if not token:
        raise GatewayNotConfigured("token")
    from desk_app.gateway.client import GatewayClient
    from desk_app.services.messages import MessageTemplates
    from desk_app.services.online_sync import OnlineSync
    from desk_app.services.sync import SyncService

    gateway = GatewayClient(url, token)
    online = OnlineSync(
        gateway,
        services.online_booking,
        services.online_availability,
        clock,
    )
    return SyncService(
        services.db,
        gateway,
        url,
        services.outbox,
        MessageTemplates(templates_dir()),
        clock,
        services.privacy,
        online,
    )


def open_change_watch(services: Services) -> ChangeWatch:
    """Notices writes by other counter PCs (for refreshing the screens)."""
    return ChangeWatch(open_change_feed(services.db.engine))


def gateway_opener(services: Services, token: str | None = None) -> GatewayOpener:
    """Opens the configured gateway for one use case (Art. 15 export, Art. 17 erasure).

    Asks the settings and the keyring each time, so a gateway set up after the start is
    used; None without a gateway URL. A gateway without a token (and none given) is a
    port that fails every call like a refused login: the export says so and an erasure
    stays pending instead of being forgotten."""

    def open_port() -> GatewayPort | None:
        url = services.catalogue.salon_settings().gateway_url
        if not url:
            return None
        known = token or secrets.gateway_token(url)
        if not known:
            return _NoToken()
        from desk_app.gateway.client import GatewayClient

        return GatewayClient(url, known)

    return open_port


class _NoToken:
    """A gateway port for a gateway set up without a token: every call is refused."""

    def _fail(self) -> GatewayError:
        return GatewayError("unauthorized", "no token for the gateway")

    def send_messages(self, items: Sequence[OutgoingMessage]) -> list[ItemResult]:
        raise self._fail()

    def request_consent(self, request: ConsentRequest) -> ItemResult:
        raise self._fail()

    def events(self, after: int, limit: int = 100, wait: float = 0) -> EventPage:
        raise self._fail()

    def status(self) -> GatewayStatus | None:
        raise self._fail()

    def publish_availability(self, snapshot: Mapping[str, Any]) -> int:
        raise self._fail()

    def report_booking_outcome(self, outcome: BookingOutcome) -> None:
        raise self._fail()

    def release_waitlist_claim(self, offer_ref: str, *, waiting: bool = True) -> None:
        raise self._fail()

    def export_customer(self, customer_ref: str) -> dict[str, Any]:
        raise self._fail()

    def erase_customer(self, customer_ref: str) -> dict[str, Any]:
        raise self._fail()

    def close(self) -> None:
        pass
