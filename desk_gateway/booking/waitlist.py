"""The booking page's waitlist (issue 14): when nothing suits, the customer asks to be
told when a time frees up — the service (and staff member) chosen on the page, the days
between two dates, the weekdays and hours that suit, where to be told (email or SMS).

GET /book/{public_name}/waitlist?treatment=…&staff=… shows the form; POST checks it
(the booking form's contact checks, a date range inside the salon's horizon, at most one
time span) and appends ``waitlist.requested``: the desktop puts the customer on its
waitlist on the next sync (``services.waitlist_online``). Nothing here books anything.
The names and addresses are kept only until the desktop has read the event, at most
30 days (``waitlist_retention``, ``requests.purge_unanswered``).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, time, timedelta
from typing import Any
from urllib.parse import parse_qsl

from desk_gateway.booking.form import Submission, check_contact, parse_day, parse_int
from desk_gateway.booking.repeats import WISH_KEY, repeated_wish, wish_key
from desk_gateway.booking.schemas import Treatment
from desk_gateway.booking.store import Site, lock_site, site_by_name
from desk_gateway.booking.texts import LANGUAGES
from desk_gateway.context import Gateway
from desk_gateway.db.models import BookingRequest
from desk_gateway.events import append_event

EVENT_TYPE = "waitlist.requested"
WAITLIST_KIND = "waitlist"  # a BookingRequest's data["kind"] for a wish
CONTACT_FIELDS = ("first_name", "last_name", "email", "phone", "website")
FIELDS = (*CONTACT_FIELDS, "treatment", "staff", "first_day", "last_day", "from", "until",
          "channel", "lang")  # fmt: skip
MAX_FIELDS = 40  # the fields above and up to seven weekdays, with room to spare
CHANNELS = ("email", "sms")


@dataclass(frozen=True)
class WaitlistForm:
    """The posted fields (the first of each; ``days``: the ticked weekdays 0-6)."""

    values: dict[str, str]
    days: tuple[int, ...]

    def get(self, name: str) -> str:
        return self.values.get(name, "")


def parse_waitlist_body(body: bytes) -> WaitlistForm:
    """A body that is not UTF-8 or has too many fields counts as empty."""
    try:
        pairs = parse_qsl(body.decode("utf-8"), keep_blank_values=True, max_num_fields=MAX_FIELDS)
    except (UnicodeDecodeError, ValueError):
        return WaitlistForm({}, ())
    values: dict[str, str] = {}
    days: set[int] = set()
    for name, value in pairs:
        if name == "day" and value in {str(n) for n in range(7)}:
            days.add(int(value))
        elif name in FIELDS and name not in values:
            values[name] = value
    return WaitlistForm(values, tuple(sorted(days)))


@dataclass(frozen=True)
class Wish:
    treatment: Treatment
    staff_id: int | None
    first_day: date
    last_day: date
    days: tuple[int, ...]
    starts: time | None
    ends: time | None
    channel: str


def _clock(raw: str) -> time | None:
    try:
        return time.fromisoformat(raw) if raw and len(raw) <= 8 else None
    except ValueError:
        return None


def check_wish(site: Site, form: WaitlistForm, today: date) -> tuple[Wish | None, dict[str, str]]:
    """The wish, or the problem code of each field that is wrong."""
    errors: dict[str, str] = {}
    treatment_id = parse_int(form.get("treatment"))
    treatment = site.snapshot.treatment(treatment_id) if treatment_id else None
    if treatment is None or not treatment.staff_ids:
        return None, {"choice": "invalid_choice"}
    staff_id = parse_int(form.get("staff"))
    if staff_id not in treatment.staff_ids:
        staff_id = None
    horizon = today + timedelta(days=site.snapshot.rules.horizon_days)
    first = parse_day(form.get("first_day")) or today
    last = parse_day(form.get("last_day"))
    if last is None or last < first or first < today or last > horizon:
        errors["last_day"] = "invalid_range"
    starts, ends = _clock(form.get("from")), _clock(form.get("until"))
    if (starts is None) != (ends is None) or (starts and ends and ends <= starts):
        errors["until"] = "invalid_hours"
    channel = form.get("channel")
    if channel not in CHANNELS:
        errors["channel"] = "required"
    if errors or last is None or channel not in CHANNELS:
        return None, errors
    return Wish(treatment, staff_id, first, last, form.days, starts, ends, channel), {}


def submit_waitlist(
    gw: Gateway, public_name: str, form: WaitlistForm
) -> tuple[Site | None, Wish | None, dict[str, str]]:
    """Check the form and, if it is right, tell the desktop (one event)."""
    now = gw.clock()
    with gw.db.read() as s:
        site = site_by_name(s, public_name)
    if site is None or not site.snapshot.enabled:
        return site, None, {"choice": "invalid_choice"}
    lang = form.get("lang") if form.get("lang") in LANGUAGES else "de"
    contact_form = Submission({k: form.get(k) for k in CONTACT_FIELDS if k in form.values})
    contact, errors = check_contact(contact_form, site.snapshot.consent.for_language(lang))
    wish, wish_errors = check_wish(site, form, now.astimezone(site.zone).date())
    errors = {**errors, **wish_errors}
    if wish is not None and contact is not None:
        if wish.channel == "email" and not contact.email:
            errors["email"] = "required"
        if wish.channel == "sms" and not contact.phone:
            errors["phone"] = "required"
    if errors or wish is None or contact is None:
        return site, wish, errors
    data: dict[str, Any] = {
        "request_id": str(uuid.uuid4()),
        "treatment_id": wish.treatment.id,
        "staff_id": wish.staff_id,
        "first_day": wish.first_day.isoformat(),
        "last_day": wish.last_day.isoformat(),
        "days": list(wish.days),
        "from": wish.starts.strftime("%H:%M") if wish.starts else None,
        "until": wish.ends.strftime("%H:%M") if wish.ends else None,
        "channel": wish.channel,
        "first_name": contact.first_name,
        "last_name": contact.last_name,
        "email": contact.email,
        "phone": contact.phone,
        "language": lang,
        "submitted_at": now.isoformat(),
    }
    key = wish_key(gw.secret_key, data)
    with gw.db.write() as s:
        lock_site(s, site.installation_id)
        if repeated_wish(s, site.installation_id, key, now):
            return site, wish, {}  # the same form sent twice: received once
        # Kept as a request as well, so the names and addresses go on booking requests'
        # schedule (``booking.requests``: after 30 days unanswered) or sooner, once the
        # desktop has applied the event (``waitlist_retention``).
        s.add(
            BookingRequest(
                installation_id=site.installation_id,
                request_id=data["request_id"],
                public_name=site.public_name,
                data={"kind": WAITLIST_KIND, **data, WISH_KEY: key},
                created_at=now,
            )
        )
        append_event(
            s, site.installation_id, EVENT_TYPE, now, client_id=data["request_id"], data=data
        )
    return site, wish, {}
