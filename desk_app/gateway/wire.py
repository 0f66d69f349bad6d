"""Protocol v1 on the wire: the JSON bodies the client sends, and reading the gateway's
answers strictly (anything unexpected is a ``GatewayError`` of kind ``server_error``,
"malformed answer", naming the part but never a value: values may be addresses or texts).

May import desk_app.domain and desk_app.gateway.port; never HTTP, Qt, SQL or settings.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any

from desk_app.gateway.port import (
    BookingOutcome,
    ConsentRequest,
    EventPage,
    GatewayError,
    GatewayEvent,
    GatewayStatus,
    ItemResult,
    OutgoingMessage,
    TransportHealth,
)

_ITEM_RESULTS = frozenset({"accepted", "rejected", "duplicate"})
_FIRST_RESULTS = frozenset({"accepted", "rejected"})


# ---- request bodies ---------------------------------------------------------------------------
def _iso(moment: datetime | None, name: str) -> str | None:
    if moment is None:
        return None
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError(f"{name} must be timezone-aware")
    return moment.isoformat()


def message_json(item: OutgoingMessage) -> dict[str, Any]:
    body: dict[str, Any] = {
        "client_id": item.client_id,
        "channel": item.channel,
        "category": item.category,
        "to": item.to,
        "text": item.text,
        "customer_ref": item.customer_ref,
        "basis_ref": item.basis_ref,
        "not_before": _iso(item.not_before, "not_before"),
        "not_after": _iso(item.not_after, "not_after"),
        "language": item.language,
    }
    if item.channel == "email":  # an SMS has no subject
        body["subject"] = item.subject
    if item.sender_name:  # optional: older gateways ignore it, absent means their default
        body["sender_name"] = item.sender_name
    if item.booking is not None:
        body["booking"] = dict(item.booking)
    if item.offer is not None:
        body["offer"] = dict(item.offer)
    if item.attachments:
        body["attachments"] = [
            {"filename": a.filename, "content_type": a.content_type, "text": a.text}
            for a in item.attachments
        ]
    return body


def consent_json(request: ConsentRequest) -> dict[str, Any]:
    message = None
    if request.message_text is not None:
        message = {"subject": request.message_subject or "", "text": request.message_text}
    return {
        "request_id": request.request_id,
        "customer_ref": request.customer_ref,
        "channel": request.channel,
        "address": request.address,
        "statement": {"version": request.statement_version, "text": request.statement_text},
        # ip and user_agent: the evidence of an online declaration (the booking page).
        "source": {
            "kind": request.source_kind,
            "staff": request.staff,
            "ip": request.ip,
            "user_agent": request.user_agent,
        },
        "declared_at": _iso(request.declared_at, "declared_at"),
        "language": request.language,
        "salon_name": request.salon_name,
        "message": message,
        **({"carried_by": request.carried_by} if request.carried_by else {}),
    }


def outcome_json(outcome: BookingOutcome) -> dict[str, Any]:
    return {
        "result": outcome.result,
        "reason": outcome.reason,
        "booking_ref": outcome.booking_ref,
    }


def published_starts(raw: Any) -> int:
    return _int(json_object(raw, "availability answer"), "starts", "availability answer")


# ---- answers ----------------------------------------------------------------------------------
def malformed(what: str, status: int | None = None) -> GatewayError:
    # ``what`` names the part, never a value: values may be addresses or texts.
    return GatewayError("server_error", f"malformed answer: {what}", status=status)


def json_body(response: Any) -> Any:
    try:
        return response.json()
    except ValueError as exc:  # also requests' JSONDecodeError
        raise malformed("not JSON", response.status_code) from exc


def error_for(response: Any) -> GatewayError:
    """The GatewayError for a non-2xx answer; the problem's ``detail`` is left out on purpose
    (it may echo the request, e.g. an address)."""
    status: int = response.status_code
    code = title = ""
    try:
        problem = response.json()
    except ValueError:
        problem = None
    if isinstance(problem, dict):
        if isinstance(problem.get("code"), str):
            code = problem["code"]
        if isinstance(problem.get("title"), str):
            title = problem["title"]
    detail = f"HTTP {status} {title or response.reason or ''}".strip()
    if status in (401, 403):
        kind = "unauthorized"
    elif status == 408:  # the gateway gave up waiting for our request: a slow network
        kind = "unreachable"
    elif 400 <= status <= 499:
        kind = "rejected"
    else:  # 5xx, and redirects or other surprises from a wrongly configured URL
        kind = "server_error"
    return GatewayError(kind, detail, status=status, code=code)


def json_object(value: Any, what: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise malformed(f"{what} is not an object")
    return value


def _str(obj: Mapping[str, Any], key: str, what: str) -> str:
    value = obj.get(key)
    if not isinstance(value, str) or not value:
        raise malformed(f"{what}.{key}")
    return value


def _optional_str(obj: Mapping[str, Any], key: str, what: str) -> str | None:
    value = obj.get(key)
    if value is not None and not isinstance(value, str):
        raise malformed(f"{what}.{key}")
    return value


def _int(obj: Mapping[str, Any], key: str, what: str) -> int:
    value = obj.get(key)
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise malformed(f"{what}.{key}")
    return value


def with_key(raw: Any, position: int, client_ids: Sequence[str]) -> Any:
    """A result whose ``client_id`` is null (an item the gateway found invalid before it
    could read the id) belongs to the item at its ``index``, else at its position."""
    if not isinstance(raw, dict) or raw.get("client_id") is not None:
        return raw
    index = raw.get("index", position)
    if isinstance(index, bool) or not isinstance(index, int) or not 0 <= index < len(client_ids):
        raise malformed("result.index")
    return {**raw, "client_id": client_ids[index]}


def gateway_status(raw: Any) -> GatewayStatus:
    obj = json_object(raw, "status answer")
    transports = json_object(obj.get("transports"), "status.transports")
    health: dict[str, TransportHealth] = {}
    for name, value in transports.items():
        entry = json_object(value, "status.transports.*")
        since = entry.get("since")
        health[str(name)] = TransportHealth(
            state=_str(entry, "state", "status.transports.*"),
            error=_optional_str(entry, "error", "status.transports.*"),
            since=None if since is None else _aware(since, "status.transports.*.since"),
        )
    return GatewayStatus(health)


def item_result(raw: Any, key_field: str, *, first_required: bool) -> ItemResult:
    obj = json_object(raw, "result")
    key = _str(obj, key_field, "result")
    result = _str(obj, "result", "result")
    if result not in _ITEM_RESULTS:
        raise malformed("result.result")
    if result == "accepted":
        return ItemResult(key=key, result=result)
    if result == "rejected":
        return ItemResult(key=key, result=result, code=_str(obj, "code", "result"))
    first = obj.get("first")
    if first is None:
        if first_required:
            raise malformed("duplicate without first")
        return ItemResult(key=key, result=result, code=_optional_str(obj, "code", "result"))
    first = json_object(first, "result.first")
    first_result = _str(first, "result", "result.first")
    if first_result not in _FIRST_RESULTS:
        raise malformed("result.first.result")
    code = _str(first, "code", "result.first") if first_result == "rejected" else None
    status = first.get("status")
    return ItemResult(
        key=key,
        result=result,
        code=code,
        first_result=first_result,
        status=status if isinstance(status, str) else None,
    )


def _aware(value: Any, what: str) -> datetime:
    if not isinstance(value, str):
        raise malformed(what)
    try:
        moment = datetime.fromisoformat(value)
    except ValueError as exc:
        raise malformed(what) from exc
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise malformed(f"{what} without offset")
    return moment


def _event(raw: Any) -> GatewayEvent:
    obj = json_object(raw, "event")
    data = obj.get("data", {})
    if not isinstance(data, dict):
        raise malformed("event.data")
    return GatewayEvent(
        seq=_int(obj, "seq", "event"),
        type=_str(obj, "type", "event"),
        at=_aware(obj.get("at"), "event.at"),
        customer_ref=_optional_str(obj, "customer_ref", "event"),
        client_id=_optional_str(obj, "client_id", "event"),
        channel=_optional_str(obj, "channel", "event"),
        data=data,
    )


def event_page(raw: Any, after: int) -> EventPage:
    obj = json_object(raw, "events answer")
    raw_events = obj.get("events")
    if not isinstance(raw_events, list):
        raise malformed("events answer without events")
    events = [_event(item) for item in raw_events]
    last_seq = _int(obj, "last_seq", "events answer")
    # The caller stores the newest seq as its cursor: an answer out of order would skip
    # events (an opt-out among them) for good.
    previous = after
    for event in events:
        if event.seq <= previous:
            raise malformed("events out of order")
        previous = event.seq
    if previous > last_seq:
        raise malformed("last_seq behind the events")
    return EventPage(events=events, last_seq=last_seq)
