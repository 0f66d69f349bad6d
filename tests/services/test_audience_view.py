"""The composer's pages of one side of the audience (``AudienceSide``): those reached or
those left out, narrowed by reason, by a search in the names (typed text, never a LIKE
pattern) or by the codes whose words match, and the single-recipient look-up."""

from __future__ import annotations

import pytest

from desk_app.domain.campaigns import CampaignType, ChannelChoice
from desk_app.domain.enums import Reason
from desk_app.services.audience_view import AudienceSide
from desk_app.services.booking import BookingRequest
from desk_app.services.campaign_rows import AudienceFilters
from desk_app.services.container import Services
from tests.services.support import add_customer, friday, make_salon


@pytest.fixture
def people(services: Services) -> dict[str, int]:
    """Service information by email: Anna (booked) is reached; Bea (never booked) and
    Carl (booked, no email address) are left out."""
    salon = make_salon(services)
    anna = add_customer(services, "Anna", "Müller", "anna@example.org", None)
    bea = add_customer(services, "Bea", "50%_Rabatt", "bea@example.org", None)
    carl = add_customer(services, "Carl", "Weber", None, None)
    for n, customer in enumerate((anna, carl)):
        services.booking.book(
            BookingRequest(
                customer.id, salon.stylist.id, salon.cut.id, friday(9 + n), override=True
            )
        )
    return {"anna": anna.id, "bea": bea.id, "carl": carl.id}


def _names(services: Services, side: AudienceSide) -> list[str]:
    page = services.audience.page(
        CampaignType.SERVICE_INFO, ChannelChoice.EMAIL, AudienceFilters(), None, 10, side=side
    )
    return [member.name.split()[0] for member in page]


def test_each_side_and_reason(services: Services, people: dict[str, int]) -> None:
    assert _names(services, AudienceSide(excluded=False)) == ["Anna"]
    assert _names(services, AudienceSide(excluded=True)) == ["Bea", "Carl"]
    no_address = AudienceSide(excluded=True, reason=Reason.NO_ADDRESS.value)
    assert _names(services, no_address) == ["Carl"]
    assert _names(services, AudienceSide(excluded=False, channel="sms")) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("müll", []),  # Anna is reached, not left out
        ("WEB", ["Carl"]),
        ("%", ["Bea"]),  # the character, not "anything"
        ("_", ["Bea"]),
        ("0%_r", ["Bea"]),
        ("bea 50", ["Bea"]),  # first and last name as one text
        ("\x00", []),  # found by no name (and no NUL reaches PostgreSQL)
        ("r\u200bb", []),
        ("x" * 10_000, []),
    ],
)
def test_a_search_finds_the_typed_text_in_the_names(
    services: Services, people: dict[str, int], text: str, expected: list[str]
) -> None:
    assert _names(services, AudienceSide(excluded=True, text=text)) == expected


def test_a_search_also_finds_the_codes_whose_words_match(
    services: Services, people: dict[str, int]
) -> None:
    # The window knows the words ("keine Adresse"); the service gets the codes.
    side = AudienceSide(excluded=True, text="adresse", codes=frozenset({"no_address"}))
    assert _names(services, side) == ["Carl"]
    reached = AudienceSide(excluded=False, text="e-mail", codes=frozenset({"email"}))
    assert _names(services, reached) == ["Anna"]


def test_recipient_is_found_only_when_reached(services: Services, people: dict[str, int]) -> None:
    def recipient(key: str) -> int | None:
        found = services.audience.recipient(
            CampaignType.SERVICE_INFO, ChannelChoice.EMAIL, AudienceFilters(), people[key]
        )
        return None if found is None else found.customer_id

    assert recipient("anna") == people["anna"]
    assert recipient("bea") is None
    assert recipient("carl") is None
