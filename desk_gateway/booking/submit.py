"""A submitted booking form: checked, its slot held, stored and reported to the desktop as
the event ``booking.requested`` — all in one transaction, or nothing at all.

The checks that need no database run first (the form, the choice against the published
snapshot, the lead time and horizon); the slot itself is decided by ``store.hold_slot``
under the salon's lock, against the snapshot as it is at that moment.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from desk_app.domain.text_safety import cleaned
from desk_gateway.booking.form import (
    Choice,
    Contact,
    Submission,
    check_choice,
    check_contact,
    form_language,
)
from desk_gateway.booking.repeats import same_open_request
from desk_gateway.booking.schemas import ChannelStatements
from desk_gateway.booking.store import (
    Site,
    hold_slot,
    lock_site,
    open_for_contact,
    site_by_name,
)
from desk_gateway.context import Gateway
from desk_gateway.db.models import BookingRequest
from desk_gateway.events import append_event
from desk_gateway.tokens import address_hash

USER_AGENT_MAX = 400
# Open online requests (held, or booked and not yet over) one email address or phone
# number may have at a salon: a family books a few, a bot cannot fill the calendar.
OPEN_PER_CONTACT = 3
IP_MAX = 45
EVENT_TYPE = "booking.requested"


@dataclass(frozen=True)
class Accepted:
    site: Site
    lang: str
    request_id: str


@dataclass(frozen=True)
class Refused:
    """The form comes back (422) with these errors; ``choice`` None: the treatment, staff
    member or time named no choice of the page (the first step comes back instead)."""

    site: Site
    lang: str
    choice: Choice | None
    errors: dict[str, str]


class Unavailable(Exception):
    """No such page, or its salon switched online booking off."""

    def __init__(self, site: Site | None) -> None:
        super().__init__(site.public_name if site else "")
        self.site = site


def submit(
    gw: Gateway,
    public_name: str,
    submission: Submission,
    ip: str | None,
    user_agent: str | None,
) -> Accepted | Refused:
    now = gw.clock()
    lang = form_language(submission)
    with gw.db.read() as s:
        site = site_by_name(s, public_name)
    if site is None or not site.snapshot.enabled:
        raise Unavailable(site)
    statements = site.snapshot.consent.for_language(lang)
    choice, choice_error = check_choice(submission, site.snapshot)
    contact, errors = check_contact(submission, statements)
    if choice is None:
        return Refused(site, lang, None, {"choice": choice_error or "invalid_choice", **errors})
    time_error = _time_problem(site, choice, now)
    if time_error:
        errors = {"start": time_error, **errors}
    if errors or contact is None:
        return Refused(site, lang, choice, errors)
    request_id = str(uuid.uuid4())
    with gw.db.write() as s:
        current = site_by_name(s, public_name)  # a snapshot published meanwhile counts
        treatment = current.snapshot.treatment(choice.treatment.id) if current else None
        if current is None or treatment is None or not current.snapshot.enabled:
            return Refused(site, lang, choice, {"start": "start_taken"})
        lock_site(s, current.installation_id)  # the count and the hold decide together
        hashes = contact_hashes(gw, contact)

        def data_for(held: Any) -> dict[str, Any]:
            # The staff member as chosen; only "any" takes the one the hold found.
            staff_id = held.staff_id if choice.staff_id is None else choice.staff_id
            return event_data(
                held.request_id,
                choice,
                staff_id,
                held.starts_at,
                held.ends_at,
                contact,
                lang,
                current.snapshot.consent.for_language(lang),
                ip,
                user_agent,
                now,
            )

        repeated = same_open_request(
            s, current.installation_id, choice.starts_at, hashes, data_for, now
        )
        if repeated is not None:  # the same form sent twice: received once
            return Accepted(site, lang, repeated)
        if open_for_contact(s, current.installation_id, list(hashes.values()), now) >= (
            OPEN_PER_CONTACT
        ):
            return Refused(site, lang, choice, {next(iter(hashes)): "too_many_open"})
        hold = hold_slot(
            s,
            current,
            treatment,
            choice.staff_id,
            choice.starts_at,
            now,
            request_id,
            timedelta(hours=gw.config.booking_hold_hours),
        )
        if hold is None:
            return Refused(site, lang, choice, {"start": "start_taken"})
        hold.email_hash, hold.phone_hash = hashes.get("email"), hashes.get("phone")
        data = event_data(
            request_id,
            choice,
            hold.staff_id,
            hold.starts_at,
            hold.ends_at,
            contact,
            lang,
            current.snapshot.consent.for_language(lang),
            ip,
            user_agent,
            now,
        )
        s.add(
            BookingRequest(
                installation_id=current.installation_id,
                request_id=request_id,
                public_name=current.public_name,
                data=data,
                created_at=now,
            )
        )
        append_event(s, current.installation_id, EVENT_TYPE, now, client_id=request_id, data=data)
    return Accepted(site, lang, request_id)


def contact_hashes(gw: Gateway, contact: Contact) -> dict[str, str]:
    """Keyed hashes of the typed email and phone, by field (email first)."""
    typed = {"email": contact.email, "phone": contact.phone}
    return {field: address_hash(gw.secret_key, value) for field, value in typed.items() if value}


def _time_problem(site: Site, choice: Choice, now: datetime) -> str | None:
    rules = site.snapshot.rules
    if choice.starts_at < now + timedelta(minutes=rules.lead_minutes):
        return "start_too_soon"
    ends_at = choice.starts_at + timedelta(minutes=choice.treatment.minutes)
    if ends_at > now + timedelta(days=rules.horizon_days):
        return "start_too_late"
    return None


def event_data(
    request_id: str,
    choice: Choice,
    staff_id: int,
    starts_at: datetime,
    ends_at: datetime,
    contact: Contact,
    lang: str,
    statements: ChannelStatements,
    ip: str | None,
    user_agent: str | None,
    now: datetime,
) -> dict[str, Any]:
    """The data of ``booking.requested`` (docs/gateway-protocol-v1.md, "Online booking")."""

    def shown(ticked: bool, channel: str) -> dict[str, str] | None:
        statement = getattr(statements, channel)
        if not ticked or statement is None:
            return None
        return {"version": statement.version, "text": statement.text}

    agent = cleaned(user_agent or "")[:USER_AGENT_MAX] or None
    return {
        "request_id": request_id,
        "treatment_id": choice.treatment.id,
        "staff_id": staff_id,
        "staff_chosen": choice.staff_id is not None,
        "starts_at": starts_at.isoformat(),
        "ends_at": ends_at.isoformat(),
        "first_name": contact.first_name,
        "last_name": contact.last_name,
        "email": contact.email,
        "phone": contact.phone,
        "note": contact.note,
        "language": lang,
        "notify_after_objection": contact.notify_after_objection,
        "consent": {
            "email": shown(contact.consent_email, "email"),
            "sms": shown(contact.consent_sms, "sms"),
        },
        # The page shows the §7(3) notice beside the email field on every form.
        "objection_notice_shown": True,
        "ip": (ip or "")[:IP_MAX] or None,
        "user_agent": agent,
        "submitted_at": now.isoformat(),
    }
