"""The values of a campaign's placeholders: the salon's own (from the settings), each
customer's (two set-based lookups), an example customer's for a test send without
recipients, and how many recipients would see a placeholder empty.

May not import Qt, the ui or the config layer.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Protocol

from sqlalchemy import ColumnElement, case, exists, func, select
from sqlalchemy.orm import Session

from desk_app.db import models as m
from desk_app.domain.campaign_content import unsubscribe_link_length
from desk_app.domain.enums import ACTIVE_APPOINTMENT_STATUSES, AppointmentStatus
from desk_app.services.audience import AudienceQuery, audience_statement
from desk_app.services.messages import local_date_and_time
from desk_app.services.settings_store import read_settings


@dataclass(frozen=True)
class SalonDetails:
    """What the placeholders say about the salon itself."""

    name: str
    phone: str
    address: str
    review_url: str
    time_zone: str


def empty_value_counts(
    s: Session, query: AudienceQuery, now: datetime
) -> dict[str, dict[str, int]]:
    """Per channel: the recipients, and how many of them have no value for each of the
    placeholders that depend on the customer (one statement over the audience)."""
    audience = audience_statement(query, s.connection().dialect.name).order_by(None).subquery()
    a, c = audience.c, m.Customer
    active = tuple(st.value for st in ACTIVE_APPOINTMENT_STATUSES)
    done = exists().where(
        m.Appointment.customer_id == a.customer_id,
        m.Appointment.status == AppointmentStatus.DONE.value,
    )
    upcoming = exists().where(
        m.Appointment.customer_id == a.customer_id,
        m.Appointment.status.in_(active),
        m.Appointment.starts_at > now,
    )

    def none_where(condition: ColumnElement[bool]) -> Any:
        return func.sum(case((condition, 1), else_=0))

    statement = (
        select(
            a.channel,
            func.count(),
            none_where(c.first_name == ""),
            none_where(c.last_name == ""),
            none_where(~done),
            none_where(~upcoming),
        )
        .join(c, c.id == a.customer_id)
        .where(a.channel.is_not(None))
        .group_by(a.channel)
    )
    counts: dict[str, dict[str, int]] = {}
    for channel, recipients, first, last, no_visit, no_next in s.execute(statement):
        counts[str(channel)] = {
            "recipients": int(recipients),
            "first_name": int(first or 0),
            "last_name": int(last or 0),
            "stylist": int(no_visit or 0),
            "last_visit": int(no_visit or 0),
            "next_appointment": int(no_next or 0),
        }
    return counts


def unsubscribe_link_chars(s: Session) -> int:
    """How long the gateway's unsubscribe link is: its address is in the settings."""
    return unsubscribe_link_length(read_settings(s).gateway_url)


def salon_details(s: Session) -> SalonDetails:
    settings = read_settings(s)
    return SalonDetails(
        name=settings.salon_name,
        phone=settings.salon_phone,
        address=settings.salon_address,
        review_url=settings.review_url,
        time_zone=settings.time_zone,
    )


class NamedCustomer(Protocol):
    """What the placeholders need of a customer: an ORM object or a plain row."""

    @property
    def id(self) -> int: ...
    @property
    def first_name(self) -> str: ...
    @property
    def last_name(self) -> str: ...
    @property
    def language(self) -> str: ...


def salon_values(salon: SalonDetails) -> dict[str, str]:
    """The placeholders that say the same for every recipient."""
    return {
        "salon_name": salon.name,
        "salon_phone": salon.phone,
        "salon_address": salon.address,
        "review_url": salon.review_url,
    }


def example_values(salon: SalonDetails) -> dict[str, str]:
    return {
        "first_name": "Anna",
        "last_name": "Beispiel",
        "stylist": "",
        "last_visit": "",
        "next_appointment": "",
        **salon_values(salon),
    }


# The placeholders that need a look at the customer's appointments.
FROM_APPOINTMENTS = frozenset({"stylist", "last_visit", "next_appointment"})


def placeholder_values(
    s: Session,
    customers: Sequence[NamedCustomer],
    salon: SalonDetails,
    now: datetime,
    used: frozenset[str] | None = None,
) -> dict[int, dict[str, str]]:
    """The documented placeholders for each customer, with two set-based lookups.

    ``used``: the names the templates refer to (None: all); when none of them comes from
    the appointments, those are left empty without looking (a campaign to 50,000
    customers that says "Hallo {{ first_name }}" needs no appointment at all)."""
    ids = [c.id for c in customers]
    last: dict[int, tuple[str, datetime]] = {}
    upcoming: dict[int, tuple[str, datetime]] = {}
    if used is None or used & FROM_APPOINTMENTS:
        last = _first_appointment_per_customer(s, ids, (AppointmentStatus.DONE.value,), None)
        active = tuple(st.value for st in ACTIVE_APPOINTMENT_STATUSES)
        upcoming = _first_appointment_per_customer(s, ids, active, now)
    values: dict[int, dict[str, str]] = {}
    same = salon_values(salon)
    for c in customers:
        visit, next_one = last.get(c.id), upcoming.get(c.id)
        last_day = local_date_and_time(visit[1], salon.time_zone, c.language)[0] if visit else ""
        next_text = ""
        if next_one:
            day, clock = local_date_and_time(next_one[1], salon.time_zone, c.language)
            next_text = f"{day}, {clock}"
        values[c.id] = {
            "first_name": c.first_name,
            "last_name": c.last_name,
            "stylist": visit[0] if visit else "",
            "last_visit": last_day,
            "next_appointment": next_text,
            **same,
        }
    return values


def _first_appointment_per_customer(
    s: Session, ids: Sequence[int], statuses: tuple[str, ...], after: datetime | None
) -> dict[int, tuple[str, datetime]]:
    """Staff name and start of each customer's latest (``after`` None) or next appointment."""
    a = m.Appointment
    order = a.starts_at.desc() if after is None else a.starts_at.asc()
    ranked = (
        select(
            a.customer_id,
            m.Staff.name.label("staff"),
            a.starts_at,
            func.row_number().over(partition_by=a.customer_id, order_by=order).label("rank"),
        )
        .join(m.Staff, m.Staff.id == a.staff_id)
        .where(a.customer_id.in_(ids), a.status.in_(statuses))
    )
    if after is not None:
        ranked = ranked.where(a.starts_at > after)
    sub = ranked.subquery()
    rows = s.execute(select(sub.c.customer_id, sub.c.staff, sub.c.starts_at).where(sub.c.rank == 1))
    return {int(cid): (str(staff), starts) for cid, staff, starts in rows}
