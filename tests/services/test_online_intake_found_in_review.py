"""Adversarial review of the desktop's intake of online requests (issue 10): what a
stranger on the booking page can do today. Each test FAILS while the hole is open."""

from __future__ import annotations

from desk_app.domain.enums import Channel
from desk_app.services.container import Services
from tests.conftest import Clock
from tests.services.online_support import booking_data, requested, shown_statement
from tests.services.support import Salon, add_customer, ledger_rows, outbox_messages

MALLORY = "mallory@example.net"


def test_review_a_phone_number_does_not_hand_over_the_customers_email(
    services: Services, salon: Salon, clock: Clock
) -> None:
    """Anna is on file with her mobile number only. A stranger who knows the number books
    with it and their own email address (box ticked): the booking is matched to Anna by
    the phone, Anna's record takes the stranger's address, consent is declared for it and
    the confirmation (Anna's name, her booking) and every later reminder of Anna's
    appointments go to the stranger. An address typed by nobody proven to be Anna must
    not join her record (nor carry a confirmation link for her)."""
    anna = add_customer(services, email=None, phone="0151 12345678")
    consent = {"email": shown_statement(Channel.EMAIL), "sms": None}
    requested(
        services,
        clock,
        booking_data(salon, first_name="M", last_name="X", email=MALLORY, consent=consent),
    )

    problems = []
    if services.customers.get(anna.id).email == MALLORY:
        problems.append("Anna's record took the stranger's email")
    if MALLORY in [row.address for row in ledger_rows(services.db)]:
        problems.append("consent declared for the stranger's address on Anna's record")
    sent = [msg.kind for msg in outbox_messages(services.db) if msg.to_address == MALLORY]
    if sent:
        problems.append(f"queued to the stranger: {sent}")
    assert problems == []


def test_review_a_first_name_is_not_a_link_placeholder(
    services: Services, salon: Salon, clock: Clock
) -> None:
    """First name "$confirm_url", no box ticked: the gateway treats every "$confirm_url" in
    a message as a carried link, holds the confirmation up to an hour waiting for a
    request that never comes, then sends it without the greeting line. (A first name
    "$manage_url" is worse: every later message without a booking — reminders of counter
    bookings, birthday, win-back — is refused by the gateway as invalid_item.) Names must
    reach the text with "$" neutralised, as the gateway's own refusal text does."""
    requested(services, clock, booking_data(salon, first_name="$confirm_url"))
    [confirmation] = outbox_messages(services.db)
    assert confirmation.kind == "booking_confirmation"
    assert "$confirm_url" not in confirmation.body
