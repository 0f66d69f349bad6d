"""The whole consent story with real processes: desktop CLI → gateway → SMTP → customer click.

All on loopback: aiosmtpd receives the mails, the gateway runs as its own process, the
desktop is driven through its command line exactly as a script would.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from email.message import EmailMessage

import pytest
import requests

from tests.e2e.conftest import Desk, GatewayProcess, Mailbox

pytestmark = pytest.mark.slow


def _text(mail: EmailMessage) -> str:
    part = mail.get_body(preferencelist=("plain",))
    assert part is not None
    return str(part.get_content())


def _link(mail: EmailMessage, kind: str) -> str:
    found = re.search(rf"http://127\.0\.0\.1:\d+/{kind}/[A-Za-z0-9_-]+", _text(mail))
    assert found, _text(mail)
    return found.group(0)


def _consent(desk: Desk, customer_id: int) -> dict[str, object]:
    data = desk("consent", "show", str(customer_id), "--json").json()
    assert isinstance(data, dict)
    return data


def test_double_opt_in_then_one_click_unsubscribe(
    desk: Desk, gateway: GatewayProcess, mailbox: Mailbox
) -> None:
    customer = desk(
        "customers", "add", "--first-name", "Anna", "--last-name", "Müller",
        "--email", "anna.mueller@example.org", "--json",
    ).json()  # fmt: skip
    cid = str(customer["id"])
    desk("staff", "add", "Tanja Groß", "--role", "reception")
    desk("settings", "set", "salon_name", "Haarwerk Müller")
    desk("settings", "set", "gateway_url", gateway.url)
    desk(
        "consent", "declare", cid, "--channel", "email", "--source", "phone",
        "--staff", "Tanja Groß", "--customer-agreed",
    )  # fmt: skip
    desk("sync", "--once")

    # The confirmation mail reaches the real SMTP server.
    [confirmation] = mailbox.wait_for(1)
    assert confirmation["To"] == "anna.mueller@example.org"
    assert "Haarwerk Müller" in confirmation["Subject"]
    confirm_url = _link(confirmation, "c")

    # A GET (what mail scanners do) shows the page but confirms nothing.
    page = requests.get(confirm_url, timeout=10)
    assert page.status_code == 200 and "Ja, ich willige ein" in page.text
    desk("sync", "--once")
    email = _consent(desk, int(cid))["channels"]["email"]  # type: ignore[index]
    assert email["state"] == "pending"
    assert [h["event"] for h in email["evidence"]["history"]] == [
        "declared",
        "request_sent",
        "link_viewed",
    ]

    # The customer presses the button.
    clicked_at = datetime.now(UTC)
    answer = requests.post(confirm_url, headers={"User-Agent": "E2E-Browser/1.0"}, timeout=10)
    assert answer.status_code == 200 and "bestätigt" in answer.text
    desk("sync", "--once")
    email = _consent(desk, int(cid))["channels"]["email"]  # type: ignore[index]
    assert email["state"] == "confirmed"
    evidence = email["evidence"]
    assert evidence["user_agent"] == "E2E-Browser/1.0"
    assert evidence["ip"] == "127.0.0.1"
    confirmed_at = datetime.fromisoformat(evidence["confirmed_at"])
    assert abs(confirmed_at - clicked_at) < timedelta(seconds=10)

    # A marketing message now goes out, with RFC 8058 one-click unsubscribe headers.
    desk(
        "outbox", "queue", "--customer", cid, "--channel", "email", "--category", "marketing",
        "--subject", "Winteraktion", "--text", "20 % auf alle Pflegeprodukte bis Samstag.",
    )  # fmt: skip
    desk("sync", "--once")
    mails = mailbox.wait_for(2)
    promotion = mails[1]
    assert promotion["Subject"] == "Winteraktion"
    assert promotion["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    unsubscribe_url = str(promotion["List-Unsubscribe"]).strip().strip("<>")
    assert unsubscribe_url.startswith(gateway.url + "/u/")
    assert unsubscribe_url in _text(promotion)

    # The mail client's one-click POST: no redirect, no cookie needed.
    one_click = requests.post(
        unsubscribe_url,
        data="List-Unsubscribe=One-Click",
        headers={"Content-Type": "application/x-www-form-urlencoded"},
        allow_redirects=False,
        timeout=10,
    )
    assert one_click.status_code == 200
    assert "set-cookie" not in one_click.headers
    desk("sync", "--once")
    assert _consent(desk, int(cid))["objected"] is True

    # The desktop refuses the next marketing message with reason "objected" …
    refused = desk(
        "outbox", "queue", "--customer", cid, "--channel", "email", "--category", "marketing",
        "--subject", "Noch eine Aktion", "--text", "Nur heute!", "--json", check=False,
    )  # fmt: skip
    assert refused.code == 1
    assert '"reason": "objected"' in refused.stderr
    # … and the gateway refuses it too, should a stale desktop send it anyway.
    ref = desk("customers", "show", cid, "--json").json()["ref"]
    answer = gateway.api(
        "POST",
        "/v1/messages",
        {
            "items": [
                {
                    "client_id": "stale-desktop-1",
                    "channel": "email",
                    "category": "marketing",
                    "to": "anna.mueller@example.org",
                    "subject": "Noch eine Aktion",
                    "text": "Nur heute!",
                    "customer_ref": ref,
                    "basis_ref": evidence["request_id"],
                }
            ]
        },
    )
    assert answer.json()["results"] == [
        {"client_id": "stale-desktop-1", "result": "rejected", "code": "suppressed"}
    ]
    assert len(mailbox.messages) == 2
