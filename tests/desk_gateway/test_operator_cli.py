"""The operator's commands, as real subprocesses against the gateway's database:
``token rotate`` gives a salon a new token for the same installation (its opt-outs, events
and suppressions stay, the old token stops at once); ``suppression list|remove`` shows keyed
hashes only and lifts a wrongly recorded bounce (not an erasure unless asked); both are
recorded in ``operator_actions``."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest
from sqlalchemy import select

from desk_gateway.config import load_config
from desk_gateway.context import Gateway, ensure_secret_key
from desk_gateway.db.models import OperatorAction, Suppression
from desk_gateway.email_transport import SmtpTransport
from desk_gateway.sms.capture import CaptureProvider
from desk_sql.database import Database
from tests.conftest import Clock

from .conftest import Salon, SmtpRecorder, make_harness
from .support import MOBILE, Harness, message_item
from .test_cli import CLI_KEYS, run_cli

ANNA = "anna.mueller@example.de"


@pytest.fixture
def cli_env(gateway_env: dict[str, str]) -> dict[str, str]:
    return {f"DESK_GATEWAY_{k}": gateway_env[f"DESK_GATEWAY_{k}"] for k in CLI_KEYS}


def actions(harness: Harness) -> list[OperatorAction]:
    with harness.gw.db.read() as s:
        return list(s.scalars(select(OperatorAction).order_by(OperatorAction.id)))


def suppressions(harness: Harness) -> list[tuple[str, str]]:
    with harness.gw.db.read() as s:
        return [(row.address_hash, row.reason) for row in s.scalars(select(Suppression))]


def bounce(harness: Harness, **item: Any) -> dict[str, Any]:
    """A message that the provider reported as a hard bounce (number unknown)."""
    result = harness.submit(**item)
    harness.deliver()
    message = harness.message(result["item"]["client_id"])
    response = harness.client.post(
        "/hooks/capture",
        content=json.dumps(
            {"type": "status", "id": message.provider_id, "status": "bounced", "error": "30005"}
        ).encode(),
        headers={"Content-Type": "application/json"},
    )
    assert response.status_code == 200
    item_sent: dict[str, Any] = result["item"]
    return item_sent


@pytest.fixture
def smtp_harness(
    gateway_env: dict[str, str],
    gateway_db: Database,
    clock: Clock,
    salon: Salon,
    smtp_server: SmtpRecorder,
) -> Iterator[Harness]:
    """Mail through a real SMTP server that refuses dead addresses with 550 5.1.1."""
    env = {
        **gateway_env,
        "DESK_GATEWAY_SMTP_HOST": "127.0.0.1",
        "DESK_GATEWAY_SMTP_PORT": str(smtp_server.port),
        "DESK_GATEWAY_SMTP_SECURITY": "none",
    }
    config = load_config(environ=env)
    assert config.smtp is not None
    gw = Gateway(gateway_db, config, ensure_secret_key(gateway_db, config), clock)
    yield from make_harness(gw, clock, salon, CaptureProvider(), SmtpTransport(config.smtp))


def mail_bounce(harness: Harness, smtp: SmtpRecorder, to: str) -> dict[str, Any]:
    """An email the SMTP server refused for good (no such user): suppressed as bounced."""
    smtp.refuse[to] = f"550 5.1.1 <{to}>: no such user"
    result = harness.submit(to=to)
    harness.deliver()
    assert "message.bounced" in harness.event_types(client_id=result["item"]["client_id"])
    item: dict[str, Any] = result["item"]
    return item


# ---- token rotate ---------------------------------------------------------------------------
def test_rotate_gives_the_same_installation_a_new_token(
    harness: Harness, cli_env: dict[str, str]
) -> None:
    item = harness.submit(channel="email", to=ANNA, category="transactional")["item"]
    harness.deliver()
    token = harness.unsubscribe_token(ANNA)
    assert harness.post_page(f"/u/{token}").status_code == 200  # Anna objected
    seq_before = harness.last_seq()
    old = harness.token

    done = run_cli("token", "rotate", "--name", "Salon Schnittpunkt", env=cli_env)

    assert done.returncode == 0, done.stderr
    new = done.stdout.strip()
    assert new and new != old
    refused = harness.client.get("/v1/events", headers=harness.auth(old))
    assert refused.status_code == 401
    # Same installation: the log continues, and Anna's objection still counts.
    page = harness.client.get("/v1/events", headers=harness.auth(new), params={"after": 0})
    assert page.status_code == 200
    assert page.json()["last_seq"] == seq_before
    marketing = harness.post_messages(
        [message_item(to=ANNA, customer_ref=item["customer_ref"], category="service_info")],
        token=new,
    )
    assert marketing[0]["result"] == "rejected"
    (action,) = [a for a in actions(harness) if a.action == "token.rotate"]
    assert action.installation_id == harness.installation_id
    assert action.detail["name"] == "Salon Schnittpunkt"
    assert new not in json.dumps(action.detail) and old not in json.dumps(action.detail)


def test_rotate_reopens_a_revoked_installation(harness: Harness, cli_env: dict[str, str]) -> None:
    assert run_cli("token", "revoke", "--name", "Salon Schnittpunkt", env=cli_env).returncode == 0
    assert harness.client.get("/v1/events", headers=harness.auth()).status_code == 401

    done = run_cli("token", "rotate", "--name", "Salon Schnittpunkt", "--json", env=cli_env)

    assert done.returncode == 0, done.stderr
    new = json.loads(done.stdout)["token"]
    assert harness.client.get("/v1/events", headers=harness.auth(new)).status_code == 200
    assert harness.client.get("/v1/events", headers=harness.auth()).status_code == 401
    assert [a.action for a in actions(harness)] == ["token.revoke", "token.rotate"]


def test_rotating_an_unknown_installation_fails(cli_env: dict[str, str]) -> None:
    done = run_cli("token", "rotate", "--name", "Gibt es nicht", env=cli_env)

    assert done.returncode == 1
    assert done.stdout == ""
    assert "Gibt es nicht" in done.stderr


# ---- suppression list / remove --------------------------------------------------------------
def test_suppression_list_shows_hashes_never_addresses(
    smtp_harness: Harness, smtp_server: SmtpRecorder, cli_env: dict[str, str]
) -> None:
    harness = smtp_harness
    bounce(harness, channel="sms", to=MOBILE)
    mail_bounce(harness, smtp_server, ANNA)

    listed = run_cli("suppression", "list", "--json", env=cli_env)
    text = run_cli("suppression", "list", "--installation", "Salon Schnittpunkt", env=cli_env)

    assert listed.returncode == 0, listed.stderr
    rows = json.loads(listed.stdout)
    assert {r["reason"] for r in rows} == {"bounced"}
    assert {r["address_hash"] for r in rows} == {h for h, _ in suppressions(harness)}
    assert all(r["installation"] == "Salon Schnittpunkt" for r in rows)
    for output in (listed.stdout + listed.stderr, text.stdout + text.stderr):
        for address in (MOBILE, MOBILE.removeprefix("+"), "15112345678", ANNA):
            assert address not in output
    assert len(text.stdout.strip().splitlines()) == 2


def test_suppression_list_of_an_unknown_installation_fails(cli_env: dict[str, str]) -> None:
    done = run_cli("suppression", "list", "--installation", "Niemand", env=cli_env)

    assert done.returncode == 1


def test_removing_a_wrong_bounce_lets_the_number_be_texted_and_tells_the_desktop(
    harness: Harness, cli_env: dict[str, str]
) -> None:
    item = bounce(harness, channel="sms", to=MOBILE)
    refused = harness.submit(channel="sms", to=MOBILE, customer_ref=item["customer_ref"])
    assert refused["code"] == "suppressed"
    seen = harness.last_seq()

    done = run_cli(
        "suppression",
        "remove",
        "--installation",
        "Salon Schnittpunkt",
        "--address",
        "+49 151 1234 5678",  # typed as people type it: the same number
        "--json",
        env=cli_env,
    )

    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert result["removed"] is True and result["reason"] == "bounced"
    assert suppressions(harness) == []
    assert harness.submit(channel="sms", to=MOBILE)["result"] == "accepted"
    (event,) = [e for e in harness.events(after=seen) if e["type"] == "address.unsuppressed"]
    assert event["customer_ref"] == item["customer_ref"]
    assert event["channel"] == "sms"
    assert event["data"] == {"reason": "bounced"}
    (action,) = [a for a in actions(harness) if a.action == "suppression.remove"]
    assert action.installation_id == harness.installation_id
    assert action.detail["reason"] == "bounced"
    recorded = json.dumps(action.detail)
    assert "15112345678" not in recorded and "1234 5678" not in recorded
    assert done.stderr.count("15112345678") == 0


def test_removing_an_email_bounce_tells_every_customer_of_that_address(
    smtp_harness: Harness, smtp_server: SmtpRecorder, cli_env: dict[str, str]
) -> None:
    harness = smtp_harness
    first = mail_bounce(harness, smtp_server, ANNA)
    # The same address under another customer (a duplicate entry at the salon).
    second = harness.submit(to=ANNA.upper())  # refused: suppressed, but it names the customer
    assert second["code"] == "suppressed"
    seen = harness.last_seq()

    done = run_cli(
        "suppression",
        "remove",
        "--installation",
        "Salon Schnittpunkt",
        "--address",
        "Anna.Mueller@Example.de",
        env=cli_env,
    )

    assert done.returncode == 0, done.stderr
    told = [e for e in harness.events(after=seen) if e["type"] == "address.unsuppressed"]
    assert {e["customer_ref"] for e in told} == {
        first["customer_ref"],
        second["item"]["customer_ref"],
    }
    assert {e["channel"] for e in told} == {"email"}
    smtp_server.refuse.clear()
    assert harness.submit(to=ANNA)["result"] == "accepted"


def test_an_erasure_is_not_lifted_without_asking(harness: Harness, cli_env: dict[str, str]) -> None:
    item = harness.submit(to=ANNA)["item"]
    harness.deliver()
    erased = harness.client.post(
        f"/v1/customers/{item['customer_ref']}/erase", headers=harness.auth()
    )
    assert erased.status_code == 200
    args = ("suppression", "remove", "--installation", "Salon Schnittpunkt", "--address", ANNA)

    refused = run_cli(*args, env=cli_env)
    still = harness.submit(to=ANNA)
    lifted = run_cli(*args, "--erased", env=cli_env)

    assert refused.returncode == 1
    assert "--erased" in refused.stderr
    assert still["code"] == "suppressed"
    assert lifted.returncode == 0, lifted.stderr
    assert harness.submit(to=ANNA)["result"] == "accepted"
    (action,) = [a for a in actions(harness) if a.action == "suppression.remove"]
    assert action.detail["reason"] == "erased"


@pytest.mark.parametrize(
    ("installation", "address", "message"),
    [
        ("Salon Schnittpunkt", "niemand@example.de", "not suppressed"),
        ("Niemand", ANNA, "no installation"),
        ("Salon Schnittpunkt", "kein-Telefon", "neither an email address nor a phone number"),
    ],
)
def test_remove_refuses_what_it_cannot_find(
    smtp_harness: Harness,
    smtp_server: SmtpRecorder,
    cli_env: dict[str, str],
    installation: str,
    address: str,
    message: str,
) -> None:
    harness = smtp_harness
    mail_bounce(harness, smtp_server, ANNA)

    done = run_cli(
        "suppression", "remove", "--installation", installation, "--address", address, env=cli_env
    )

    assert done.returncode == 1
    assert message in done.stderr
    assert len(suppressions(harness)) == 1
    assert [a for a in actions(harness) if a.action == "suppression.remove"] == []
