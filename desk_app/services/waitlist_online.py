"""``waitlist.requested``: a customer asked on the booking page to be told when a time
frees up (``desk_gateway.booking.waitlist``). Applied inside the gateway event's
transaction, once (the request_id is the entry's ref).

Who it is for is decided as for an online booking (``online_matching``): the one
customer with the typed email or mobile number, or a new customer; when two customers
share them, nobody is guessed and the wish is dropped (logged: staff can take it by
phone). The entry asks for offers on the channel chosen. Nobody checked that the
address typed is the customer's own, so an entry from the page never lifts her
objection (``waitlist_openings.offers_asked_at``): for a customer who objected, the
entry is kept for staff to see and to call about, and offers go to her only once
staff take the wish at the counter after asking her.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from datetime import date, datetime, time
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from desk_app.db import models as m
from desk_app.domain.enums import Channel
from desk_app.domain.errors import InvalidField
from desk_app.domain.waitlist import TimeWindow, check_wish
from desk_app.services.customers import customer_values, insert_customer
from desk_app.services.online_matching import candidates
from desk_app.services.rows import CustomerInput
from desk_app.services.suppression import suppressed
from desk_app.services.waitlist_openings import ONLINE, WAITING

log = logging.getLogger(__name__)

REQUESTED_EVENT = "waitlist.requested"
WHOLE_DAY = (time(0, 0), time(23, 59))


def _text(data: Mapping[str, Any], key: str) -> str | None:
    value = data.get(key)
    return value if isinstance(value, str) and value else None


def _windows(data: Mapping[str, Any]) -> tuple[TimeWindow, ...]:
    days_raw = data.get("days")
    days = [d for d in days_raw if isinstance(d, int)] if isinstance(days_raw, list) else []
    starts, ends = _text(data, "from"), _text(data, "until")
    if starts is None or ends is None:
        if not days:
            return ()
        span = WHOLE_DAY
    else:
        span = (time.fromisoformat(starts), time.fromisoformat(ends))
    return tuple(TimeWindow(d, *span) for d in sorted(set(days or range(7))))


def apply_waitlist_request(s: Session, data: Mapping[str, Any], now: datetime) -> None:
    request_id = _text(data, "request_id")
    if request_id is None or len(request_id) > 36:
        return
    if s.scalar(select(m.WaitlistEntry.id).where(m.WaitlistEntry.ref == request_id)):
        return  # applied before
    try:
        first_day = date.fromisoformat(str(data.get("first_day")))
        last_day = date.fromisoformat(str(data.get("last_day")))
        windows = _windows(data)
        check_wish(first_day, last_day, windows)
        channel = Channel(str(data.get("channel")))
    except (ValueError, InvalidField) as exc:
        log.warning("waitlist request %s dropped: %s", request_id, exc)
        return
    treatment = s.get(m.Treatment, data.get("treatment_id"))
    staff_id = data.get("staff_id")
    staff = s.get(m.Staff, staff_id) if isinstance(staff_id, int) else None
    if treatment is None or not treatment.active or (staff_id is not None and staff is None):
        log.warning("waitlist request %s dropped: not bookable", request_id)
        return
    email, phone = _text(data, "email"), _text(data, "phone")
    found = candidates(s, email, phone)
    if len(found) > 1:
        log.warning("waitlist request %s dropped: two customers share its addresses", request_id)
        return
    customer = found[0] if found else _new_customer(s, data, email, phone, now)
    if customer is None:
        return
    submitted = _text(data, "submitted_at")
    asked_at = datetime.fromisoformat(submitted) if submitted else now
    s.add(
        m.WaitlistEntry(
            ref=request_id,
            customer_id=customer.id,
            service_id=treatment.id,
            staff_id=staff.id if staff is not None else None,
            first_day=first_day,
            last_day=last_day,
            windows=[w.to_text() for w in windows],
            channel=channel.value,
            note="",
            source=ONLINE,
            state=WAITING,
            created_at=now,
            asked_at=asked_at,
        )
    )
    s.flush()


def _new_customer(
    s: Session, data: Mapping[str, Any], email: str | None, phone: str | None, now: datetime
) -> m.Customer | None:
    # An address on the suppression list (an erased customer's) is left out, as at the counter.
    found = suppressed(s, (email, phone))
    email = None if email in found else email
    phone = None if phone in found else phone
    try:
        values = customer_values(
            CustomerInput(
                first_name=_text(data, "first_name") or "",
                last_name=_text(data, "last_name") or "",
                email=email,
                phone=phone,
                language=_text(data, "language") or "de",
            ),
            region="DE",
            today=now.date(),
        )
    except InvalidField as exc:
        log.warning("waitlist request dropped: %s", exc)
        return None
    return insert_customer(s, values)
