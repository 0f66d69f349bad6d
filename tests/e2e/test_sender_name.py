"""The salon name from the desktop settings is the display name of the mails the real
gateway sends, in front of the gateway's own configured address."""

from __future__ import annotations

import pytest

from tests.e2e.conftest import Desk, GatewayProcess, Mailbox

pytestmark = pytest.mark.slow

SALON = "Salon Sonnenschein Köln"  # not the gateway's configured name ("Haarwerk Müller")


def test_the_mail_shows_the_salon_name_as_sender(
    desk: Desk, gateway: GatewayProcess, mailbox: Mailbox
) -> None:
    desk("staff", "add", "Jörg Weiß", "--role", "stylist")
    desk("services", "add", "Herrenhaarschnitt", "--minutes", "30", "--price", "29")
    desk("settings", "set", "salon_name", SALON)
    desk("settings", "set", "gateway_url", gateway.url)
    customer = desk(
        "customers", "add", "--first-name", "Anna", "--last-name", "Schäfer",
        "--email", "anna@example.org", "--json",
    ).json()  # fmt: skip
    desk(
        "book", "--customer", str(customer["id"]), "--staff", "Jörg Weiß",
        "--service", "Herrenhaarschnitt", "--start", "2030-03-05T10:00", "--json",
    )  # fmt: skip

    desk("sync", "--once")

    [confirmation] = mailbox.wait_for(1)
    assert confirmation["To"] == "anna@example.org"
    [sender] = confirmation["From"].addresses
    assert (sender.display_name, sender.addr_spec) == (SALON, "salon@example.org")
    assert str(confirmation["From"]) == f"{SALON} <salon@example.org>"
