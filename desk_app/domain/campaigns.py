"""Campaign types and the legal basis each one rests on (DESIGN.md 2; issue 5).

The owner picks a type in plain words; the type fixes the message category, and with it
who may be reached. Review requests, birthday greetings and win-back mails are
advertising in law, so they are ``marketing`` like any promotion.
"""

from __future__ import annotations

from collections.abc import Sequence
from enum import StrEnum

from desk_app.domain.consent import ConsentStatus
from desk_app.domain.enums import Category, Channel, ConsentState


class CampaignType(StrEnum):
    PROMOTION = "promotion"
    BIRTHDAY = "birthday"
    REVIEW_REQUEST = "review_request"
    WIN_BACK = "win_back"
    SERVICE_INFO = "service_info"
    SIMILAR_OFFER = "similar_offer"


CATEGORY: dict[CampaignType, Category] = {
    CampaignType.PROMOTION: Category.MARKETING,
    CampaignType.BIRTHDAY: Category.MARKETING,
    CampaignType.REVIEW_REQUEST: Category.MARKETING,
    CampaignType.WIN_BACK: Category.MARKETING,
    CampaignType.SERVICE_INFO: Category.SERVICE_INFO,
    CampaignType.SIMILAR_OFFER: Category.SIMILAR_OFFER,
}


class ChannelChoice(StrEnum):
    EMAIL = "email"
    SMS = "sms"
    BEST = "best"  # a confirmed channel, the customer's preferred one first


def candidate_channels(
    choice: ChannelChoice,
    category: Category,
    consent: ConsentStatus,
    preferred: Channel | None,
) -> Sequence[Channel]:
    """The channels to try for one customer, in order; the policy then decides each.

    "Best available" prefers a channel with confirmed consent (for marketing), then the
    customer's preferred channel, then email; for similar offers it means email only.
    """
    if choice is not ChannelChoice.BEST:
        # An SMS similar offer is kept as asked, so the policy can say it is not allowed.
        return [Channel(choice.value)]
    if category is Category.SIMILAR_OFFER:
        return [Channel.EMAIL]
    order = [Channel.EMAIL, Channel.SMS]
    if preferred is Channel.SMS:
        order.reverse()
    if category is Category.MARKETING:
        confirmed = [ch for ch in order if consent.state(ch) is ConsentState.CONFIRMED]
        return confirmed + [ch for ch in order if ch not in confirmed]
    return order
