"""Who may receive which message: the one decision of DESIGN.md section 2.

``decide`` gathers every reason that applies and reports the first one in the order
of ``Reason`` (DESIGN.md), so the owner always sees the most fundamental cause.
The same function runs when a message is queued and again when it is sent.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import time

from desk_app.domain.consent import ConsentStatus
from desk_app.domain.enums import Category, Channel, ConsentState, OutboxStatus, Reason
from desk_app.domain.salon_settings import SalonSettings

# The salon settings' declared defaults (marketing messages per customer in 30 days; the
# window in which marketing SMS may go out).
DEFAULT_FREQUENCY_CAP = SalonSettings.defaults().frequency_cap
DEFAULT_QUIET_HOURS = SalonSettings.defaults().quiet_hours

ADVERTISING = frozenset({Category.MARKETING, Category.SIMILAR_OFFER})
# What the frequency cap counts: advertising, unless the gateway never took it.
COUNTED_FOR_CAP = (Category.MARKETING.value, Category.SIMILAR_OFFER.value)
NOT_SENT = (OutboxStatus.REJECTED.value, OutboxStatus.EXPIRED.value)
NEEDS_NO_OBJECTION = frozenset({Category.MARKETING, Category.SERVICE_INFO, Category.SIMILAR_OFFER})
_CONSENT_REASON = {
    ConsentState.REVOKED: Reason.CONSENT_REVOKED,
    ConsentState.EXPIRED: Reason.CONSENT_EXPIRED,
    ConsentState.PENDING: Reason.CONSENT_PENDING,
    ConsentState.NONE: Reason.NO_CONSENT,
}


@dataclass(frozen=True)
class Address:
    """A channel address as far as messaging cares: present, usable, bounced."""

    value: str | None
    valid: bool = True
    bounced: bool = False


@dataclass(frozen=True)
class RecipientFacts:
    """Everything about one customer that the rules look at."""

    consent: ConsentStatus
    email: Address
    sms: Address
    has_booking: bool = False
    had_completed_appointment: bool = False
    objection_notice_given: bool = False

    def address(self, channel: Channel) -> Address:
        return self.email if channel is Channel.EMAIL else self.sms


@dataclass(frozen=True)
class SendContext:
    """Circumstances of one send beyond the customer's own facts."""

    booking_notify: bool = False  # transactional: the booking's notify switch
    marketing_sent_recently: int = 0  # advertising messages in the last 30 days
    frequency_cap: int | None = DEFAULT_FREQUENCY_CAP
    local_time: time | None = None  # salon-local time of sending; None = not checked
    quiet_hours: tuple[time, time] = DEFAULT_QUIET_HOURS  # allowed window [start, end)
    address_already_used: bool = False  # same address already in this campaign


@dataclass(frozen=True)
class Decision:
    reason: Reason | None

    @property
    def allowed(self) -> bool:
        return self.reason is None

    @property
    def deferred(self) -> bool:
        """Quiet hours postpone a message; they never drop it."""
        return self.reason is Reason.QUIET_HOURS


ALLOWED = Decision(None)


def decide(
    facts: RecipientFacts,
    category: Category,
    channel: Channel,
    context: SendContext | None = None,
) -> Decision:
    reasons = applicable_reasons(facts, category, channel, context or SendContext())
    if not reasons:
        return ALLOWED
    return Decision(min(reasons, key=_PRIORITY.__getitem__))


_PRIORITY = {reason: rank for rank, reason in enumerate(Reason)}


def applicable_reasons(
    facts: RecipientFacts, category: Category, channel: Channel, context: SendContext
) -> set[Reason]:
    """Every reason that forbids (or defers) this message; empty means allowed."""
    reasons: set[Reason] = set()
    consent = facts.consent.channels[channel]
    address = facts.address(channel)

    if facts.consent.objected and (
        category in NEEDS_NO_OBJECTION
        or (category is Category.TRANSACTIONAL and not context.booking_notify)
    ):
        reasons.add(Reason.OBJECTED)
    if category is Category.SIMILAR_OFFER and channel is not Channel.EMAIL:
        reasons.add(Reason.CHANNEL_NOT_ALLOWED)

    if not address.value:
        reasons.add(Reason.NO_ADDRESS)
    elif not address.valid:
        reasons.add(Reason.INVALID_ADDRESS)
    elif address.bounced:
        reasons.add(Reason.BOUNCED)

    if category is Category.SERVICE_INFO and not facts.has_booking:
        reasons.add(Reason.NOT_EXISTING_CUSTOMER)
    if category is Category.SIMILAR_OFFER:
        if not facts.had_completed_appointment:
            reasons.add(Reason.NOT_EXISTING_CUSTOMER)
        if not facts.objection_notice_given:
            reasons.add(Reason.NO_OBJECTION_NOTICE)
        # Withdrawn email consent is an objection to advertising by email.
        if consent.state is ConsentState.REVOKED:
            reasons.add(Reason.CONSENT_REVOKED)

    if category is Category.MARKETING and consent.state is not ConsentState.CONFIRMED:
        reasons.add(_CONSENT_REASON[consent.state])
    if category is Category.CONSENT_REQUEST and consent.state in (
        ConsentState.REVOKED,
        ConsentState.EXPIRED,
        ConsentState.NONE,
    ):
        # A confirmation request only goes out for an outstanding declaration.
        reasons.add(_CONSENT_REASON[consent.state])

    if category in ADVERTISING:
        if (
            context.frequency_cap is not None
            and context.marketing_sent_recently >= context.frequency_cap
        ):
            reasons.add(Reason.FREQUENCY_CAP)
        if channel is Channel.SMS and context.local_time is not None:
            start, end = context.quiet_hours
            if not start <= context.local_time < end:
                reasons.add(Reason.QUIET_HOURS)
        if context.address_already_used:
            reasons.add(Reason.DUPLICATE_ADDRESS)
    elif category is Category.SERVICE_INFO and context.address_already_used:
        reasons.add(Reason.DUPLICATE_ADDRESS)
    return reasons
