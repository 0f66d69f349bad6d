"""Building the object graph: configuration → database (upgraded) → services."""

from __future__ import annotations

import logging

from desk_app.config import secrets
from desk_app.config.environment import database_url
from desk_app.config.paths import templates_dir
from desk_app.db import migrate
from desk_app.db.changes import open_change_feed
from desk_app.db.engine import Database, create_database_engine
from desk_app.domain.errors import GatewayNotConfigured
from desk_app.gateway.client import GatewayClient
from desk_app.services.changes import ChangeWatch
from desk_app.services.container import Services, build_services, utc_now
from desk_app.services.messages import MessageTemplates
from desk_app.services.sync import SyncService
from desk_sql.errors import known_storage_errors

log = logging.getLogger(__name__)


def open_services(url: str | None, upgrade: bool = True) -> Services:
    """Open the database (upgrading its schema after a backup) and build the services."""
    engine = create_database_engine(database_url(url))
    # A damaged file or an unreachable server is the environment, not a bug.
    with known_storage_errors():
        if upgrade and migrate.needs_upgrade(engine):
            backup = migrate.backup_before_upgrade(engine)
            if backup is not None:
                log.info("backed up the database to %s before upgrading", backup)
            migrate.upgrade(engine)
    return build_services(Database(engine), templates_dir())


def open_sync(services: Services, token: str | None = None) -> SyncService:
    """The sync service for the configured gateway (URL in the salon settings, token in
    the keyring or DESK_APP_GATEWAY_TOKEN, unless given)."""
    url = services.catalogue.salon_settings().gateway_url
    if not url:
        raise GatewayNotConfigured("url")
    token = token or secrets.gateway_token(url)
    if not token:
        raise GatewayNotConfigured("token")
    return SyncService(
        services.db,
        GatewayClient(url, token),
        url,
        services.outbox,
        MessageTemplates(templates_dir()),
        utc_now,
        services.privacy,
    )


def open_change_watch(services: Services) -> ChangeWatch:
    """Notices writes by other counter PCs (for refreshing the screens)."""
    return ChangeWatch(open_change_feed(services.db.engine))
