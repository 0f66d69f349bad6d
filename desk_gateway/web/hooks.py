"""``POST /hooks/{provider}``: delivery reports and inbound SMS as the providers send them.

The raw body (already capped by the edge middleware) goes to the adapter, which checks the
signature before it reads anything from the body (Twilio signs the form parameters, so its
adapter splits the raw form first; nothing framework-parsed is involved). A signed request is
taken once: its receipt (a digest of the verified signature) goes into ``webhook_receipts``,
and the same request again is refused with 409 ``replayed`` and changes nothing — no second
opt-out, no second paid STOP reply. An inbound SMS that a provider delivers twice (a retry
with a new signature) is applied once, by its provider id.
"""

from __future__ import annotations

import hashlib
import logging
import threading
import time
import uuid
from dataclasses import replace
from datetime import timedelta

from fastapi import FastAPI, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import Response
from sqlalchemy import delete
from sqlalchemy.orm import Session

from desk_gateway.context import Gateway
from desk_gateway.db.models import WebhookReceipt
from desk_gateway.inbound import InboundReply, apply_webhook
from desk_gateway.sms.base import (
    InboundSms,
    OutgoingSms,
    SignatureError,
    SmsProvider,
    SmsSendError,
    WebhookRequest,
    WebhookResult,
)
from desk_gateway.web.errors import ApiError
from desk_sql.upsert import insert_once

log = logging.getLogger(__name__)

# How long a receipt is kept. seven.io and the generic webhook sign a timestamp and refuse
# anything older than 5 minutes, so a day is plenty. Twilio's signature has no time in it:
# its receipts are kept a month.
RECEIPT_RETENTION = {"twilio": timedelta(days=30)}
DEFAULT_RETENTION = timedelta(days=1)
PRUNE_EVERY = 600.0  # seconds


class Receipts:
    """The ``webhook_receipts`` table: record once, forget after the retention."""

    def __init__(self, gw: Gateway) -> None:
        self._gw = gw
        self._lock = threading.Lock()
        self._next_prune = 0.0

    def take(self, provider: str, receipt: str, inbound_ids: list[str]) -> list[bool] | None:
        """Record a signed request: None if its receipt is known (a replay; nothing is
        recorded), else per inbound provider id whether it is new."""
        with self._gw.db.write() as s:
            self._prune(s, provider)
            if not self._insert(s, provider, receipt):
                return None
            return [self._insert(s, provider, _inbound_digest(i)) for i in inbound_ids]

    def forget(self, provider: str, receipt: str, inbound_ids: list[str]) -> None:
        """Undo ``take`` when the callback could not be applied (a retry must get in)."""
        digests = [receipt, *(_inbound_digest(i) for i in inbound_ids)]
        with self._gw.db.write() as s:
            s.execute(
                delete(WebhookReceipt).where(
                    WebhookReceipt.provider == provider, WebhookReceipt.digest.in_(digests)
                )
            )

    def _insert(self, s: Session, provider: str, digest: str) -> bool:
        return insert_once(
            s, WebhookReceipt, provider=provider, digest=digest, received_at=self._gw.clock()
        )

    def _prune(self, s: Session, provider: str) -> None:
        with self._lock:
            if time.monotonic() < self._next_prune:
                return
            self._next_prune = time.monotonic() + PRUNE_EVERY
        retention = RECEIPT_RETENTION.get(provider, DEFAULT_RETENTION)
        s.execute(
            delete(WebhookReceipt).where(
                WebhookReceipt.provider == provider,
                WebhookReceipt.received_at < self._gw.clock() - retention,
            )
        )


def _inbound_digest(provider_id: str) -> str:
    return hashlib.sha256(f"inbound:{provider_id}".encode()).hexdigest()


def _inbound_ids(result: WebhookResult) -> list[str]:
    return [sms.provider_id for sms in result.inbound if sms.provider_id]


def _take_once(receipts: Receipts, provider: str, result: WebhookResult) -> WebhookResult:
    """Record the request's receipt (ApiError 409 for a replay) and drop inbound SMS that
    were applied before under another receipt (provider retries)."""
    if result.receipt is None:
        return result
    ids = list(dict.fromkeys(_inbound_ids(result)))
    fresh = receipts.take(provider, result.receipt, ids)
    if fresh is None:
        raise ApiError(409, "replayed", "this callback was received before")
    new_ids = {i for i, new in zip(ids, fresh, strict=True) if new}
    kept: list[InboundSms] = []
    for sms in result.inbound:
        if sms.provider_id:
            if sms.provider_id not in new_ids:
                continue  # applied before, or twice in this very request
            new_ids.discard(sms.provider_id)
        kept.append(sms)
    return replace(result, inbound=tuple(kept))


def register_hooks(app: FastAPI, gw: Gateway, sms: SmsProvider) -> None:
    receipts = Receipts(gw)

    @app.post("/hooks/{provider}")
    async def hook(provider: str, request: Request) -> Response:
        if provider != sms.name or provider == "none":
            raise ApiError(404, "not_found", "unknown provider")
        body = await request.body()
        query = f"?{request.url.query}" if request.url.query else ""
        webhook = WebhookRequest(
            url=gw.config.link(request.url.path) + query,
            method=request.method,
            headers={k.lower(): v for k, v in request.headers.items()},
            body=body,
            form={},
        )
        try:
            result = sms.parse_webhook(webhook)
        except SignatureError:
            log.warning("webhook with a bad signature for %s", provider)
            raise ApiError(403, "forbidden", "bad signature") from None
        except (ValueError, RecursionError):
            raise ApiError(400, "invalid_request", "malformed webhook") from None
        taken = await run_in_threadpool(_take_once, receipts, provider, result)
        try:
            replies = await run_in_threadpool(apply_webhook, gw, taken)
        except Exception:
            if result.receipt is not None:
                ids = _inbound_ids(taken)  # only those this request recorded
                await run_in_threadpool(receipts.forget, provider, result.receipt, ids)
            raise
        inline = replies[0].text if replies and sms.replies_inline else None
        if not sms.replies_inline:
            for reply in replies:
                await run_in_threadpool(_send_reply, gw, sms, reply)
        content_type, body_out = sms.reply_body(inline)
        return Response(body_out, media_type=content_type)


def _send_reply(gw: Gateway, sms: SmsProvider, reply: InboundReply) -> None:
    """Confirm a STOP by SMS; a failure here must not undo the opt-out itself."""
    try:
        sms.send(
            OutgoingSms(
                to=reply.to,
                text=reply.text,
                sender=gw.config.sms_sender,
                reference=f"stop-reply-{uuid.uuid4()}",
            )
        )
    except SmsSendError as exc:
        log.warning("could not confirm a STOP by SMS (permanent=%s)", exc.permanent)
