"""The SMS provider of a gateway without one (``SMS_PROVIDER`` unset or ``none``).

Nothing is sent and no webhook exists. Intake rejects SMS with ``channel_unavailable``; a
message accepted while a provider was still configured fails here as a failure of the
gateway's own way out (``SmsFault.TRANSPORT``: the message keeps its tries and waits for a
provider), never as the recipient's: that would count as a bounce and suppress the
customer's number for good.
"""

from __future__ import annotations

from desk_gateway.sms.base import (
    OutgoingSms,
    SentSms,
    SmsFault,
    SmsSendError,
    WebhookRequest,
    WebhookResult,
)


class NoSmsProvider:
    name = "none"
    replies_inline = False
    available = False

    def send(self, sms: OutgoingSms) -> SentSms:
        raise SmsSendError("sms: no SMS provider is configured", kind=SmsFault.TRANSPORT)

    def parse_webhook(self, request: WebhookRequest) -> WebhookResult:
        raise ValueError("no SMS provider is configured")

    def reply_body(self, reply_text: str | None) -> tuple[str, bytes]:
        return "text/plain; charset=utf-8", b""
