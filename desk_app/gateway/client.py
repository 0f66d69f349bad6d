"""``GatewayClient``: the real ``GatewayPort``, speaking protocol v1 over HTTP with ``requests``.

Every call has explicit (connect, read) timeouts and is retried on network errors, 408, 429
and 5xx (DESIGN.md section 3): all our calls are idempotent — messages by ``client_id``,
consent requests by ``request_id``, erasure by its nature — and a retry resends exactly the
same body. Anything else the gateway says is turned into ``GatewayError`` at once.

Logs carry counts, status codes and seq numbers only: never the token, message texts,
addresses or customer references.

May import desk_app.domain and third-party libraries; never Qt, SQL, settings or keyring.
"""

from __future__ import annotations

import logging
import random
import time
from collections.abc import Callable, Mapping, Sequence
from datetime import UTC, datetime
from importlib.metadata import PackageNotFoundError, version
from typing import Any
from urllib.parse import quote

import requests

from desk_app.domain.errors import InvalidField
from desk_app.domain.web_address import gateway_url
from desk_app.gateway import wire
from desk_app.gateway.port import (
    BookingOutcome,
    ConsentRequest,
    EventPage,
    GatewayError,
    GatewayStatus,
    ItemResult,
    OutgoingMessage,
)
from desk_app.gateway.retry import Backoff, is_retryable_status, parse_retry_after

__all__ = ["MAX_BATCH", "RETRY_AFTER_LIMIT", "GatewayClient"]

_log = logging.getLogger(__name__)

MAX_BATCH = 100
MAX_EVENT_LIMIT = 500
MAX_WAIT = 30.0
# A longer Retry-After would block the gateway worker for minutes: give up and let the next
# sync try again instead.
RETRY_AFTER_LIMIT = 60.0

# Transient by nature. SSLError is a ConnectionError too, but a bad certificate does not heal
# within seconds; it is reported as unreachable without retrying.
_NETWORK_ERRORS = (
    requests.exceptions.ConnectionError,
    requests.exceptions.Timeout,
    requests.exceptions.ChunkedEncodingError,
)


def _default_user_agent() -> str:
    try:
        return f"salon-desk/{version('salon-desk')}"
    except PackageNotFoundError:  # running from a tree that was never installed
        return "salon-desk/unknown"


class _BearerAuth:
    """Sets the token per request. As ``auth`` it also stops requests from consulting
    ~/.netrc, which would otherwise replace our Authorization header."""

    def __init__(self, token: str) -> None:
        self._token = token

    def __call__(self, request: Any) -> Any:
        request.headers["Authorization"] = f"Bearer {self._token}"
        return request

    def __repr__(self) -> str:
        return "_BearerAuth(<redacted>)"


class GatewayClient:
    """HTTP client of the gateway (implements ``GatewayPort``).

    ``timeout`` is (connect, read) in seconds; the read timeout of a long-poll is stretched
    by its ``wait``. ``max_attempts`` counts the first try. ``sleep`` and ``rng`` are
    injectable so tests run without waiting. One instance belongs to one worker thread
    (``requests.Session`` is not thread-safe); ``close()`` releases its connections.
    """

    def __init__(
        self,
        base_url: str,
        token: str,
        timeout: tuple[float, float] = (3.05, 20),
        max_attempts: int = 5,
        sleep: Callable[[float], object] = time.sleep,
        rng: Callable[[], float] = random.random,
        *,
        user_agent: str | None = None,
    ) -> None:
        if max_attempts < 1:
            raise ValueError("max_attempts must be at least 1")
        try:
            checked = gateway_url(base_url)
        except InvalidField as exc:
            # The token would travel unencrypted, or to another host than it seems.
            raise ValueError(f"base_url is not a gateway address: {exc.problem}") from exc
        if not checked:
            raise ValueError("base_url must not be empty")
        self._base_url = checked
        self._timeout = (float(timeout[0]), float(timeout[1]))
        self._max_attempts = max_attempts
        self._sleep = sleep
        self._rng = rng
        self._backoff = Backoff()
        self._session = requests.Session()
        self._session.auth = _BearerAuth(token)
        self._session.headers.update(
            {
                "User-Agent": user_agent or _default_user_agent(),
                "Accept": "application/json, application/problem+json",
            }
        )

    def __repr__(self) -> str:
        return f"GatewayClient({self._base_url!r})"

    def close(self) -> None:
        self._session.close()

    def __enter__(self) -> GatewayClient:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    # ---- GatewayPort ----------------------------------------------------------------------
    def send_messages(self, items: Sequence[OutgoingMessage]) -> list[ItemResult]:
        """Hand up to ``MAX_BATCH`` messages over; one result per item, in the given order."""
        if len(items) > MAX_BATCH:
            raise ValueError(f"at most {MAX_BATCH} messages per call, got {len(items)}")
        if not items:
            return []
        client_ids = [item.client_id for item in items]
        if len(set(client_ids)) != len(client_ids):
            raise ValueError("client_id must be unique within a batch")
        body = {"items": [wire.message_json(item) for item in items]}
        answer = wire.json_object(
            self._request("POST", "/v1/messages", json=body), "messages answer"
        )
        raw_results = answer.get("results")
        if not isinstance(raw_results, list):
            raise wire.malformed("messages answer without results")
        results = [
            wire.item_result(
                wire.with_key(raw, position, client_ids), "client_id", first_required=True
            )
            for position, raw in enumerate(raw_results)
        ]
        if [result.key for result in results] != client_ids:
            raise wire.malformed("results do not match the sent client_ids")
        _log.info(
            "gateway took %d messages: %d accepted, %d duplicate, %d rejected",
            len(results),
            sum(r.result == "accepted" for r in results),
            sum(r.result == "duplicate" for r in results),
            sum(r.result == "rejected" for r in results),
        )
        return results

    def request_consent(self, request: ConsentRequest) -> ItemResult:
        """Ask the gateway to send the double-opt-in message for one declaration."""
        raw = self._request("POST", "/v1/consent-requests", json=wire.consent_json(request))
        result = wire.item_result(raw, "request_id", first_required=False)
        if result.key != request.request_id:
            raise wire.malformed("consent answer for another request_id")
        _log.info("gateway consent request: %s", result.result)
        return result

    def events(self, after: int, limit: int = 100, wait: float = 0) -> EventPage:
        """Events with seq > ``after``; waits up to ``wait`` seconds when there are none."""
        if after < 0:
            raise ValueError("after must not be negative")
        if not 1 <= limit <= MAX_EVENT_LIMIT:
            raise ValueError(f"limit must be 1..{MAX_EVENT_LIMIT}")
        if not 0 <= wait <= MAX_WAIT:
            raise ValueError(f"wait must be 0..{MAX_WAIT:g} seconds")
        params = {"after": str(after), "limit": str(limit), "wait": f"{wait:g}"}
        # The gateway may legitimately stay silent for ``wait`` seconds before it answers.
        read_timeout = self._timeout[1] + wait
        raw = self._request("GET", "/v1/events", params=params, read_timeout=read_timeout)
        page = wire.event_page(raw, after)
        if page.events:
            _log.debug(
                "gateway events %d..%d (last_seq %d)",
                page.events[0].seq,
                page.events[-1].seq,
                page.last_seq,
            )
        return page

    def status(self) -> GatewayStatus | None:
        """The gateway's transports (``GET /v1/status``); None from a gateway without the
        endpoint (404: its health is unknown, which is no reason to warn)."""
        try:
            raw = self._request("GET", "/v1/status")
        except GatewayError as exc:
            if exc.status in (404, 405):
                return None
            raise
        return wire.gateway_status(raw)

    def publish_availability(self, snapshot: Mapping[str, Any]) -> int:
        """Replace what the booking page offers (the whole snapshot; PUT is idempotent)."""
        starts = wire.published_starts(self._request("PUT", "/v1/availability", json=snapshot))
        _log.info("gateway took the availability: %d start times", starts)
        return starts

    def report_booking_outcome(self, outcome: BookingOutcome) -> None:
        """Tell the gateway what became of an online request (it releases or keeps the
        hold and tells a refused customer). A final outcome given before (409) or a
        request the gateway no longer knows (404) needs no second answer."""
        path = f"/v1/booking-requests/{_segment(outcome.request_id)}/outcome"
        try:
            self._request(
                "POST",
                path,
                route="/v1/booking-requests/{id}/outcome",
                json=wire.outcome_json(outcome),
            )
        except GatewayError as exc:
            if exc.status not in (404, 409):
                raise
            _log.info("gateway booking outcome already settled (%s)", exc.status)

    def release_waitlist_claim(self, offer_ref: str, *, waiting: bool = True) -> None:
        """Free the time an accepted offer claimed at the gateway (the desktop could not
        book it), and say whether its customer still waits (the offer's page tells them).
        An offer the gateway does not know (404) or an older gateway without the
        endpoint (404, 405) has nothing to release."""
        path = f"/v1/waitlist-offers/{_segment(offer_ref)}/release"
        body = {"waiting": waiting}
        try:
            self._request("POST", path, route="/v1/waitlist-offers/{ref}/release", json=body)
        except GatewayError as exc:
            if exc.status not in (404, 405):
                raise
            _log.info("gateway waitlist claim: nothing to release (%s)", exc.status)

    def export_customer(self, customer_ref: str) -> dict[str, Any]:
        """Everything the gateway holds about one customer (Art. 15)."""
        path = f"/v1/customers/{_segment(customer_ref)}/export"
        return wire.json_object(
            self._request("GET", path, route="/v1/customers/{ref}/export"), "export answer"
        )

    def erase_customer(self, customer_ref: str) -> dict[str, Any]:
        """Erase one customer at the gateway (Art. 17); repeating it is harmless."""
        path = f"/v1/customers/{_segment(customer_ref)}/erase"
        answer = wire.json_object(
            self._request("POST", path, route="/v1/customers/{ref}/erase"), "erase answer"
        )
        # The caller records the erasure as done on any return, so only a clear yes counts.
        if answer.get("erased") is not True:
            raise wire.malformed("erase answer without erased=true")
        return answer

    # ---- transport --------------------------------------------------------------------------
    def _request(
        self,
        method: str,
        path: str,
        *,
        route: str | None = None,
        json: Mapping[str, Any] | None = None,
        params: Mapping[str, str] | None = None,
        read_timeout: float | None = None,
    ) -> Any:
        """One logical call with retries; the parsed JSON of a 2xx answer."""
        route = route or path
        url = self._base_url + path
        timeout = (self._timeout[0], self._timeout[1] if read_timeout is None else read_timeout)
        for attempt in range(1, self._max_attempts + 1):
            retry_after: float | None = None
            cause: BaseException | None = None
            try:
                response = self._session.request(
                    method,
                    url,
                    json=json,
                    params=params,
                    timeout=timeout,
                    allow_redirects=False,
                )
            except requests.exceptions.SSLError as exc:
                raise GatewayError("unreachable", "TLS error") from exc
            except _NETWORK_ERRORS as exc:
                failure = GatewayError("unreachable", type(exc).__name__)
                cause = exc
                outcome = type(exc).__name__
            except requests.exceptions.RequestException as exc:  # e.g. an invalid URL
                raise GatewayError("unreachable", type(exc).__name__) from exc
            else:
                status = response.status_code
                if 200 <= status <= 299:
                    _log.debug("gateway %s %s -> %d", method, route, status)
                    return wire.json_body(response)
                failure = wire.error_for(response)
                if not is_retryable_status(status):
                    _log.warning("gateway %s %s -> %d %s", method, route, status, failure.code)
                    raise failure
                outcome = str(status)
                retry_after = parse_retry_after(
                    response.headers.get("Retry-After"), datetime.now(UTC)
                )

            if attempt == self._max_attempts:
                _log.warning(
                    "gateway %s %s: %s, giving up after %d attempts",
                    method,
                    route,
                    outcome,
                    attempt,
                )
                raise failure from cause
            if retry_after is None:
                delay = self._backoff.delay(attempt, self._rng)
            elif retry_after > RETRY_AFTER_LIMIT:
                _log.warning(
                    "gateway %s %s: %s, Retry-After %.0f s too long, giving up",
                    method,
                    route,
                    outcome,
                    retry_after,
                )
                raise failure from cause
            else:
                delay = retry_after
            _log.info(
                "gateway %s %s: %s, attempt %d of %d, next in %.2f s",
                method,
                route,
                outcome,
                attempt,
                self._max_attempts,
                delay,
            )
            self._sleep(delay)
        raise AssertionError("unreachable: the loop returns or raises")  # pragma: no cover


def _segment(value: str) -> str:
    if not value:
        raise ValueError("a path segment must not be empty")
    return quote(value, safe="")
