"""Logging in to the mail/SMS gateway (issue 12): the address is stored and the login
is in the audit log, one entry per login, naming the gateway and never the token.

The token itself goes to the keyring through the caller's ``store_token`` (the services
never touch the keyring): called after the right to change settings is checked, inside
the transaction, so a refused member stores no token and a token that could not be
stored leaves no address and no entry.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from sqlalchemy.orm import Session

from desk_app.db.engine import Database
from desk_app.domain.access import Actor
from desk_app.domain.enums import AuditAction, Permission
from desk_app.services.access_guard import authorize
from desk_app.services.audit import record
from desk_app.services.settings_store import store_settings


def record_gateway_login(s: Session, actor: Actor, at: datetime, url: str) -> None:
    """The audit entry of one login, in the caller's transaction (``actor``: as
    ``authorize`` returned it)."""
    record(s, actor, AuditAction.GATEWAY_LOGIN, at, "gateway", {"gateway_url": url})


class GatewayLoginService:
    def __init__(self, db: Database, clock: Callable[[], datetime]) -> None:
        self._db = db
        self._clock = clock

    def log_in(self, url: str, store_token: Callable[[], None], *, actor: Actor) -> str:
        """Store the gateway address ``url`` (checked as the setting is) after
        ``store_token`` stored the proven token; returns the address as stored."""
        with self._db.write() as s:
            current = authorize(s, actor, Permission.CHANGE_SETTINGS)
            stored = store_settings(s, {"gateway_url": url})
            store_token()
            # One entry: the login names the address it stored (a second, "settings
            # changed" entry would count one action twice).
            record_gateway_login(s, current, self._clock(), stored["gateway_url"])
            return stored["gateway_url"]
