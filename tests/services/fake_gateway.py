"""A recording fake of the gateway (``GatewayPort``, protocol v1) for the sync tests.

It serves a list of events with the paging rules of ``GET /v1/events`` (``after``,
``limit``, an optional server-side page cap), records every call with its items, and
answers sends like the real gateway: ``accepted`` the first time, ``rejected`` with a
code where a rule says so, and ``duplicate`` (with the first result and where the
message stands now) for every ``client_id``/``request_id`` it has seen before.

Failures are scripted: ``fail_next`` raises ``GatewayError`` on the next N calls (of one
method or any), optionally after the gateway has already processed the request (the
answer got lost on the way back); ``fail_always`` makes one method fail until
``stop_failing``.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from desk_app.config.paths import templates_dir
from desk_app.gateway.port import (
    BookingOutcome,
    ConsentRequest,
    EventPage,
    GatewayError,
    GatewayEvent,
    GatewayStatus,
    ItemResult,
    OutgoingMessage,
)
from desk_app.services.container import Services
from desk_app.services.messages import MessageTemplates
from desk_app.services.online_sync import OnlineSync
from desk_app.services.sync import SyncService

METHODS = (
    "send_messages",
    "request_consent",
    "events",
    "status",
    "export_customer",
    "erase_customer",
    "publish_availability",
    "report_booking_outcome",
    "release_waitlist_claim",
)


@dataclass(frozen=True)
class Call:
    """One call as the fake saw it; ``ok`` is False when it raised ``GatewayError``."""

    method: str
    args: Mapping[str, Any]
    ok: bool


@dataclass
class _Failure:
    method: str | None  # None: any method
    remaining: int | None  # None: until stop_failing()
    error: GatewayError
    after_processing: bool = False


@dataclass(frozen=True)
class _First:
    """What the gateway answered the first time it saw a key."""

    result: str  # accepted | rejected
    code: str | None = None


@dataclass
class FakeGateway:
    events_list: list[GatewayEvent] = field(default_factory=list)
    page_cap: int | None = None  # the server hands out at most this many per page
    calls: list[Call] = field(default_factory=list)
    # Rejection rules, checked in this order: by key, by address, by a function.
    reject_keys: dict[str, str] = field(default_factory=dict)
    reject_addresses: dict[str, str] = field(default_factory=dict)
    reject_when: Callable[[OutgoingMessage | ConsentRequest], str | None] | None = None
    # Where an accepted message stands now (for duplicates); default "accepted".
    message_status: dict[str, str] = field(default_factory=dict)
    # A batch with such an item is refused as a whole, as an older gateway did:
    # (kind, HTTP status), e.g. ("rejected", 422) or ("server_error", 500).
    refuse_batch_when: Callable[[OutgoingMessage], tuple[str, int] | None] | None = None
    # What GET /v1/status answers; None: a gateway without the endpoint (404).
    gateway_status: GatewayStatus | None = None
    # Called at the start of every events() call, before the page is cut (races).
    on_events: Callable[[int], None] | None = None
    closed: bool = False

    def __post_init__(self) -> None:
        self._lock = threading.RLock()
        self._failures: list[_Failure] = []
        self._first: dict[str, _First] = {}

    # ---- scripting --------------------------------------------------------------------
    def add_event(
        self,
        type: str,
        at: datetime,
        customer_ref: str | None = None,
        client_id: str | None = None,
        channel: str | None = None,
        data: Mapping[str, Any] | None = None,
        seq: int | None = None,
    ) -> GatewayEvent:
        """Append an event; ``seq`` defaults to the next one (give it to make a gap)."""
        with self._lock:
            if seq is None:
                seq = self.last_seq + 1
            event = GatewayEvent(
                seq=seq,
                type=type,
                at=at,
                customer_ref=customer_ref,
                client_id=client_id,
                channel=channel,
                data=dict(data or {}),
            )
            self.events_list.append(event)
            return event

    @property
    def last_seq(self) -> int:
        return max((e.seq for e in self.events_list), default=0)

    def fail_next(
        self,
        times: int = 1,
        method: str | None = None,
        kind: str = "unreachable",
        status: int | None = None,
        after_processing: bool = False,
    ) -> None:
        """Raise GatewayError on the next ``times`` calls (of ``method``, or of any)."""
        assert method is None or method in METHODS, method
        error = GatewayError(kind, "scripted failure", status=status)
        with self._lock:
            self._failures.append(_Failure(method, times, error, after_processing))

    def fail_always(self, method: str, kind: str = "unreachable") -> None:
        assert method in METHODS, method
        with self._lock:
            self._failures.append(_Failure(method, None, GatewayError(kind, "scripted")))

    def stop_failing(self) -> None:
        with self._lock:
            self._failures.clear()

    # ---- what was seen ----------------------------------------------------------------
    def calls_of(self, method: str, ok: bool | None = True) -> list[Call]:
        with self._lock:
            return [c for c in self.calls if c.method == method and (ok is None or c.ok is ok)]

    @property
    def batches(self) -> list[list[OutgoingMessage]]:
        """Items of every send_messages call that got an answer, in order."""
        return [list(c.args["items"]) for c in self.calls_of("send_messages")]

    @property
    def failed_batches(self) -> list[list[OutgoingMessage]]:
        return [list(c.args["items"]) for c in self.calls_of("send_messages", ok=False)]

    @property
    def sent_items(self) -> list[OutgoingMessage]:
        return [item for batch in self.batches for item in batch]

    @property
    def sent_client_ids(self) -> list[str]:
        return [item.client_id for item in self.sent_items]

    @property
    def consent_requests(self) -> list[ConsentRequest]:
        return [c.args["request"] for c in self.calls_of("request_consent")]

    @property
    def methods(self) -> list[str]:
        """Every call's method name in order (failed calls too)."""
        with self._lock:
            return [c.method for c in self.calls]

    # ---- GatewayPort --------------------------------------------------------------------
    def send_messages(self, items: Sequence[OutgoingMessage]) -> list[ItemResult]:
        items = list(items)
        if not 1 <= len(items) <= 100:
            raise AssertionError(f"protocol: 1–100 items per call, got {len(items)}")
        keys = [item.client_id for item in items]
        if len(set(keys)) != len(keys):
            raise AssertionError("protocol: a client_id twice in one call")
        with self._lock:
            failure = self._failure("send_messages")
            if failure is not None and not failure.after_processing:
                self._record("send_messages", {"items": items}, ok=False)
                raise failure.error
            refusal = self._batch_refusal(items)
            if refusal is not None:
                self._record("send_messages", {"items": items}, ok=False)
                raise refusal
            results = [self._answer(item.client_id, item) for item in items]
            self._record("send_messages", {"items": items}, ok=failure is None)
            if failure is not None:
                raise failure.error
            return results

    def request_consent(self, request: ConsentRequest) -> ItemResult:
        with self._lock:
            failure = self._failure("request_consent")
            if failure is not None and not failure.after_processing:
                self._record("request_consent", {"request": request}, ok=False)
                raise failure.error
            result = self._answer(request.request_id, request)
            self._record("request_consent", {"request": request}, ok=failure is None)
            if failure is not None:
                raise failure.error
            return result

    def events(self, after: int, limit: int = 100, wait: float = 0) -> EventPage:
        assert 1 <= limit <= 500, limit
        assert 0 <= wait <= 30, wait
        if self.on_events is not None:
            self.on_events(after)
        with self._lock:
            args = {"after": after, "limit": limit, "wait": wait}
            failure = self._failure("events")
            if failure is not None:
                self._record("events", args, ok=False)
                raise failure.error
            self._record("events", args, ok=True)
            size = limit if self.page_cap is None else min(limit, self.page_cap)
            newer = sorted((e for e in self.events_list if e.seq > after), key=lambda e: e.seq)
            return EventPage(events=newer[:size], last_seq=self.last_seq)

    def status(self) -> GatewayStatus | None:
        with self._lock:
            failure = self._failure("status")
            self._record("status", {}, ok=failure is None)
            if failure is not None:
                raise failure.error
            return self.gateway_status

    def publish_availability(self, snapshot: Mapping[str, Any]) -> int:
        with self._lock:
            failure = self._failure("publish_availability")
            self._record("publish_availability", {"snapshot": snapshot}, ok=failure is None)
            if failure is not None:
                raise failure.error
            return sum(len(entry["intervals"]) for entry in snapshot.get("free", []))

    def report_booking_outcome(self, outcome: BookingOutcome) -> None:
        with self._lock:
            failure = self._failure("report_booking_outcome")
            self._record("report_booking_outcome", {"outcome": outcome}, ok=failure is None)
            if failure is not None:
                raise failure.error

    def release_waitlist_claim(self, offer_ref: str, *, waiting: bool = True) -> None:
        with self._lock:
            failure = self._failure("release_waitlist_claim")
            args = {"offer_ref": offer_ref, "waiting": waiting}
            self._record("release_waitlist_claim", args, ok=failure is None)
            if failure is not None:
                raise failure.error

    @property
    def released_claims(self) -> list[str]:
        """Offer refs whose claim the desktop released (answered calls only)."""
        return [c.args["offer_ref"] for c in self.calls_of("release_waitlist_claim")]

    @property
    def snapshots(self) -> list[Mapping[str, Any]]:
        return [c.args["snapshot"] for c in self.calls_of("publish_availability")]

    @property
    def outcomes(self) -> list[BookingOutcome]:
        return [c.args["outcome"] for c in self.calls_of("report_booking_outcome")]

    def export_customer(self, customer_ref: str) -> dict[str, Any]:
        with self._lock:
            self._plain_call("export_customer", customer_ref)
            return {
                "customer_ref": customer_ref,
                "messages": [],
                "consent_requests": [],
                "events": [
                    {"seq": e.seq, "type": e.type}
                    for e in self.events_list
                    if e.customer_ref == customer_ref
                ],
                "opted_out": False,
            }

    def erase_customer(self, customer_ref: str) -> dict[str, Any]:
        with self._lock:
            self._plain_call("erase_customer", customer_ref)
            return {"customer_ref": customer_ref, "erased": True}

    def close(self) -> None:
        self.closed = True

    # ---- internals ----------------------------------------------------------------------
    def _batch_refusal(self, items: Sequence[OutgoingMessage]) -> GatewayError | None:
        if self.refuse_batch_when is None:
            return None
        for item in items:
            answer = self.refuse_batch_when(item)
            if answer is not None:
                kind, status = answer
                return GatewayError(kind, f"HTTP {status}", status=status, code="scripted")
        return None

    def _plain_call(self, method: str, customer_ref: str) -> None:
        failure = self._failure(method)
        self._record(method, {"customer_ref": customer_ref}, ok=failure is None)
        if failure is not None:
            raise failure.error

    def _record(self, method: str, args: Mapping[str, Any], ok: bool) -> None:
        self.calls.append(Call(method, dict(args), ok))

    def _failure(self, method: str) -> _Failure | None:
        """The scripted failure for this call (and use one of its ``times`` up)."""
        for failure in self._failures:
            if failure.method is not None and failure.method != method:
                continue
            if failure.remaining is not None:
                failure.remaining -= 1
                if failure.remaining <= 0:
                    self._failures.remove(failure)
            return failure
        return None

    def _answer(self, key: str, item: OutgoingMessage | ConsentRequest) -> ItemResult:
        first = self._first.get(key)
        if first is not None:
            status = (
                self.message_status.get(key, "accepted") if first.result == "accepted" else None
            )
            return ItemResult(
                key=key,
                result="duplicate",
                code=first.code,
                first_result=first.result,
                status=status,
            )
        code = self._rejection(key, item)
        self._first[key] = _First("rejected", code) if code else _First("accepted")
        if code:
            return ItemResult(key=key, result="rejected", code=code)
        return ItemResult(key=key, result="accepted")

    def _rejection(self, key: str, item: OutgoingMessage | ConsentRequest) -> str | None:
        if key in self.reject_keys:
            return self.reject_keys[key]
        address = item.to if isinstance(item, OutgoingMessage) else item.address
        if address in self.reject_addresses:
            return self.reject_addresses[address]
        if self.reject_when is not None:
            return self.reject_when(item)
        return None


# ---- wiring -------------------------------------------------------------------------------
GATEWAY_KEY = "http://gw.test"


def make_sync(
    services: Services, gateway: FakeGateway, clock: Callable[[], datetime]
) -> SyncService:
    """A SyncService the way the container would build it, talking to ``gateway``."""
    return SyncService(
        services.db,
        gateway,
        GATEWAY_KEY,
        services.outbox,
        MessageTemplates(templates_dir()),
        clock,
        services.privacy,
        OnlineSync(gateway, services.online_booking, services.online_availability, clock),
    )
