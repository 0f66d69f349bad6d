"""From a due message to a job the delivery worker hands over: the rules once more
(answered set-based for a whole batch), the unsubscribe link and the final text.

A row that cannot be checked or prepared (written so by an older gateway) fails alone
(``invalid_message``); it never stops the batch.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from desk_gateway import carried_links
from desk_gateway.booking.offers import offer_url
from desk_gateway.booking.records import manage_url
from desk_gateway.context import Gateway
from desk_gateway.db.models import ConsentRequest, Message, OptOut, Suppression, UnsubscribeLink
from desk_gateway.email_transport import MailAttachment
from desk_gateway.enforcement import Facts, address_key, channel_available
from desk_gateway.events import NewEvent
from desk_gateway.outcomes import INVALID_MESSAGE, Job
from desk_gateway.schemas import OFFER_PLACEHOLDER
from desk_gateway.suppressions import blocks as suppression_blocks
from desk_gateway.texts import SMS_UNSUBSCRIBE_FOOTER, UNSUBSCRIBE_FOOTER, labelled_link, pick
from desk_gateway.tokens import address_hash, link_token, sha256_hex


@dataclass(frozen=True)
class Known:
    """Set-based answers for one batch: who opted out, which addresses are suppressed,
    which consents were confirmed, which unsubscribe links exist already."""

    opted_out: set[tuple[int, str]]
    suppressed: dict[tuple[int, str], str]
    confirmed: set[tuple[int, str, str, str, str]]  # with the address confirmed
    links: set[str]
    # (installation, carrying message's client_id, channel) -> the carried request's id
    carried: dict[tuple[int, str, str], carried_links.Carried]


def known_for(gw: Gateway, s: Session, due: list[Message]) -> Known:
    refs = {m.customer_ref for m in due}
    hashes = {address_hash(gw.secret_key, m.to_address or "") for m in due}
    bases = {m.basis_ref for m in due if m.basis_ref}
    link_hashes = {
        sha256_hex(link_token(gw.secret_key, "u", m.installation_id, m.client_id)) for m in due
    }
    opted_rows = s.execute(
        select(OptOut.installation_id, OptOut.customer_ref).where(OptOut.customer_ref.in_(refs))
    )
    suppressed_rows = s.execute(
        select(Suppression.installation_id, Suppression.address_hash, Suppression.reason).where(
            Suppression.address_hash.in_(hashes)
        )
    )
    confirmed: set[tuple[int, str, str, str, str]] = set()
    if bases:
        rows = s.execute(
            select(
                ConsentRequest.installation_id,
                ConsentRequest.request_id,
                ConsentRequest.customer_ref,
                ConsentRequest.channel,
                ConsentRequest.address,
            ).where(ConsentRequest.request_id.in_(bases), ConsentRequest.confirmed_at.is_not(None))
        )
        # With the address it was confirmed for (an erasure blanks it: no basis then).
        confirmed = {(i, r, c, ch, address_key(a)) for i, r, c, ch, a in rows}
    links = set(
        s.scalars(
            select(UnsubscribeLink.token_hash).where(UnsubscribeLink.token_hash.in_(link_hashes))
        )
    )
    return Known(
        opted_out={(i, r) for i, r in opted_rows},
        suppressed={(i, h): reason for i, h, reason in suppressed_rows},
        confirmed=confirmed,
        links=links,
        carried=carried_links.carried_requests(s, due),
    )


def facts(gw: Gateway, message: Message, known: Known) -> Facts:
    """The rules again at send time: consent and opt-outs may have changed since intake."""
    installation = message.installation_id
    hashed = address_hash(gw.secret_key, message.to_address or "")
    basis = (
        installation,
        message.basis_ref or "",
        message.customer_ref,
        message.channel,
        address_key(message.to_address),
    )
    return Facts(
        category=message.category,
        channel=message.channel,
        address=message.to_address or "",
        opted_out=(installation, message.customer_ref) in known.opted_out,
        suppressed=suppression_blocks(
            known.suppressed.get((installation, hashed)), message.category
        ),
        basis_confirmed=basis in known.confirmed,
        not_after=message.not_after,
        channel_available=channel_available(gw.config, message.channel),
    )


def refused(message: Message, code: str, now: datetime) -> NewEvent:
    """A message the rules refuse now (or whose time ran out): it is not sent."""
    expired = code == "expired"
    message.status = "expired" if expired else "rejected"
    message.reject_code = code
    return NewEvent(
        "message.expired" if expired else "message.rejected",
        now,
        message.customer_ref,
        message.client_id,
        message.channel,
        {} if expired else {"code": code},
    )


def invalid(message: Message, now: datetime, exc: BaseException) -> NewEvent:
    """A message row that cannot even be prepared (written so by an older gateway)."""
    message.status = "failed"
    message.attempts += 1
    message.last_error = f"{INVALID_MESSAGE} ({type(exc).__name__})"
    data = {"error": INVALID_MESSAGE, "permanent": True, "code": INVALID_MESSAGE}
    return NewEvent(
        "message.failed", now, message.customer_ref, message.client_id, message.channel, data
    )


def render(
    gw: Gateway,
    message: Message,
    existing_links: set[str],
    carried: dict[tuple[int, str, str], carried_links.Carried] | None = None,
) -> tuple[Job, UnsubscribeLink | None]:
    """The job with its final text, and the unsubscribe link to store if it is new.
    ``carried``: the consent requests whose links messages carry (``Known.carried``)."""
    token = link_token(gw.secret_key, "u", message.installation_id, message.client_id)
    link = None
    if sha256_hex(token) not in existing_links:
        link = UnsubscribeLink(
            token_hash=sha256_hex(token),
            installation_id=message.installation_id,
            customer_ref=message.customer_ref,
            channel=message.channel,
            client_id=message.client_id,
            language=message.language,
        )
    unsubscribe_url = gw.config.link(f"/u/{token}")
    text = message.text
    if text is None:
        raise ValueError("message without text")
    if "$unsubscribe_url" not in text:
        footer = SMS_UNSUBSCRIBE_FOOTER if message.channel == "sms" else UNSUBSCRIBE_FOOTER
        text += pick(footer, message.language)
    if message.channel == "email":
        # (An SMS keeps the desktop's exact wording: the desktop counted its parts.)
        text = labelled_link(text, message.language)
    text = text.replace("$unsubscribe_url", unsubscribe_url)
    if message.booking_ref is not None:
        url = manage_url(gw, message.installation_id, message.booking_ref)
        text = text.replace("$manage_url", url)
    if OFFER_PLACEHOLDER in text:
        # (Intake let ``$offer_url`` in only with an offer, whose ref is the client_id.)
        text = text.replace(
            OFFER_PLACEHOLDER, offer_url(gw, message.installation_id, message.client_id)
        )
    carried_request: str | None = None
    if message.kind == "consent_request":
        confirm = link_token(gw.secret_key, "c", message.installation_id, message.client_id)
        text = text.replace("$confirm_url", gw.config.link(f"/c/{confirm}"))
    elif carried_links.carries_link(message.kind, text):
        key = (message.installation_id, message.client_id, message.channel)
        carried_request = carried_links.carried_by(message, (carried or {}).get(key))
        confirm_url = None
        if carried_request is not None:
            token = link_token(gw.secret_key, "c", message.installation_id, carried_request)
            confirm_url = gw.config.link(f"/c/{token}")
        text = carried_links.fill_confirm_url(text, confirm_url)
    job = Job(
        message_id=message.id,
        installation_id=message.installation_id,
        client_id=message.client_id,
        kind=message.kind,
        category=message.category,
        channel=message.channel,
        customer_ref=message.customer_ref,
        to=message.to_address or "",
        subject=message.subject,
        text=text,
        unsubscribe_url=unsubscribe_url,
        attempts=message.attempts,
        sender_name=message.sender_name,
        attachments=_attachments(message),
        carried_request_id=carried_request,
    )
    return job, link


def _attachments(message: Message) -> tuple[MailAttachment, ...]:
    if message.channel != "email" or not message.attachments:
        return ()
    return tuple(
        MailAttachment(a["filename"], a["content_type"], a["text"]) for a in message.attachments
    )
