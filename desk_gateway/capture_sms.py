"""SMS capture for demo and tests: 'sends' into the gateway database (mailbox page)."""

from __future__ import annotations

from desk_gateway.db.models import CapturedMessage
from desk_gateway.sms.base import OutgoingSms, SentSms, WebhookRequest, WebhookResult
from desk_gateway.sms.capture import CaptureProvider
from desk_sql.database import Database


class DatabaseCaptureSms:
    """Like CaptureProvider (whose webhook format it shares), but kept in the database."""

    name = "capture"
    replies_inline = False

    def __init__(self, db: Database) -> None:
        self._db = db
        self._inner = CaptureProvider()

    def send(self, sms: OutgoingSms) -> SentSms:
        with self._db.write() as s:
            row = CapturedMessage(channel="sms", to_address=sms.to, subject="", text=sms.text)
            s.add(row)
            s.flush()
            return SentSms(provider_id=f"capture-{row.id}")

    def parse_webhook(self, request: WebhookRequest) -> WebhookResult:
        return self._inner.parse_webhook(request)

    def reply_body(self, reply_text: str | None) -> tuple[str, bytes]:
        return self._inner.reply_body(reply_text)
