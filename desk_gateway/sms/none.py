"""The SMS provider of a gateway without one (``SMS_PROVIDER`` unset or ``none``).

Nothing is sent and no webhook exists. Intake rejects SMS with ``channel_unavailable``; a
message accepted while a provider was still configured fails here as a *temporary* error
(the provider may come back), never as a permanent one: that would count as a bounce and
suppress the customer's number for good.
"""

from __future__ import annotations

from desk_gateway.sms.base import OutgoingSms, SentSms, SmsSendError, WebhookRequest, WebhookResult


class NoSmsProvider:
    name = "none"
    replies_inline = False
    available = False

    def send(self, sms: OutgoingSms) -> SentSms:
        raise SmsSendError("sms: no SMS provider is configured", permanent=False)

    def parse_webhook(self, request: WebhookRequest) -> WebhookResult:
        raise ValueError("no SMS provider is configured")

    def reply_body(self, reply_text: str | None) -> tuple[str, bytes]:
        return "text/plain; charset=utf-8", b""
