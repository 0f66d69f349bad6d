"""Everything a gateway operation needs, built once at start."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import select

from desk_gateway.config import GatewayConfig
from desk_gateway.db.models import GatewaySetting
from desk_gateway.tokens import new_secret_key
from desk_sql.database import Database

SECRET_KEY_SETTING = "secret_key"


def utc_now() -> datetime:
    return datetime.now(UTC)


@dataclass(frozen=True)
class Gateway:
    db: Database
    config: GatewayConfig
    secret_key: str
    clock: Callable[[], datetime] = utc_now


def ensure_secret_key(db: Database) -> str:
    """The key for link tokens and address hashes: made once, then kept in the database.

    Losing it only invalidates outstanding links; it is not a credential for anything else.
    """
    with db.write() as s:
        stored = s.scalar(
            select(GatewaySetting.value).where(GatewaySetting.key == SECRET_KEY_SETTING)
        )
        if stored:
            return stored
        key = new_secret_key()
        s.add(GatewaySetting(key=SECRET_KEY_SETTING, value=key))
        return key
