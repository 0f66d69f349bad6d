"""The FastAPI application: protocol v1 for desktops, pages for customers, provider hooks.

Authentication, body limits, security headers and the access log are the edge middleware's
(``web/edge.py``); provider hooks live in ``web/hooks.py``.
"""

# No "from __future__ import annotations" here: FastAPI must see the dependency types.

import asyncio
import logging
import re
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Annotated, Any
from urllib.parse import parse_qsl

from fastapi import Depends, FastAPI, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse
from sqlalchemy import select
from starlette.exceptions import HTTPException as StarletteHTTPException

from desk_app.domain.text_safety import cleaned, is_clean
from desk_gateway import intake, links, privacy
from desk_gateway.booking.manage_routes import register_manage
from desk_gateway.booking.offer_routes import register_offers
from desk_gateway.booking.routes import register_booking
from desk_gateway.booking.submit import USER_AGENT_MAX
from desk_gateway.booking.waitlist_retention import EVENTS_PAGE_MAX, forget_applied_wishes
from desk_gateway.context import Gateway
from desk_gateway.db.models import CapturedMessage
from desk_gateway.delivery import DeliveryWorker
from desk_gateway.events import event_json, events_after, last_seq
from desk_gateway.health import status as transport_status
from desk_gateway.schemas import ConsentRequestBody, MessageEnvelope
from desk_gateway.sms.base import SmsProvider
from desk_gateway.web import pages
from desk_gateway.web.client import client_address
from desk_gateway.web.edge import STATE_CLIENT, STATE_INSTALLATION, EdgeMiddleware
from desk_gateway.web.errors import ApiError, CrossSitePost, PageLimited
from desk_gateway.web.hooks import register_hooks
from desk_gateway.web.problems import problem
from desk_gateway.web.ratelimit import RateLimiter
from desk_gateway.web.same_site import cross_site_post

__all__ = ["ApiError", "create_app"]

log = logging.getLogger(__name__)

LONG_POLL_STEP = 0.1  # seconds between looks at the log while a desktop waits
MAX_WAIT = 30.0
MAX_SEQ = 2**31 - 1  # events.seq is a 32-bit integer: a larger "after" is no position in any log
# RFC 8058: the one-click POST carries "List-Unsubscribe=One-Click", form-encoded or multipart.
_ONE_CLICK_MULTIPART = re.compile(rb'name="?List-Unsubscribe"?\s*\r?\n\r?\n\s*One-Click')


def create_app(
    gw: Gateway,
    sms: SmsProvider,
    worker: DeliveryWorker | None,
    capture_mailbox: bool | None = None,
) -> FastAPI:
    """The web app. Demo parts (``/mailbox``, the capture hook) only in demo mode: asking
    for them otherwise is a programming error, not a configuration to run with."""
    if capture_mailbox is None:
        capture_mailbox = gw.config.demo
    if (capture_mailbox or sms.name == "capture") and not gw.config.demo:
        raise ValueError("the mailbox and the capture SMS provider exist only in demo mode")
    page_limit = RateLimiter(gw.config.page_rate_per_minute)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        if worker is not None:
            worker.start()
        yield
        if worker is not None:
            await run_in_threadpool(worker.stop)

    docs = gw.config.docs
    app = FastAPI(
        title="Salon Desk gateway",
        version="1",
        lifespan=lifespan,
        docs_url="/docs" if docs else None,
        redoc_url="/redoc" if docs else None,
        openapi_url="/openapi.json" if docs else None,
    )
    app.add_middleware(EdgeMiddleware, gw=gw)

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
        # 400: a body FastAPI could not parse at all (e.g. a number of 5,000 digits).
        code = {400: "invalid_request", 404: "not_found", 405: "method_not_allowed"}.get(
            exc.status_code, "error"
        )
        return problem(exc.status_code, code)

    @app.exception_handler(Exception)
    async def _bug(_request: Request, exc: Exception) -> JSONResponse:
        log.error("unhandled error", exc_info=exc)
        return problem(500, "server_error")

    # ---- authentication -----------------------------------------------------------------
    def installation(request: Request) -> int:
        """The installation the edge middleware authenticated (before the body was read)."""
        installation_id = getattr(request.state, STATE_INSTALLATION, None)
        if installation_id is None:
            raise ApiError(401, "unauthorized", "bearer token missing")
        return int(installation_id)

    Installation_ = Annotated[int, Depends(installation)]  # noqa: N806 - a type alias FastAPI reads

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
        try:
            result = intake.submit_consent_request(gw, installation_id, body)
        except intake.IdInUse as exc:
            raise ApiError(
                422, "invalid_request", "request_id is already the client_id of a message"
            ) from exc
        if worker is not None:
            worker.wake()
        return result

    @app.get("/v1/events")
    async def get_events(
        installation_id: Installation_,
        after: Annotated[int, Query(ge=0, le=MAX_SEQ)] = 0,
        limit: Annotated[int, Query(ge=1, le=EVENTS_PAGE_MAX)] = 100,
        wait: Annotated[float, Query(ge=0, le=MAX_WAIT)] = 0,
    ) -> dict[str, Any]:
        deadline = time.monotonic() + wait
        # Asking after N says the events up to N are applied: waitlist wishes among them
        # keep no name here any longer.
        await run_in_threadpool(forget_applied_wishes, gw, installation_id, after)

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

    CustomerRef = Annotated[str, Depends(customer)]  # noqa: N806 - a type alias FastAPI reads

    @app.get("/v1/customers/{customer_ref}/export")
    def export(installation_id: Installation_, customer_ref: CustomerRef) -> dict[str, Any]:
        return privacy.export_customer(gw, installation_id, customer_ref)

    @app.post("/v1/customers/{customer_ref}/erase")
    def erase(installation_id: Installation_, customer_ref: CustomerRef) -> dict[str, Any]:
        return privacy.erase_customer(gw, installation_id, customer_ref)

    # ---- customers' pages ---------------------------------------------------------------
    def client_of(request: Request) -> str | None:
        known = getattr(request.state, STATE_CLIENT, None)
        return known if known else client_address(request.scope, gw.config.trusted_proxies)

    def page_guard(request: Request) -> str | None:
        if request.method == "POST" and cross_site_post(request.headers, gw.config.public_url):
            raise CrossSitePost()
        wait = page_limit.retry_after(f"ip:{client_of(request) or 'unknown'}")
        if wait is not None:
            raise PageLimited(wait)
        return request.query_params.get("lang")

    def page_language(request: Request) -> str | None:
        return request.query_params.get("lang")

    @app.exception_handler(PageLimited)
    async def _page_limited(request: Request, exc: PageLimited) -> HTMLResponse:
        lang = request.query_params.get("lang")
        return HTMLResponse(
            pages.too_many_page(lang), status_code=429, headers={"Retry-After": str(exc.wait)}
        )

    @app.exception_handler(CrossSitePost)
    async def _cross_site(request: Request, exc: CrossSitePost) -> HTMLResponse:
        return HTMLResponse(pages.cross_site_page(request.query_params.get("lang")), 403)

    Lang = Annotated[str | None, Depends(page_guard)]  # noqa: N806 - a type alias FastAPI reads
    # Opt-outs are never refused by a rate limit: mail providers send RFC 8058 one-click
    # POSTs for many recipients from a few shared addresses (DESIGN.md 2.4).
    OptOutLang = Annotated[str | None, Depends(page_language)]  # noqa: N806 - a type alias FastAPI reads

    def _client(request: Request) -> tuple[str | None, str | None]:
        # The user agent goes into consent evidence and events, which hold clean text only:
        # header bytes 0x80-0x9F arrive as C1 controls (a UTF-8 "€" in it), a client
        # without a strict HTTP parser in front may send a NUL (PostgreSQL refuses it).
        agent = cleaned(request.headers.get("user-agent") or "")[:USER_AGENT_MAX]
        return client_of(request), agent or None

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
    async def unsubscribe(token: str, request: Request, lang: OptOutLang) -> HTMLResponse:
        # RFC 8058: mail clients POST "List-Unsubscribe=One-Click"; the page posts its form.
        via = "one_click" if _is_one_click(await request.body()) else "link"
        view = await run_in_threadpool(links.unsubscribe, gw, token, via)
        if view is None:
            return HTMLResponse(pages.not_found_page(lang), status_code=404)
        return HTMLResponse(pages.unsubscribe_page(view, lang))

    # ---- online booking (desktops publish, customers book) ----------------------------------
    register_booking(app, gw, installation, client_of, page_guard)
    register_manage(app, gw, page_guard)
    register_offers(app, gw, page_guard)

    # ---- providers ------------------------------------------------------------------------
    register_hooks(app, gw, sms)

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


def _is_one_click(body: bytes) -> bool:
    if _ONE_CLICK_MULTIPART.search(body):
        return True
    text = body.decode("utf-8", "replace")
    return ("List-Unsubscribe", "One-Click") in parse_qsl(text, keep_blank_values=True)


def _status(state: str) -> int:
    return 410 if state == "expired" else 200
