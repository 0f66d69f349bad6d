"""The customer's clicks: confirming a consent (/c/{token}) and unsubscribing (/u/{token}).

GET only shows a page (and notes that the link was opened: mail scanners open links
too, so a view never changes consent); only POST changes state, and repeating a POST
changes nothing more.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from desk_gateway.context import Gateway
from desk_gateway.db.models import ConsentRequest, OptOut, Suppression, UnsubscribeLink
from desk_gateway.events import append_event
from desk_gateway.suppressions import OBJECTED
from desk_gateway.tokens import address_hash, sha256_hex
from desk_sql.upsert import insert_once


@dataclass(frozen=True)
class ConfirmationView:
    state: str  # open | confirmed | expired
    just_confirmed: bool
    statement_text: str
    salon_name: str
    language: str
    channel: str
    confirmed_at: datetime | None


@dataclass(frozen=True)
class UnsubscribeView:
    already: bool
    just_unsubscribed: bool
    language: str
    channel: str


def _request(s: Session, token: str) -> ConsentRequest | None:
    """The request behind a token, locked: a double click confirms exactly once."""
    if not token or len(token) > 100:
        return None
    return s.scalar(
        select(ConsentRequest)
        .where(ConsentRequest.token_hash == sha256_hex(token))
        .with_for_update()
    )


def _view(request: ConsentRequest, now: datetime, just_confirmed: bool) -> ConfirmationView:
    if request.confirmed_at is not None:
        state = "confirmed"
    elif now > request.expires_at:
        state = "expired"
    else:
        state = "open"
    return ConfirmationView(
        state=state,
        just_confirmed=just_confirmed,
        statement_text=request.statement_text,
        salon_name=request.salon_name,
        language=request.language,
        channel=request.channel,
        confirmed_at=request.confirmed_at,
    )


def view_confirmation(
    gw: Gateway, token: str, ip: str | None, user_agent: str | None
) -> ConfirmationView | None:
    now = gw.clock()
    with gw.db.write() as s:
        request = _request(s, token)
        if request is None:
            return None
        if request.viewed_at is None and request.confirmed_at is None:
            request.viewed_at = now
            append_event(
                s,
                request.installation_id,
                "consent.link_viewed",
                now,
                customer_ref=request.customer_ref,
                client_id=request.request_id,
                channel=request.channel,
                data={"request_id": request.request_id, "ip": ip, "user_agent": user_agent},
            )
        return _view(request, now, just_confirmed=False)


def confirm(
    gw: Gateway, token: str, ip: str | None, user_agent: str | None
) -> ConfirmationView | None:
    now = gw.clock()
    with gw.db.write() as s:
        request = _request(s, token)
        if request is None:
            return None
        view = _view(request, now, just_confirmed=False)
        if view.state != "open":
            return view
        request.confirmed_at = now
        request.confirm_ip = ip
        request.confirm_user_agent = (user_agent or "")[:400] or None
        # A new, confirmed double opt-in lifts an earlier objection (DESIGN.md 2), also the
        # STOP of the number confirmed, and an erased customer who confirms anew may be
        # written to again.
        s.execute(
            delete(OptOut).where(
                OptOut.installation_id == request.installation_id,
                OptOut.customer_ref == request.customer_ref,
            )
        )
        if request.address:
            s.execute(
                delete(Suppression).where(
                    Suppression.installation_id == request.installation_id,
                    Suppression.address_hash == address_hash(gw.secret_key, request.address),
                    Suppression.reason.in_(("erased", OBJECTED)),
                )
            )
        append_event(
            s,
            request.installation_id,
            "consent.confirmed",
            now,
            customer_ref=request.customer_ref,
            client_id=request.request_id,
            channel=request.channel,
            data={
                "request_id": request.request_id,
                "ip": ip,
                "user_agent": request.confirm_user_agent,
            },
        )
        return _view(request, now, just_confirmed=True)


def _link(s: Session, token: str) -> UnsubscribeLink | None:
    if not token or len(token) > 100:
        return None
    return s.get(UnsubscribeLink, sha256_hex(token))


def _is_opted_out(s: Session, link: UnsubscribeLink) -> bool:
    return (
        s.get(OptOut, {"installation_id": link.installation_id, "customer_ref": link.customer_ref})
        is not None
    )


def view_unsubscribe(gw: Gateway, token: str) -> UnsubscribeView | None:
    with gw.db.read() as s:
        link = _link(s, token)
        if link is None:
            return None
        return UnsubscribeView(_is_opted_out(s, link), False, link.language, link.channel)


def unsubscribe(gw: Gateway, token: str, via: str) -> UnsubscribeView | None:
    """Record the objection once; ``via`` is ``link`` (the page) or ``one_click`` (RFC 8058)."""
    now = gw.clock()
    with gw.db.write() as s:
        link = _link(s, token)
        if link is None:
            return None
        recorded = insert_once(
            s,
            OptOut,
            installation_id=link.installation_id,
            customer_ref=link.customer_ref,
            at=now,
            via=via,
        )
        if not recorded:  # already unsubscribed (maybe a second click a moment ago)
            return UnsubscribeView(True, False, link.language, link.channel)
        link.used_at = now
        append_event(
            s,
            link.installation_id,
            "optout.received",
            now,
            customer_ref=link.customer_ref,
            client_id=link.client_id,
            channel=link.channel,
            data={"via": via, "client_id": link.client_id},
        )
        return UnsubscribeView(False, True, link.language, link.channel)
