"""The campaign audience computed the long way, customer by customer, as the oracle the
set-based SQL (``desk_app.services.audience`` and ``audience_pages``) is held to: the
outbox's Python policy (``desk_app.domain.policy.decide``) over facts loaded straight
from the ledger, the appointments and the outbox."""

from __future__ import annotations

from sqlalchemy import select

from desk_app.db import models as m
from desk_app.domain.campaigns import CATEGORY, CampaignType, ChannelChoice, candidate_channels
from desk_app.domain.enums import Channel, Reason
from desk_app.domain.policy import ADVERTISING, SendContext, decide
from desk_app.services.campaign_rows import AudienceFilters
from desk_app.services.container import Services
from desk_app.services.recipients import advertising_counts, recipients_facts
from desk_app.services.settings_store import read_settings
from tests.conftest import Clock


def outcomes(services: Services, type_: CampaignType, choice: ChannelChoice) -> dict[int, str]:
    preview = services.campaigns.preview(type_, choice, AudienceFilters())
    out = {r.customer_id: str(r.channel) for r in preview.recipients}
    out.update({e.customer_id: str(e.reason) for e in preview.excluded})
    return out


def python_policy(
    services: Services, clock: Clock, type_: CampaignType, choice: ChannelChoice
) -> dict[int, str]:
    """The same selection, customer by customer, through the outbox's Python policy."""
    category = CATEGORY[type_]
    with services.db.read() as s:
        customers = list(s.scalars(select(m.Customer).order_by(m.Customer.id)))
        facts = recipients_facts(s, customers, clock.now)
        sent = advertising_counts(s, [c.id for c in customers], clock.now)
        cap = read_settings(s).frequency_cap  # the salon's, as the outbox applies it
    out: dict[int, str] = {}
    used: set[tuple[str, str]] = set()
    for c in customers:
        preferred = Channel(c.preferred_channel) if c.preferred_channel else None
        first_reason: Reason | None = None
        chosen: Channel | None = None
        for channel in candidate_channels(choice, category, facts[c.id].consent, preferred):
            context = SendContext(
                marketing_sent_recently=sent.get(c.id, 0) if category in ADVERTISING else 0,
                frequency_cap=cap,
            )
            decision = decide(facts[c.id], category, channel, context)
            if decision.allowed:
                chosen = channel
                break
            first_reason = first_reason or decision.reason
        if chosen is None:
            out[c.id] = str(first_reason)
            continue
        address = (c.email or "").lower() if chosen is Channel.EMAIL else (c.phone or "")
        if (chosen.value, address) in used:
            out[c.id] = Reason.DUPLICATE_ADDRESS.value
        else:
            used.add((chosen.value, address))
            out[c.id] = chosen.value
    return out
