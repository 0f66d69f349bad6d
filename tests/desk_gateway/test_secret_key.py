"""The key that signs link tokens and hashes suppressed addresses lives outside the database:
in ``SECRET_KEY`` or a key file made 0600. A key an older gateway kept in the database moves
to the file once, and links already sent keep working. A key that does not fit the database
(wrong or lost file) is refused: a new one would silently void every link and suppression."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select

from desk_gateway.config import ConfigError, load_config
from desk_gateway.context import KEY_CHECK_SETTING, LEGACY_SECRET_KEY_SETTING, Gateway
from desk_gateway.db.models import CapturedMessage, GatewaySetting, Installation
from desk_gateway.delivery import DeliveryWorker
from desk_gateway.email_transport import CaptureTransport
from desk_gateway.server import assemble
from desk_gateway.sms.capture import CaptureProvider
from desk_gateway.tokens import new_bearer_token, new_secret_key, sha256_hex
from desk_gateway.web.app import create_app
from desk_sql.database import Database

from .conftest import TestClient
from .support import message_item, one_link
from .test_cli import all_rows_text, run_cli

posix_only = pytest.mark.skipif(os.name != "posix", reason="file modes are POSIX")


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def settings(db: Database) -> dict[str, str]:
    with db.read() as s:
        return {row.key: row.value for row in s.scalars(select(GatewaySetting))}


@pytest.fixture
def key_file(gateway_env: dict[str, str]) -> Path:
    return Path(gateway_env["DESK_GATEWAY_SECRET_KEY_FILE"])


def start(env: dict[str, str]) -> None:
    """Start (assemble) a gateway and close it again."""
    built = assemble(load_config(environ=env))
    built.gateway.db.dispose()


@posix_only
def test_a_new_gateway_makes_a_private_key_file_and_keeps_no_key_in_the_database(
    gateway_env: dict[str, str], key_file: Path, gateway_db: Database
) -> None:
    assert not key_file.exists()

    start(gateway_env)

    key = key_file.read_text().strip()
    assert len(key) == 64 and int(key, 16) >= 0
    assert mode(key_file) == 0o600
    assert LEGACY_SECRET_KEY_SETTING not in settings(gateway_db)
    assert KEY_CHECK_SETTING in settings(gateway_db)
    assert key not in all_rows_text(gateway_db)
    start(gateway_env)  # the second start reads the same file
    assert key_file.read_text().strip() == key


@pytest.fixture
def old_gateway(gateway_env: dict[str, str], gateway_db: Database) -> Iterator[dict[str, str]]:
    """A gateway as it was before: its key in gateway_settings. It sent one mail (with an
    unsubscribe link) and erased one customer (a keyed hash on the suppression list)."""
    key = new_secret_key()
    with gateway_db.write() as s:
        s.add(GatewaySetting(key=LEGACY_SECRET_KEY_SETTING, value=key))
    token = new_bearer_token()
    with gateway_db.write() as s:
        s.add(Installation(name="Haarwerk", token_hash=sha256_hex(token)))
    gw = Gateway(gateway_db, load_config(environ=gateway_env), key)
    headers = {"Authorization": f"Bearer {token}"}
    kept = message_item(to="bleibt@example.de")
    erased = message_item(to="geloescht@example.de")
    with TestClient(create_app(gw, CaptureProvider(), None)) as client:
        client.post("/v1/messages", json={"items": [kept, erased]}, headers=headers)
        DeliveryWorker(gw, CaptureTransport(gateway_db), CaptureProvider()).run_once()
        client.post(f"/v1/customers/{erased['customer_ref']}/erase", headers=headers)
    with gateway_db.read() as s:
        mail = s.scalar(
            select(CapturedMessage.text).where(CapturedMessage.to_address == "bleibt@example.de")
        )
    assert mail is not None
    link = one_link(mail, "u")
    yield {"key": key, "token": token, "link": link}


def test_a_key_kept_in_the_database_moves_to_the_key_file_and_old_links_keep_working(
    gateway_env: dict[str, str],
    key_file: Path,
    gateway_db: Database,
    old_gateway: dict[str, str],
) -> None:
    built = assemble(load_config(environ=gateway_env))
    try:
        headers = {"Authorization": f"Bearer {old_gateway['token']}"}
        with TestClient(built.app) as client:
            unsubscribed = client.post(
                f"/u/{old_gateway['link']}",
                content=b"List-Unsubscribe=One-Click",
                headers={"Content-Type": "application/x-www-form-urlencoded"},
            )
            again = client.post(
                "/v1/messages",
                json={"items": [message_item(to="geloescht@example.de")]},
                headers=headers,
            )
    finally:
        built.gateway.db.dispose()

    assert key_file.read_text().strip() == old_gateway["key"]
    if os.name == "posix":
        assert mode(key_file) == 0o600
    assert LEGACY_SECRET_KEY_SETTING not in settings(gateway_db)
    assert old_gateway["key"] not in all_rows_text(gateway_db)
    assert unsubscribed.status_code == 200
    assert "abgemeldet" in unsubscribed.text
    # The erased customer's address is still recognised (the hash was made with that key).
    assert again.json()["results"][0]["code"] == "suppressed"


def test_a_key_file_that_does_not_fit_the_database_is_refused(
    gateway_env: dict[str, str], key_file: Path, old_gateway: dict[str, str]
) -> None:
    key_file.write_text(new_secret_key() + "\n")

    with pytest.raises(ConfigError) as refused:
        start(gateway_env)

    assert "not the key this database was used with" in str(refused.value)
    assert old_gateway["key"] not in str(refused.value)


def test_a_wrong_key_file_after_the_move_is_refused_by_serve(
    gateway_env: dict[str, str], key_file: Path, old_gateway: dict[str, str]
) -> None:
    start(gateway_env)
    key_file.write_text(new_secret_key() + "\n")

    served = run_cli("serve", "--port", "1", env=gateway_env)
    checked = run_cli("check-config", env=gateway_env)

    assert served.returncode == 2
    assert "not the key this database was used with" in served.stderr
    assert checked.returncode == 2
    assert "not the key this database was used with" in checked.stderr


def test_a_lost_key_file_is_refused_and_not_replaced(
    gateway_env: dict[str, str], key_file: Path
) -> None:
    start(gateway_env)
    key_file.unlink()

    with pytest.raises(ConfigError) as refused:
        start(gateway_env)

    assert "does not exist, but this database was used with a key" in str(refused.value)
    assert not key_file.exists()


def test_a_malformed_key_file_is_refused(gateway_env: dict[str, str], key_file: Path) -> None:
    key_file.write_text("not a key\n")

    with pytest.raises(ConfigError) as refused:
        start(gateway_env)

    assert "does not hold a 64-hex-digit key" in str(refused.value)


def test_the_key_may_come_from_the_environment(
    gateway_env: dict[str, str], key_file: Path, gateway_db: Database
) -> None:
    key = new_secret_key()
    env = {k: v for k, v in gateway_env.items() if k != "DESK_GATEWAY_SECRET_KEY_FILE"}
    env["DESK_GATEWAY_SECRET_KEY"] = key

    start(env)
    start(env)
    with pytest.raises(ConfigError):
        start({**env, "DESK_GATEWAY_SECRET_KEY": new_secret_key()})

    assert not key_file.exists() and not Path("desk-gateway.key").exists()
    assert key not in all_rows_text(gateway_db)


def test_the_key_in_the_database_is_moved_even_when_given_in_the_environment(
    gateway_env: dict[str, str], gateway_db: Database, old_gateway: dict[str, str]
) -> None:
    env = {k: v for k, v in gateway_env.items() if k != "DESK_GATEWAY_SECRET_KEY_FILE"}

    with pytest.raises(ConfigError):
        start({**env, "DESK_GATEWAY_SECRET_KEY": new_secret_key()})
    start({**env, "DESK_GATEWAY_SECRET_KEY": old_gateway["key"]})

    assert LEGACY_SECRET_KEY_SETTING not in settings(gateway_db)
