"""What a campaign does with one customer, as a small number the read model can keep.

A customer's outcome for a campaign is the channel that reaches them or the reason they
are left out. Apart from two things that move with the clock – a pending declaration
expires, the frequency cap counts the last 30 days – it depends only on the customer's
own facts and on the campaign's category and channel choice, so ``audience_facts`` keeps
it per customer for every such pair (``desk_app.db.audience_facts``), and counting an
audience is one pass over small numbers (``desk_app.services.audience_counts``).
"""

from __future__ import annotations

from desk_app.domain.campaigns import ChannelChoice
from desk_app.domain.enums import Category, Channel, Reason

# The code of an outcome is its position here: the channels, then the reasons.
OUTCOMES: tuple[str, ...] = (Channel.EMAIL.value, Channel.SMS.value, *(r.value for r in Reason))
EMAIL_CODE = OUTCOMES.index(Channel.EMAIL.value)
SMS_CODE = OUTCOMES.index(Channel.SMS.value)

# The categories campaigns have, and the channel choices that decide differently for each
# (a similar offer is email only: "best" is email).
CAMPAIGN_CATEGORIES = (Category.MARKETING, Category.SERVICE_INFO, Category.SIMILAR_OFFER)


def outcome_code(outcome: str) -> int:
    return OUTCOMES.index(outcome)


def outcome_column(category: Category, choice: ChannelChoice) -> str:
    """The ``audience_facts`` column that keeps the outcome of this category and choice."""
    if category is Category.SIMILAR_OFFER and choice is ChannelChoice.BEST:
        choice = ChannelChoice.EMAIL
    return f"outcome_{category.value}_{choice.value}"


# Every kept outcome column, in the table's order.
OUTCOME_COLUMNS: tuple[str, ...] = tuple(
    dict.fromkeys(
        outcome_column(category, choice)
        for category in CAMPAIGN_CATEGORIES
        for choice in ChannelChoice
    )
)
