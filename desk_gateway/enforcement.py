"""What the gateway refuses, whatever the desktop believes (checked at intake and at send).

The desktop's policy is the main decision; this is the safety net for a stale or
misbehaving desktop: opted-out customers and suppressed addresses never get advertising
or service information, expired messages never leave, marketing needs a consent that
was confirmed here.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from desk_app.domain.contact import can_receive_sms, is_valid_email

NEEDS_NO_OPT_OUT = frozenset({"marketing", "service_info", "similar_offer"})
CATEGORIES = frozenset({"transactional", "consent_request", *NEEDS_NO_OPT_OUT})
CHANNELS = frozenset({"email", "sms"})


@dataclass(frozen=True)
class Facts:
    category: str
    channel: str
    address: str
    opted_out: bool
    suppressed: bool
    basis_confirmed: bool  # basis_ref names a consent confirmed here on this channel
    not_after: datetime | None


def address_valid(channel: str, address: str) -> bool:
    if channel == "email":
        return is_valid_email(address)
    return address.startswith("+") and can_receive_sms(address)


def refusal(facts: Facts, now: datetime) -> str | None:
    """The rejection code, or None when the message may go out."""
    if not address_valid(facts.channel, facts.address):
        return "invalid_address"
    if facts.not_after is not None and facts.not_after <= now:
        return "expired"
    if facts.suppressed:
        return "suppressed"
    if facts.opted_out and facts.category in NEEDS_NO_OPT_OUT:
        return "suppressed"
    if facts.category == "marketing" and not facts.basis_confirmed:
        return "no_basis"
    if facts.category == "similar_offer" and facts.channel != "email":
        return "no_basis"  # UWG §7(3) covers email only
    return None
