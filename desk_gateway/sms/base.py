"""What every SMS provider adapter offers the gateway.

An adapter translates between the gateway and one provider's public HTTP API:
sending, status callbacks (delivery reports) and inbound messages. Adapters do no
database work and decide nothing about consent; they only speak the provider's language.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Protocol


class SmsStatus(StrEnum):
    """Provider delivery states mapped onto the gateway's event types."""

    SENT = "sent"  # handed to the carrier
    DELIVERED = "delivered"
    FAILED = "failed"  # temporary or unknown failure
    BOUNCED = "bounced"  # permanent: number unknown / not reachable


class SmsFault(StrEnum):
    """Whose problem a failed send is, which decides what the gateway does next."""

    RECIPIENT = "recipient"  # the number itself is unusable: bounce, number suppressed
    MESSAGE = "message"  # this message can never go out as it is: failed, nothing suppressed
    TEMPORARY = "temporary"  # this message, later: retried, each try counts
    TRANSPORT = "transport"  # the provider or our account (credentials, credit, outage):
    # the gateway's own problem; it backs off and no message loses a try


class SmsSendError(Exception):
    """Sending failed; ``kind`` says whose problem it is (see SmsFault) and ``error`` is a
    short code for the operator (``auth_failed``, ``timeout``, …; never provider text, which
    may quote the number). ``permanent`` is kept for callers that only ask "give up?".

    Without ``kind``: ``permanent`` means RECIPIENT, otherwise TEMPORARY."""

    def __init__(
        self,
        message: str,
        permanent: bool = False,
        status_code: int | None = None,
        kind: SmsFault | None = None,
        error: str | None = None,
    ):
        super().__init__(message)
        if kind is None:
            kind = SmsFault.RECIPIENT if permanent else SmsFault.TEMPORARY
        self.kind = kind
        self.permanent = kind in (SmsFault.RECIPIENT, SmsFault.MESSAGE)
        self.status_code = status_code
        self.error = error or _default_error(kind)


def http_fault(status: int) -> tuple[SmsFault, str]:
    """Whose problem a refused HTTP send is when the provider's answer says no more than
    its status: credentials (401, 403), time (408), the provider's own trouble (5xx, 429,
    anything that is no client error) are ours; another 4xx refused this request as it is."""
    if status in (401, 403):
        return SmsFault.TRANSPORT, "auth_failed"
    if status == 408:
        return SmsFault.TRANSPORT, "timeout"
    if status >= 500:
        return SmsFault.TRANSPORT, "server_error"
    if status == 429 or not 400 <= status < 500:
        return SmsFault.TRANSPORT, "provider_error"
    return SmsFault.MESSAGE, "refused"


def _default_error(kind: SmsFault) -> str:
    return "provider_error" if kind is SmsFault.TRANSPORT else kind.value


class SignatureError(Exception):
    """A webhook request was not signed by the provider (or was changed on the way)."""


@dataclass(frozen=True)
class OutgoingSms:
    to: str  # E.164
    text: str
    sender: str  # alphanumeric (≤ 11 chars, one-way) or a number
    reference: str  # the gateway's message id, for correlating status callbacks
    status_callback_url: str | None = None


@dataclass(frozen=True)
class SentSms:
    provider_id: str  # the provider's message id (Twilio SID, seven.io id, …)
    segments: int | None = None
    raw: Mapping[str, object] = field(default_factory=dict)


@dataclass(frozen=True)
class StatusUpdate:
    provider_id: str
    status: SmsStatus
    error_code: str | None = None


@dataclass(frozen=True)
class InboundSms:
    sender: str  # E.164 of the customer's phone
    text: str
    provider_id: str | None = None


@dataclass(frozen=True)
class WebhookRequest:
    """An incoming provider request, as the HTTP layer saw it."""

    url: str  # the full public URL the provider called (signatures cover it)
    method: str
    headers: Mapping[str, str]  # lower-case names
    body: bytes
    form: Mapping[str, str]  # parsed application/x-www-form-urlencoded body, if any


@dataclass(frozen=True)
class WebhookResult:
    """What a webhook carried; either or both may be empty (e.g. a keep-alive).

    ``receipt`` identifies a *signed* request (a digest of its verified signature, which
    covers every signed part): the gateway refuses a second request with the same receipt
    as a replay. None for unsigned requests (the demo's capture hook).
    """

    statuses: tuple[StatusUpdate, ...] = ()
    inbound: tuple[InboundSms, ...] = ()
    receipt: str | None = None


def signature_receipt(signature: str) -> str:
    """The receipt of a request whose (already verified) signature is ``signature``."""
    return hashlib.sha256(signature.strip().lower().encode("utf-8")).hexdigest()


class SmsProvider(Protocol):
    name: str
    # True when the webhook answer itself can carry a reply SMS (Twilio's TwiML);
    # otherwise the gateway sends replies as ordinary messages.
    replies_inline: bool

    def send(self, sms: OutgoingSms) -> SentSms:
        """Send one SMS; raise SmsSendError on failure. Must use explicit timeouts."""
        ...

    def parse_webhook(self, request: WebhookRequest) -> WebhookResult:
        """Verify the signature (raise SignatureError) and read status reports and
        inbound messages from a provider's callback."""
        ...

    def reply_body(self, reply_text: str | None) -> tuple[str, bytes]:
        """(content type, body) to answer the webhook request with; providers that take an
        inline reply (TwiML) get the text there, others get an empty OK."""
        ...
