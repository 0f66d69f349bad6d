"""A salon's first day with the installed programs: set up from the command line, book, and
the customer gets the confirmation rendered from the installed German template.

With ``DESK_E2E_BIN`` (``scripts/test.sh``) this is ``pip install`` of the built wheel in a
fresh environment; a wheel without its resources failed here at the first booking.
"""

from __future__ import annotations

import pytest

from tests.e2e.conftest import Desk, GatewayProcess, Mailbox

pytestmark = pytest.mark.slow


def test_first_booking_with_the_installed_commands(
    desk: Desk, gateway: GatewayProcess, mailbox: Mailbox
) -> None:
    desk("settings", "set", "salon_name", "Haarwerk Müller")
    desk("settings", "set", "gateway_url", gateway.url)
    desk("staff", "add", "Jörg Weiß", "--role", "stylist")
    desk("services", "add", "Damenhaarschnitt", "--minutes", "45", "--price", "49,00")
    desk("hours", "set", "0=09:00-18:30", "1=09:00-18:30", "5=09:00-14:00")
    customer = desk(
        "customers", "add", "--first-name", "Anna", "--last-name", "Müller",
        "--email", "anna@example.org", "--json",
    ).json()  # fmt: skip

    booking = desk(
        "book", "--customer", str(customer["id"]), "--staff", "Jörg Weiß",
        "--service", "Damenhaarschnitt", "--start", "2030-12-02T10:00", "--json",
    ).json()  # fmt: skip
    assert (booking["status"], booking["start"]) == ("booked", "2030-12-02T10:00:00+01:00")
    desk("sync", "--once")

    # The confirmation, rendered from the installed German template.
    [mail] = mailbox.wait_for(1)
    assert mail["To"] == "anna@example.org"
    assert mail["Subject"] == "Ihr Termin bei Haarwerk Müller am Montag, 2. Dezember 2030"
    body = mail.get_body(preferencelist=("plain",))
    assert body is not None
    text = body.get_content()
    assert "Hallo Anna," in text
    assert "Damenhaarschnitt bei Jörg Weiß" in text
    assert "Montag, 2. Dezember 2030 um 10:00 Uhr" in text
    assert "$" not in text, text  # every placeholder filled, the links by the gateway
    assert gateway.url + "/u/" in text

    # The command line speaks German from the installed translations.
    german = desk("customers", "show", "99", check=False, language="de")
    assert (german.code, german.stderr.strip()) == (1, "Fehler: Kunde „99“ wurde nicht gefunden.")
