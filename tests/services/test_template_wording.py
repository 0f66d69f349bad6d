"""Transactional messages (booking confirmation, change, cancellation, reminder) may
contain no advertising and no review request (DESIGN.md 2). The shipped templates are
held to the same word check the composer warns with.

(The double-opt-in request is not checked by words: it has to name what the consent is
for, "Angebote"/"offers", without offering anything.)"""

from __future__ import annotations

import pytest

from desk_app.config.paths import templates_dir
from desk_app.domain.campaign_content import (
    EMAIL_UNSUBSCRIBE_LINE,
    SMS_UNSUBSCRIBE_LINE,
    advertising_wording,
)
from desk_app.domain.enums import Channel
from desk_app.domain.statements import render_statement
from desk_app.services.messages import MessageTemplates

NO_ADVERTISING = (
    "booking_confirmation",
    "booking_change",
    "booking_cancellation",
    "reminder",
    "waitlist_offer",  # a message the customer asked for, sent like a booking message
    "waitlist_offer_taken",
    "waitlist_offer_had",
)


@pytest.mark.parametrize("language", ["de", "en"])
@pytest.mark.parametrize("kind", NO_ADVERTISING)
def test_transactional_template_has_no_advertising_words(language: str, kind: str) -> None:
    text = (templates_dir() / language / f"{kind}.txt").read_text(encoding="utf-8")
    assert advertising_wording(text) == []


@pytest.mark.parametrize("language", ["de", "en"])
def test_review_request_template_is_recognised_as_one(language: str) -> None:
    # The check must be able to fail: the review request itself trips it.
    text = (templates_dir() / language / "review_request.txt").read_text(encoding="utf-8")
    assert advertising_wording(text) != []


# ---- the unsubscribe link is labelled as the consent statement promises (issue 8, 5) -------
TEMPLATE_KINDS = sorted(path.stem for path in (templates_dir() / "de").glob("*.txt"))
QUOTES = {"de": ("„", "“"), "en": ("“", "”")}


def _promised_label(language: str) -> str:
    """The link's name as the consent statement quotes it: „Abmelden“, “Unsubscribe”."""
    text = render_statement("Salon", (Channel.EMAIL,), language).text
    opening, closing = QUOTES[language]
    start = text.index(opening) + len(opening)
    return text[start : text.index(closing, start)]


def test_the_statement_promises_abmelden_and_unsubscribe() -> None:
    assert _promised_label("de") == "Abmelden"
    assert _promised_label("en") == "Unsubscribe"


def test_every_shipped_template_exists_in_both_languages() -> None:
    assert TEMPLATE_KINDS
    assert sorted(p.stem for p in (templates_dir() / "en").glob("*.txt")) == TEMPLATE_KINDS


@pytest.mark.parametrize("language", ["de", "en"])
@pytest.mark.parametrize("kind", TEMPLATE_KINDS)
def test_every_template_labels_its_unsubscribe_link_as_promised(language: str, kind: str) -> None:
    text = (templates_dir() / language / f"{kind}.txt").read_text(encoding="utf-8")
    label = _promised_label(language)
    assert text.count("$unsubscribe_url") == 1
    assert f"{label}: $unsubscribe_url" in text


@pytest.mark.parametrize("language", ["de", "en"])
@pytest.mark.parametrize("kind", TEMPLATE_KINDS)
def test_the_rendered_message_shows_the_label_before_the_link(language: str, kind: str) -> None:
    values = {
        "salon": "Salon Weiß",
        "first_name": "Anna",
        "service": "Schnitt",
        "staff": "Jörg",
        "date": "Fr",
        "time": "10:00",
        "review_url": "https://g.page/r/x",
        "hold_until": "10:30",
    }
    message = MessageTemplates(templates_dir()).render(kind, language, values)
    link = "https://gw.example/u/" + "t" * 43
    sent = message.body.replace("$unsubscribe_url", link)
    assert f"{_promised_label(language)}: {link}" in sent
    # Every other placeholder filled (the gateway fills its links: $confirm_url, $offer_url).
    assert "$" not in sent.replace("$confirm_url", "").replace("$offer_url", "")


@pytest.mark.parametrize("language", ["de", "en"])
def test_campaign_footers_use_the_same_label(language: str) -> None:
    label = _promised_label(language)
    assert EMAIL_UNSUBSCRIBE_LINE[language] == f"{label}: $unsubscribe_url"
    assert SMS_UNSUBSCRIBE_LINE[language] == f"{label}: $unsubscribe_url"
