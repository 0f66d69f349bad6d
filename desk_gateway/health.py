"""How the gateway's own ways out are doing: the SMTP server and the SMS provider.

When a transport fails in a way that is not about one message (wrong password, server
down, TLS broken, provider outage), the messages keep their tries and the transport
pauses instead, with growing pauses up to ``TRANSPORT_BACKOFF_MAX``. The state lives in
the database (``transport_health``), so every gateway process sees it and desktops read
it from ``GET /v1/status``. A change of state is logged once: WARNING when a transport
starts failing, INFO when it works again (with a code, never the server's text, which
may quote an address).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from desk_gateway.context import Gateway
from desk_gateway.db.models import TransportHealth
from desk_gateway.enforcement import channel_available
from desk_sql.upsert import insert_once

log = logging.getLogger(__name__)

TRANSPORTS = ("email", "sms")
BACKOFF_BASE = timedelta(seconds=5)
# What /v1/status reports as the reason; anything else a transport says is "provider_error".
ERROR_CODES = frozenset(
    {
        "auth_failed",
        "connection_failed",
        "tls_failed",
        "sender_refused",
        "server_error",
        "timeout",
        "provider_error",
    }
)


@dataclass(frozen=True)
class Health:
    transport: str
    state: str  # ok | failing
    error: str | None = None
    since: datetime | None = None
    next_try_at: datetime | None = None

    def may_try(self, now: datetime) -> bool:
        return self.next_try_at is None or self.next_try_at <= now


def read(s: Session) -> dict[str, Health]:
    """Every transport's state (``ok`` for one that never failed)."""
    found = {
        row.transport: Health(row.transport, row.state, row.error, row.since, row.next_try_at)
        for row in s.scalars(select(TransportHealth))
    }
    return {name: found.get(name, Health(name, "ok")) for name in TRANSPORTS}


def backoff(failures: int, cap_seconds: float) -> timedelta:
    """5 s, 10 s, 20 s, … up to the cap."""
    exponent = min(max(failures - 1, 0), 30)
    return min(BACKOFF_BASE * (1 << exponent), timedelta(seconds=cap_seconds))


def record_failure(gw: Gateway, transport: str, error: str) -> datetime:
    """The transport failed (again); returns when it may be tried next."""
    code = error if error in ERROR_CODES else "provider_error"
    now = gw.clock()
    with gw.db.write() as s:
        insert_once(s, TransportHealth, transport=transport, state="ok", failures=0, updated_at=now)
        row = s.scalars(
            select(TransportHealth).where(TransportHealth.transport == transport).with_for_update()
        ).one()
        started = row.state != "failing"
        row.failures = 1 if started else row.failures + 1
        row.state, row.error, row.updated_at = "failing", code, now
        row.since = now if started or row.since is None else row.since
        row.next_try_at = now + backoff(row.failures, gw.config.transport_backoff_max)
        next_try = row.next_try_at
    if started:  # logged once, by the worker that saw it start
        log.warning(
            "%s transport failing (%s); messages wait, keeping their tries", transport, code
        )
    return next_try


def record_ok(gw: Gateway, transport: str) -> bool:
    """The transport worked; True if that ended a failure (logged once)."""
    now = gw.clock()
    with gw.db.write() as s:
        ended = s.execute(
            update(TransportHealth)
            .where(TransportHealth.transport == transport, TransportHealth.state == "failing")
            .values(state="ok", error=None, since=None, failures=0, next_try_at=None)
            .values(updated_at=now)
            .returning(TransportHealth.transport)
        ).first()
    if ended is not None:
        log.info("%s transport works again", transport)
    return ended is not None


def status(gw: Gateway) -> dict[str, Any]:
    """The body of GET /v1/status."""
    with gw.db.read() as s:
        health = read(s)
    transports: dict[str, Any] = {}
    for name in TRANSPORTS:
        if not channel_available(gw.config, name):
            transports[name] = {"state": "unavailable", "error": None, "since": None}
            continue
        state = health[name]
        transports[name] = {
            "state": state.state,
            "error": state.error,
            "since": state.since.isoformat() if state.since else None,
        }
    return {"transports": transports}
