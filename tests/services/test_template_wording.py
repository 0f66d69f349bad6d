"""Transactional messages (booking confirmation, change, cancellation, reminder) may
contain no advertising and no review request (DESIGN.md 2). The shipped templates are
held to the same word check the composer warns with.

(The double-opt-in request is not checked by words: it has to name what the consent is
for, "Angebote"/"offers", without offering anything.)"""

from __future__ import annotations

import pytest

from desk_app.config.paths import templates_dir
from desk_app.domain.campaign_content import advertising_wording

NO_ADVERTISING = (
    "booking_confirmation",
    "booking_change",
    "booking_cancellation",
    "reminder",
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
