"""Everything a gateway operation needs, built once at start, and the key it signs with.

The key (link tokens, keyed address hashes) lives outside the database it protects:
``SECRET_KEY`` or the file ``SECRET_KEY_FILE`` (made 0600 with a fresh key if missing).
The database keeps only a check value (an HMAC of a fixed text under the key), so a gateway
started with the wrong or a lost key file refuses instead of silently voiding every
outstanding link and every suppression (an erased customer would be mailed again).
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import os
import stat
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import delete, inspect, select
from sqlalchemy.exc import SQLAlchemyError

from desk_gateway.config import PREFIX, ConfigError, GatewayConfig
from desk_gateway.db.models import GatewaySetting
from desk_gateway.tokens import new_secret_key
from desk_sql.database import Database
from desk_sql.upsert import insert_once

log = logging.getLogger(__name__)

# Where gateways before issue 8 kept the key itself; moved to the key file once.
LEGACY_SECRET_KEY_SETTING = "secret_key"
KEY_CHECK_SETTING = "secret_key_check"


def utc_now() -> datetime:
    return datetime.now(UTC)


@dataclass(frozen=True)
class Gateway:
    db: Database
    config: GatewayConfig
    secret_key: str
    clock: Callable[[], datetime] = utc_now


def key_check(key: str) -> str:
    """What the database keeps to recognise its key (reveals nothing about the key)."""
    return hmac.new(bytes.fromhex(key), b"desk-gateway key check v1", hashlib.sha256).hexdigest()


def create_private_file(path: Path, content: bytes) -> bool:
    """Write a new file readable by its owner only; False if it exists already."""
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return False
    with os.fdopen(fd, "wb") as file:
        file.write(content)
        file.flush()
        os.fsync(file.fileno())
    return True


def _key_file_text(key: str) -> bytes:
    return (key + "\n").encode("ascii")


def read_key_file(path: Path) -> str | None:
    """The key in ``path``; None if there is no such file; ConfigError if it is unusable."""
    try:
        text = path.read_text(encoding="ascii").strip()
    except FileNotFoundError:
        return None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(
            f"{PREFIX}SECRET_KEY_FILE {path} cannot be read ({type(exc).__name__})"
        ) from exc
    if len(text) != 64 or any(c not in "0123456789abcdefABCDEF" for c in text):
        raise ConfigError(f"{PREFIX}SECRET_KEY_FILE {path} does not hold a 64-hex-digit key")
    if os.name == "posix" and stat.S_IMODE(path.stat().st_mode) & 0o077:
        log.warning("the key file %s is readable by others; chmod 600 it", path)
    return text.lower()


def _configured_key(config: GatewayConfig) -> str | None:
    if config.secret_key:
        return config.secret_key.lower()
    return read_key_file(config.secret_key_file)


def _settings(db: Database) -> dict[str, str]:
    with db.read() as s:
        if not inspect(s.connection()).has_table(GatewaySetting.__tablename__):
            return {}
        rows = s.execute(
            select(GatewaySetting.key, GatewaySetting.value).where(
                GatewaySetting.key.in_((LEGACY_SECRET_KEY_SETTING, KEY_CHECK_SETTING))
            )
        )
        return {key: value for key, value in rows}


def _mismatch(where: str) -> ConfigError:
    return ConfigError(
        f"{where} is not the key this database was used with: outstanding links and the "
        "suppression list (keyed address hashes) depend on it. Use the key file of the "
        "gateway that made this database."
    )


def _source(config: GatewayConfig) -> str:
    if config.secret_key:
        return f"{PREFIX}SECRET_KEY"
    return f"{PREFIX}SECRET_KEY_FILE {config.secret_key_file}"


def ensure_secret_key(db: Database, config: GatewayConfig) -> str:
    """The gateway's key: from ``SECRET_KEY`` or the key file (created 0600 when missing).

    A key that an older gateway kept in the database is written to the key file once and
    deleted from the database, so links already sent keep working. Raises ConfigError when
    the key does not match the database (see the module docstring).
    """
    key = resolve_secret_key(db, config)
    with db.write() as s:
        insert_once(s, GatewaySetting, key=KEY_CHECK_SETTING, value=key_check(key))
        s.execute(delete(GatewaySetting).where(GatewaySetting.key == LEGACY_SECRET_KEY_SETTING))
    return key


def resolve_secret_key(db: Database, config: GatewayConfig) -> str:
    """``ensure_secret_key`` without writing to the database (which may not be migrated
    yet: migrations that re-key address hashes need the key)."""
    key = _configured_key(config)
    stored = _settings(db)
    legacy = stored.get(LEGACY_SECRET_KEY_SETTING)
    if legacy is not None:
        legacy = legacy.strip().lower()
        if key is None:
            create_private_file(config.secret_key_file, _key_file_text(legacy))
            key = read_key_file(config.secret_key_file)
            log.info("moved the link key from the database to %s", config.secret_key_file)
        if key != legacy:
            raise _mismatch(_source(config))
    elif key is None:
        if KEY_CHECK_SETTING in stored:
            raise ConfigError(
                f"{_source(config)} does not exist, but this database was used with a key: "
                "copy the key file of the gateway that made this database (a new key would "
                "void every link and the suppression list)"
            )
        try:
            created = create_private_file(config.secret_key_file, _key_file_text(new_secret_key()))
        except OSError as exc:
            raise ConfigError(
                f"cannot create {_source(config)} ({type(exc).__name__}: {exc.strerror})"
            ) from exc
        if created:
            log.info("created a new link key in %s", config.secret_key_file)
        key = read_key_file(config.secret_key_file)
    assert key is not None
    check = stored.get(KEY_CHECK_SETTING)
    if check is not None and not hmac.compare_digest(check, key_check(key)):
        raise _mismatch(_source(config))
    return key


def secret_key_problems(db: Database, config: GatewayConfig) -> list[str]:
    """What ``ensure_secret_key`` would refuse, found without changing anything."""
    try:
        key = _configured_key(config)
        stored = _settings(db)
    except ConfigError as exc:
        return exc.problems
    except SQLAlchemyError as exc:
        return [f"{PREFIX}DATABASE_URL: the database cannot be read ({type(exc).__name__})"]
    legacy = stored.get(LEGACY_SECRET_KEY_SETTING)
    check = stored.get(KEY_CHECK_SETTING)
    if key is None:
        if legacy is None and check is not None:
            return [
                f"{_source(config)} does not exist, but this database was used with a key: "
                "copy the key file of the gateway that made this database"
            ]
        return []  # made (or moved out of the database) at start
    if legacy is not None and legacy.strip().lower() != key:
        return [_mismatch(_source(config)).problems[0]]
    if check is not None and not hmac.compare_digest(check, key_check(key)):
        return [_mismatch(_source(config)).problems[0]]
    return []
