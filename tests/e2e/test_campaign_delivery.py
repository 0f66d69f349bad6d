"""A campaign from the command line to a real SMTP server, through the real gateway.

Two customers: one confirmed the double opt-in (by clicking the real link), one never did.
The campaign preview names the second one with ``no_consent``; sending and syncing delivers
exactly one mail, with the placeholder filled, the unsubscribe link and RFC 8058 headers.
"""

from __future__ import annotations

import re
from email.message import EmailMessage

import pytest
import requests

from tests.e2e.conftest import Desk, GatewayProcess, Mailbox

pytestmark = pytest.mark.slow


def _text(mail: EmailMessage) -> str:
    part = mail.get_body(preferencelist=("plain",))
    assert part is not None
    return str(part.get_content())


def _add(desk: Desk, first: str, email: str) -> str:
    customer = desk(
        "customers", "add", "--first-name", first, "--last-name", "Kundin", "--email", email,
        "--json",
    ).json()  # fmt: skip
    return str(customer["id"])


def test_campaign_reaches_only_the_confirmed_customer(
    desk: Desk, gateway: GatewayProcess, mailbox: Mailbox
) -> None:
    desk("staff", "add", "Tanja Groß", "--role", "reception")
    desk("settings", "set", "salon_name", "Haarwerk Müller")
    desk("settings", "set", "salon_address", "Hauptstraße 12, 50667 Köln")
    desk("settings", "set", "gateway_url", gateway.url)
    anna = _add(desk, "Anna", "anna@example.org")
    berta = _add(desk, "Berta", "berta@example.org")
    desk(
        "consent", "declare", anna, "--channel", "email", "--source", "phone",
        "--staff", "Tanja Groß", "--customer-agreed",
    )  # fmt: skip
    desk("sync", "--once")
    [confirmation] = mailbox.wait_for(1)
    found = re.search(r"http://127\.0\.0\.1:\d+/c/[A-Za-z0-9_-]+", _text(confirmation))
    assert found
    assert requests.post(found.group(0), timeout=10).status_code == 200
    desk("sync", "--once")

    preview = desk(
        "campaign", "preview", "--type", "promotion", "--channel", "email", "--json"
    ).json()
    assert preview["recipients"] == [
        {"customer_id": int(anna), "channel": "email", "deferred": False}
    ]
    assert preview["excluded"] == [{"customer_id": int(berta), "reason": "no_consent"}]

    sent = desk(
        "campaign", "send", "--type", "promotion", "--channel", "email", "--name", "Winter",
        "--subject", "Winter bei {{ salon_name }}",
        "--text", "Hallo {{ first_name }}, 20 % auf Pflege.", "--json",
    ).json()  # fmt: skip
    assert sent["queued"] == 1 and sent["excluded"] == {"no_consent": 1}
    desk("sync", "--once")
    mails = mailbox.wait_for(2)
    assert len(mails) == 2
    promotion = mails[1]
    assert promotion["To"] == "anna@example.org"
    assert promotion["Subject"] == "Winter bei Haarwerk Müller"
    assert promotion["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    body = _text(promotion)
    assert body.startswith("Hallo Anna, 20 % auf Pflege.")
    # The imprint every advertising email carries (issue 13), as the customer gets it.
    # (Lines end in CRLF on the wire, as SMTP has them.)
    assert "\r\n--\r\nImpressum: Haarwerk Müller · Hauptstraße 12, 50667 Köln\r\n" in body
    unsubscribe = str(promotion["List-Unsubscribe"]).strip().strip("<>")
    assert unsubscribe in body
    assert "$unsubscribe_url" not in body
