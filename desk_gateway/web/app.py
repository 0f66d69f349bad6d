"""The FastAPI application: protocol v1 for desktops, pages for customers, provider hooks."""

# No "from __future__ import annotations" here: FastAPI must see the dependency types.

import asyncio
import logging
import time
import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Annotated, Any

from fastapi import Depends, FastAPI, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from sqlalchemy import select
from starlette.exceptions import HTTPException as StarletteHTTPException

from desk_app.domain.text_safety import is_clean
from desk_gateway import intake, links, privacy
from desk_gateway.context import Gateway
from desk_gateway.db.models import CapturedMessage, Installation
from desk_gateway.delivery import DeliveryWorker
from desk_gateway.events import event_json, events_after, last_seq
from desk_gateway.health import status as transport_status
from desk_gateway.inbound import InboundReply, apply_webhook
from desk_gateway.schemas import ConsentRequestBody, MessageEnvelope
from desk_gateway.sms.base import (
    OutgoingSms,
    SignatureError,
    SmsProvider,
    SmsSendError,
    WebhookRequest,
)
from desk_gateway.tokens import sha256_hex
from desk_gateway.web import pages
from desk_gateway.web.problems import problem
from desk_gateway.web.ratelimit import RateLimiter

log = logging.getLogger(__name__)

LONG_POLL_STEP = 0.1  # seconds between looks at the log while a desktop waits
MAX_WAIT = 30.0
MAX_SEQ = 2**31 - 1  # the seq column's range: a larger "after" is no position in any log


class ApiError(Exception):
    def __init__(self, status: int, code: str, detail: str = "", retry_after: int | None = None):
        super().__init__(code)
        self.status, self.code, self.detail, self.retry_after = status, code, detail, retry_after


class PageLimited(Exception):
    """A customer page was asked for too often from one address."""

    def __init__(self, wait: int) -> None:
        super().__init__(wait)
        self.wait = wait


def create_app(
    gw: Gateway, sms: SmsProvider, worker: DeliveryWorker | None, capture_mailbox: bool
) -> FastAPI:
    api_limit = RateLimiter(gw.config.api_rate_per_minute)
    page_limit = RateLimiter(gw.config.page_rate_per_minute)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        if worker is not None:
            worker.start()
        yield
        if worker is not None:
            await run_in_threadpool(worker.stop)

    app = FastAPI(title="Salon Desk gateway", version="1", lifespan=lifespan, docs_url=None)

    # ---- errors -----------------------------------------------------------------------
    @app.exception_handler(ApiError)
    async def _api_error(_request: Request, exc: ApiError) -> JSONResponse:
        headers = {"Retry-After": str(exc.retry_after)} if exc.retry_after else None
        return problem(exc.status, exc.code, exc.detail, headers)

    @app.exception_handler(RequestValidationError)
    async def _invalid(_request: Request, exc: RequestValidationError) -> JSONResponse:
        fields = ", ".join(".".join(str(p) for p in e["loc"]) for e in exc.errors()[:10])
        return problem(422, "invalid_request", f"invalid fields: {fields}")

    @app.exception_handler(StarletteHTTPException)
    async def _http(_request: Request, exc: StarletteHTTPException) -> JSONResponse:
        return problem(exc.status_code, "not_found" if exc.status_code == 404 else "error")

    @app.exception_handler(Exception)
    async def _bug(_request: Request, exc: Exception) -> JSONResponse:
        log.error("unhandled error", exc_info=exc)
        return problem(500, "server_error")

    # ---- authentication -----------------------------------------------------------------
    def installation(request: Request) -> int:
        header = request.headers.get("authorization", "")
        scheme, _, token = header.partition(" ")
        if scheme.lower() != "bearer" or not token:
            raise ApiError(401, "unauthorized", "bearer token missing")
        with gw.db.read() as s:
            found = s.execute(
                select(Installation.id, Installation.revoked_at).where(
                    Installation.token_hash == sha256_hex(token.strip())
                )
            ).first()
        if found is None or found.revoked_at is not None:
            raise ApiError(401, "unauthorized", "unknown or revoked token")
        wait = api_limit.retry_after(f"token:{found.id}")
        if wait is not None:
            raise ApiError(429, "too_many_requests", retry_after=wait)
        return int(found.id)

    Installation_ = Annotated[int, Depends(installation)]

    # ---- protocol v1 ----------------------------------------------------------------------
    @app.post("/v1/messages")
    def post_messages(batch: MessageEnvelope, installation_id: Installation_) -> dict[str, Any]:
        results = intake.submit_messages(gw, installation_id, batch.items)  # item by item
        if worker is not None:
            worker.wake()
        return {"results": results}

    @app.post("/v1/consent-requests")
    def post_consent_request(
        body: ConsentRequestBody, installation_id: Installation_
    ) -> dict[str, Any]:
        result = intake.submit_consent_request(gw, installation_id, body)
        if worker is not None:
            worker.wake()
        return result

    @app.get("/v1/events")
    async def get_events(
        installation_id: Installation_,
        after: Annotated[int, Query(ge=0, le=MAX_SEQ)] = 0,
        limit: Annotated[int, Query(ge=1, le=500)] = 100,
        wait: Annotated[float, Query(ge=0, le=MAX_WAIT)] = 0,
    ) -> dict[str, Any]:
        deadline = time.monotonic() + wait

        def page() -> dict[str, Any]:
            with gw.db.read() as s:
                events = events_after(s, installation_id, after, limit)
                return {
                    "events": [event_json(e) for e in events],
                    "last_seq": last_seq(s, installation_id),
                }

        while True:
            result = await run_in_threadpool(page)
            if result["events"] or time.monotonic() >= deadline:
                return result
            await asyncio.sleep(LONG_POLL_STEP)

    @app.get("/v1/status")
    def get_status(installation_id: Installation_) -> dict[str, Any]:
        return transport_status(gw)

    def customer(customer_ref: str) -> str:
        """A customer_ref as intake takes them; anything else names no customer (and a NUL
        byte must not reach PostgreSQL)."""
        if not 1 <= len(customer_ref) <= 36 or not is_clean(customer_ref):
            raise ApiError(422, "invalid_request", "invalid customer_ref")
        return customer_ref

    CustomerRef = Annotated[str, Depends(customer)]

    @app.get("/v1/customers/{customer_ref}/export")
    def export(installation_id: Installation_, customer_ref: CustomerRef) -> dict[str, Any]:
        return privacy.export_customer(gw, installation_id, customer_ref)

    @app.post("/v1/customers/{customer_ref}/erase")
    def erase(installation_id: Installation_, customer_ref: CustomerRef) -> dict[str, Any]:
        return privacy.erase_customer(gw, installation_id, customer_ref)

    # ---- customers' pages ---------------------------------------------------------------
    def page_guard(request: Request) -> str | None:
        client = request.client.host if request.client else "unknown"
        wait = page_limit.retry_after(f"ip:{client}")
        if wait is not None:
            raise PageLimited(wait)
        return request.query_params.get("lang")

    @app.exception_handler(PageLimited)
    async def _page_limited(request: Request, exc: PageLimited) -> HTMLResponse:
        lang = request.query_params.get("lang")
        return HTMLResponse(
            pages.too_many_page(lang), status_code=429, headers={"Retry-After": str(exc.wait)}
        )

    Lang = Annotated[str | None, Depends(page_guard)]

    def _client(request: Request) -> tuple[str | None, str | None]:
        return (request.client.host if request.client else None), request.headers.get("user-agent")

    @app.get("/c/{token}", response_class=HTMLResponse)
    def confirmation(token: str, request: Request, lang: Lang) -> HTMLResponse:
        ip, agent = _client(request)
        view = links.view_confirmation(gw, token, ip, agent)
        if view is None:
            return HTMLResponse(pages.not_found_page(lang), status_code=404)
        return HTMLResponse(pages.confirmation_page(view, lang), status_code=_status(view.state))

    @app.post("/c/{token}", response_class=HTMLResponse)
    def confirm(token: str, request: Request, lang: Lang) -> HTMLResponse:
        ip, agent = _client(request)
        view = links.confirm(gw, token, ip, agent)
        if view is None:
            return HTMLResponse(pages.not_found_page(lang), status_code=404)
        return HTMLResponse(pages.confirmation_page(view, lang), status_code=_status(view.state))

    @app.get("/u/{token}", response_class=HTMLResponse)
    def unsubscribe_form(token: str, lang: Lang) -> HTMLResponse:
        view = links.view_unsubscribe(gw, token)
        if view is None:
            return HTMLResponse(pages.not_found_page(lang), status_code=404)
        return HTMLResponse(pages.unsubscribe_page(view, lang))

    @app.post("/u/{token}", response_class=HTMLResponse)
    async def unsubscribe(token: str, request: Request, lang: Lang) -> HTMLResponse:
        # RFC 8058: mail clients POST "List-Unsubscribe=One-Click"; the page posts its form.
        body = (await request.body()).decode("utf-8", "replace")
        via = "one_click" if "List-Unsubscribe=One-Click" in body else "link"
        view = await run_in_threadpool(links.unsubscribe, gw, token, via)
        if view is None:
            return HTMLResponse(pages.not_found_page(lang), status_code=404)
        return HTMLResponse(pages.unsubscribe_page(view, lang))

    # ---- providers ------------------------------------------------------------------------
    @app.post("/hooks/{provider}")
    async def hook(provider: str, request: Request) -> Response:
        if provider != sms.name:
            raise ApiError(404, "not_found", "unknown provider")
        body = await request.body()
        form: dict[str, str] = {}
        if request.headers.get("content-type", "").startswith("application/x-www-form-urlencoded"):
            form = {k: str(v) for k, v in (await request.form()).items()}
        query = f"?{request.url.query}" if request.url.query else ""
        webhook = WebhookRequest(
            url=gw.config.link(request.url.path) + query,
            method=request.method,
            headers={k.lower(): v for k, v in request.headers.items()},
            body=body,
            form=form,
        )
        try:
            result = sms.parse_webhook(webhook)
        except SignatureError:
            log.warning("webhook with a bad signature for %s", provider)
            raise ApiError(403, "forbidden", "bad signature") from None
        except ValueError:
            raise ApiError(400, "invalid_request", "malformed webhook") from None
        replies = await run_in_threadpool(apply_webhook, gw, result)
        inline = replies[0].text if replies and sms.replies_inline else None
        if not sms.replies_inline:
            for reply in replies:
                await run_in_threadpool(_send_reply, gw, sms, reply)
        content_type, body_out = sms.reply_body(inline)
        return Response(body_out, media_type=content_type)

    if capture_mailbox:

        @app.get("/mailbox", response_class=HTMLResponse)
        def mailbox() -> HTMLResponse:
            with gw.db.read() as s:
                rows = [
                    {
                        "channel": m.channel,
                        "to": m.to_address,
                        "subject": m.subject,
                        "text": m.text,
                        "at": m.created_at.isoformat(timespec="seconds"),
                    }
                    for m in s.scalars(
                        select(CapturedMessage).order_by(CapturedMessage.id.desc()).limit(200)
                    )
                ]
            return HTMLResponse(pages.mailbox_page(rows))

    @app.get("/healthz")
    def health() -> dict[str, str]:
        return {"status": "ok"}

    return app


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


def _status(state: str) -> int:
    return 410 if state == "expired" else 200
