"""What the gateway refuses, whatever the desktop believes (checked at intake and at send).

The desktop's policy is the main decision; this is the safety net for a stale or
misbehaving desktop: opted-out customers and suppressed addresses never get advertising
or service information, expired messages never leave, marketing needs a consent that
was confirmed here.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from desk_app.domain.contact import can_receive_sms, is_valid_email, normalise_phone
from desk_app.domain.errors import InvalidField
from desk_gateway.config import GatewayConfig

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
    channel_available: bool = True  # False: SMS with no SMS provider configured


def channel_available(config: GatewayConfig, channel: str) -> bool:
    """Email always has a way out; SMS only with a provider (``SMS_PROVIDER=none``: none)."""
    return channel != "sms" or config.sms_provider != "none"


def normalised_address(channel: str, address: str) -> str:
    """SMS numbers in E.164 (``+49 151 7777 7777`` → ``+4915177777777``), so that a reply
    from the number, which providers always report in E.164, finds them. Only numbers
    given with their country code (``+``): a national number would need a guess of the
    country. Anything that is no valid number stays as it is (and is refused as invalid)."""
    if channel != "sms" or not address.startswith("+"):
        return address
    try:
        return normalise_phone(address)
    except InvalidField:
        return address


def address_key(address: str | None) -> str:
    """What makes two addresses one for consent: a confirmation proves the address it was
    sent to (DESIGN.md 2), compared without case and surrounding blanks (SMS numbers
    are in E.164 already, ``normalised_address``)."""
    return (address or "").strip().lower()


def address_valid(channel: str, address: str) -> bool:
    if channel == "email":
        return is_valid_email(address)
    return address.startswith("+") and can_receive_sms(address)


def refusal(facts: Facts, now: datetime) -> str | None:
    """The rejection code, or None when the message may go out."""
    if not facts.channel_available:
        return "channel_unavailable"
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
