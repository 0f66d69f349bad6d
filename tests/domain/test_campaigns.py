"""Campaign types map to the right legal category; "best available" picks sensibly."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from desk_app.domain.campaigns import (
    CATEGORY,
    CampaignType,
    ChannelChoice,
    candidate_channels,
)
from desk_app.domain.consent import ConsentStatus, LedgerEntry, derive_consent
from desk_app.domain.enums import Category, Channel, ConsentEvent

T0 = datetime(2026, 11, 1, tzinfo=UTC)


def _confirmed(*channels: Channel) -> ConsentStatus:
    entries = []
    for n, channel in enumerate(channels):
        asked = LedgerEntry(ConsentEvent.DECLARED, T0, channel, request_id=f"r{n}")
        clicked = LedgerEntry(ConsentEvent.CONFIRMED, T0, channel, request_id=f"r{n}")
        entries += [asked, clicked]
    return derive_consent(entries, T0)


@pytest.mark.parametrize(
    ("campaign", "category"),
    [
        (CampaignType.PROMOTION, Category.MARKETING),
        (CampaignType.BIRTHDAY, Category.MARKETING),
        (CampaignType.REVIEW_REQUEST, Category.MARKETING),
        (CampaignType.WIN_BACK, Category.MARKETING),
        (CampaignType.SERVICE_INFO, Category.SERVICE_INFO),
        (CampaignType.SIMILAR_OFFER, Category.SIMILAR_OFFER),
    ],
)
def test_every_campaign_type_has_its_legal_category(
    campaign: CampaignType, category: Category
) -> None:
    assert CATEGORY[campaign] is category


def test_best_prefers_the_confirmed_channel_over_the_preferred_one() -> None:
    consent = _confirmed(Channel.SMS)
    order = candidate_channels(ChannelChoice.BEST, Category.MARKETING, consent, Channel.EMAIL)
    assert list(order) == [Channel.SMS, Channel.EMAIL]


def test_best_follows_the_preference_when_both_are_confirmed() -> None:
    consent = _confirmed(Channel.EMAIL, Channel.SMS)
    order = candidate_channels(ChannelChoice.BEST, Category.MARKETING, consent, Channel.SMS)
    assert list(order) == [Channel.SMS, Channel.EMAIL]


def test_service_info_by_best_uses_the_preference() -> None:
    consent = _confirmed()
    order = candidate_channels(ChannelChoice.BEST, Category.SERVICE_INFO, consent, Channel.SMS)
    assert list(order) == [Channel.SMS, Channel.EMAIL]


@pytest.mark.parametrize(
    ("choice", "expected"),
    [
        (ChannelChoice.BEST, [Channel.EMAIL]),
        (ChannelChoice.EMAIL, [Channel.EMAIL]),
        # Kept as asked: the policy then refuses it with channel_not_allowed.
        (ChannelChoice.SMS, [Channel.SMS]),
    ],
)
def test_similar_offers_go_by_email_unless_sms_is_asked_for(
    choice: ChannelChoice, expected: list[Channel]
) -> None:
    order = candidate_channels(choice, Category.SIMILAR_OFFER, _confirmed(Channel.SMS), None)
    assert list(order) == expected


def test_a_fixed_channel_is_the_only_candidate() -> None:
    order = candidate_channels(ChannelChoice.SMS, Category.MARKETING, _confirmed(), None)
    assert list(order) == [Channel.SMS]
