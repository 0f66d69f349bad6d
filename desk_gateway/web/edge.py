"""The gateway's front door, in front of every route (plain ASGI, no framework magic).

In this order, before any route sees a request:

1. Content-Length above ``MAX_BODY_BYTES`` → 413, nothing read.
2. ``/v1/*``: the bearer token is checked *before a byte of the body is read* (FastAPI would
   parse a JSON body before running dependencies). Wrong tokens are counted per client
   address and throttled (429); the per-token API rate limit applies; the installation id is
   left in the request state for the routes.
3. The body is read up to ``MAX_BODY_BYTES`` (also chunked bodies without a length) → 413.
4. Long-polls (``GET /v1/events`` with ``wait`` > 0) per token are capped → 429.

Every answer gets the security headers (CSP, nosniff, no-store, no referrer, no framing) and
one access-log line without tokens or query strings: ``/c/{token}``, not the link itself.
"""

from __future__ import annotations

import logging
import math
import threading
import time
from collections import Counter
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any
from urllib.parse import parse_qsl

from anyio import to_thread
from sqlalchemy import select

from desk_gateway.context import Gateway
from desk_gateway.db.models import Installation
from desk_gateway.tokens import sha256_hex
from desk_gateway.web.client import client_address
from desk_gateway.web.pages import STYLE_HASH
from desk_gateway.web.problems import problem
from desk_gateway.web.ratelimit import RateLimiter

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

access_log = logging.getLogger("desk_gateway.access")

STATE_INSTALLATION = "installation_id"
STATE_CLIENT = "client_address"
LONG_POLL_RETRY_AFTER = 5

CONTENT_SECURITY_POLICY = (
    f"default-src 'none'; style-src '{STYLE_HASH}'; form-action 'self'; "
    "frame-ancestors 'none'; base-uri 'none'"
)
SECURITY_HEADERS = [
    (b"content-security-policy", CONTENT_SECURITY_POLICY.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"cache-control", b"no-store"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
]


class BodyTooLarge(Exception):
    pass


class EdgeMiddleware:
    def __init__(self, app: ASGIApp, gw: Gateway) -> None:
        self.app = app
        self.gw = gw
        config = gw.config
        self.max_body = config.max_body_bytes
        self.api_limit = RateLimiter(config.api_rate_per_minute)
        self.auth_failures = RateLimiter(config.auth_failures_per_minute)
        self.long_poll_cap = config.long_polls_per_token
        self._polls: Counter[int] = Counter()
        self._polls_lock = threading.Lock()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.monotonic()
        status = [0]

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                status[0] = int(message["status"])
                names = {name.lower() for name, _ in message.get("headers", [])}
                extra = [(n, v) for n, v in SECURITY_HEADERS if n not in names]
                message["headers"] = [*message.get("headers", []), *extra]
            await send(message)

        try:
            await self._handle(scope, receive, send_with_headers)
        finally:
            access_log.info(
                "%s %s %s %.0fms",
                scope.get("method", "-"),
                loggable_path(scope),
                status[0] or "-",
                (time.monotonic() - started) * 1000,
            )

    async def _handle(self, scope: Scope, receive: Receive, send: Send) -> None:
        state = scope.setdefault("state", {})
        client = client_address(scope, self.gw.config.trusted_proxies)
        state[STATE_CLIENT] = client
        declared = _content_length(scope)
        if declared is not None and declared > self.max_body:
            await self._too_large(scope, receive, send)
            return
        if declared == -1:
            await problem(400, "invalid_request", "bad Content-Length")(scope, receive, send)
            return

        path: str = scope.get("path", "")
        poll_of: int | None = None
        if path.startswith("/v1/"):
            refusal, installation_id = await self._authenticate(scope, client)
            if refusal is not None:
                await refusal(scope, receive, send)
                return
            state[STATE_INSTALLATION] = installation_id
            if path == "/v1/events" and _wants_long_poll(scope):
                poll_of = installation_id

        try:
            body = await _read_body(receive, self.max_body)
        except BodyTooLarge:
            await self._too_large(scope, receive, send)
            return

        if poll_of is not None and not self._start_poll(poll_of):
            await problem(
                429,
                "too_many_requests",
                "too many waiting requests for this token",
                {"Retry-After": str(LONG_POLL_RETRY_AFTER)},
            )(scope, receive, send)
            return
        try:
            await self.app(scope, _replay(body, receive), send)
        finally:
            if poll_of is not None:
                self._end_poll(poll_of)

    # ---- authentication -------------------------------------------------------------------
    async def _authenticate(self, scope: Scope, client: str | None) -> tuple[Any, int]:
        failures_key = f"ip:{client or 'unknown'}"
        wait = self.auth_failures.blocked(failures_key)
        if wait is not None:
            return _limited(wait, "too many failed authentication attempts"), 0
        token = _bearer_token(scope)
        installation_id = None
        if token is not None:
            installation_id = await to_thread.run_sync(self._lookup, token)
        if installation_id is None:
            self.auth_failures.record(failures_key)
            detail = (
                "bearer token missing or malformed" if token is None else "unknown or revoked token"
            )
            return problem(401, "unauthorized", detail, {"WWW-Authenticate": "Bearer"}), 0
        wait = self.api_limit.retry_after(f"token:{installation_id}")
        if wait is not None:
            return _limited(wait), 0
        return None, installation_id

    def _lookup(self, token: str) -> int | None:
        with self.gw.db.read() as s:
            found = s.execute(
                select(Installation.id, Installation.revoked_at).where(
                    Installation.token_hash == sha256_hex(token)
                )
            ).first()
        if found is None or found.revoked_at is not None:
            return None
        return int(found.id)

    # ---- long-polls ---------------------------------------------------------------------------
    def _start_poll(self, installation_id: int) -> bool:
        with self._polls_lock:
            if self._polls[installation_id] >= self.long_poll_cap:
                return False
            self._polls[installation_id] += 1
            return True

    def _end_poll(self, installation_id: int) -> None:
        with self._polls_lock:
            self._polls[installation_id] -= 1
            if self._polls[installation_id] <= 0:
                del self._polls[installation_id]

    async def _too_large(self, scope: Scope, receive: Receive, send: Send) -> None:
        detail = f"the request body is larger than {self.max_body} bytes"
        await problem(413, "payload_too_large", detail, {"Connection": "close"})(
            scope, receive, send
        )


def _limited(wait: int, detail: str = "") -> Any:
    return problem(429, "too_many_requests", detail, {"Retry-After": str(wait)})


def _header(scope: Scope, name: bytes) -> str | None:
    for key, value in scope.get("headers", []):
        if key.lower() == name:
            return str(value.decode("latin-1"))
    return None


def _content_length(scope: Scope) -> int | None:
    """The declared length; None if not declared, -1 if it is not a number."""
    raw = _header(scope, b"content-length")
    if raw is None:
        return None
    raw = raw.strip()
    if not raw.isascii() or not raw.isdigit():
        return -1
    return int(raw)


def _bearer_token(scope: Scope) -> str | None:
    header = _header(scope, b"authorization") or ""
    scheme, _, token = header.partition(" ")
    token = token.strip()
    if scheme.lower() != "bearer" or not token or len(token) > 200:
        return None
    return token


def _wants_long_poll(scope: Scope) -> bool:
    query = scope.get("query_string", b"").decode("latin-1")
    for key, value in parse_qsl(query):
        if key == "wait":
            try:
                seconds = float(value)
            except ValueError:
                return False
            return math.isfinite(seconds) and seconds > 0
    return False


async def _read_body(receive: Receive, limit: int) -> bytes:
    chunks: list[bytes] = []
    size = 0
    while True:
        message = await receive()
        if message["type"] != "http.request":  # the client went away
            return b"".join(chunks)
        chunk = message.get("body", b"")
        size += len(chunk)
        if size > limit:
            raise BodyTooLarge
        chunks.append(chunk)
        if not message.get("more_body", False):
            return b"".join(chunks)


def _replay(body: bytes, receive: Receive) -> Receive:
    delivered = False

    async def replay() -> Message:
        nonlocal delivered
        if not delivered:
            delivered = True
            return {"type": "http.request", "body": body, "more_body": False}
        return await receive()  # waits for http.disconnect, as the app expects

    return replay


def loggable_path(scope: Scope) -> str:
    """The route's template (``/u/{token}``), never the path itself: paths carry link tokens.
    Paths no route matched are cut after their first segment."""
    route = scope.get("route")
    template = getattr(route, "path", None)
    if isinstance(template, str):
        return template
    path = str(scope.get("path", ""))
    first, _, rest = path.lstrip("/").partition("/")
    return f"/{first}" + ("/…" if rest else "")
