"""No SMS provider configured (``SMS_PROVIDER=none``): the gateway takes no SMS at all.

Intake rejects SMS items and SMS consent requests with ``channel_unavailable``, so nothing
should ever reach ``send``; if something does (a message accepted before the provider was
switched off), it is refused as a failure of the gateway's own way out, never reported sent.
"""

from __future__ import annotations

from desk_gateway.sms.base import (
    OutgoingSms,
    SentSms,
    SignatureError,
    SmsFault,
    SmsSendError,
    WebhookRequest,
    WebhookResult,
)


class DisabledProvider:
    name = "none"
    replies_inline = False

    def send(self, sms: OutgoingSms) -> SentSms:
        raise SmsSendError("sms: no provider configured", kind=SmsFault.TRANSPORT)

    def parse_webhook(self, request: WebhookRequest) -> WebhookResult:
        raise SignatureError("sms: no provider configured")

    def reply_body(self, reply_text: str | None) -> tuple[str, bytes]:
        return "text/plain; charset=utf-8", b""
