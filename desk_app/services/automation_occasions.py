"""The occasions of the automatic messages, found with set-based queries: appointments to
remind of, birthdays, finished appointments to ask a review for, customers to win back
(and waiting win-backs that a new booking makes stale). ``desk_app.services.automations``
queues them.

May not import Qt, the ui or the config layer.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import Select, and_, extract, func, or_, select
from sqlalchemy.orm import Session

from desk_app.db import models as m
from desk_app.domain.automations import (
    REVIEW_GRACE,
    Automation,
    birthday_key,
    birthdays_on,
    reminder_key,
    review_key,
    win_back_key,
)
from desk_app.domain.enums import AppointmentStatus, OutboxStatus
from desk_app.services.booking_messages import REMINDER
from desk_app.services.messages import local_date_and_time

KINDS: dict[Automation, str] = {
    Automation.REMINDER: REMINDER,
    Automation.BIRTHDAY: "birthday",
    Automation.REVIEW_REQUEST: "review_request",
    Automation.WIN_BACK: "win_back",
}
# How long a review request or win-back may wait in the outbox before it is stale.
MARKETING_SHELF_LIFE = timedelta(days=7)
_UPCOMING = (AppointmentStatus.BOOKED.value, AppointmentStatus.ARRIVED.value)
BOOKED_AGAIN = "booked_again"  # a waiting win-back, withdrawn: the customer booked


@dataclass(frozen=True)
class AutomationSettings:
    enabled: Mapping[Automation, bool]
    reminder_hours: int
    review_request_hours: int
    win_back_days: int
    review_url: str


@dataclass(frozen=True)
class Occasion:
    key: str
    customer_id: int
    values: Mapping[str, str]  # template values beyond salon and first name
    appointment_id: int | None = None
    notify: bool = True  # the booking's notify switch, for occasions about a booking
    not_after: datetime | None = None


@dataclass(frozen=True)
class Run:
    """What every automation of one run needs to know."""

    now: datetime
    zone: ZoneInfo
    settings: AutomationSettings

    @property
    def today(self) -> date:
        return self.now.astimezone(self.zone).date()

    def local_day(self, moment: datetime) -> date:
        return moment.astimezone(self.zone).date()


# ---- finding occasions --------------------------------------------------------------------
def reminders(s: Session, run: Run) -> list[Occasion]:
    """Booked appointments that begin within the next N hours."""
    until = run.now + timedelta(hours=run.settings.reminder_hours)
    rows = s.execute(
        select(m.Appointment, m.Customer.language, m.Staff.name, m.Treatment.name)
        .join(m.Customer, m.Customer.id == m.Appointment.customer_id)
        .join(m.Staff, m.Staff.id == m.Appointment.staff_id)
        .join(m.Treatment, m.Treatment.id == m.Appointment.service_id)
        .where(
            m.Appointment.status == AppointmentStatus.BOOKED.value,
            m.Appointment.starts_at > run.now,
            m.Appointment.starts_at <= until,
        )
        .order_by(m.Appointment.starts_at, m.Appointment.id)
    )
    occasions = []
    for appointment, language, staff, service in rows:
        day, clock_time = local_date_and_time(appointment.starts_at, run.zone.key, language)
        occasions.append(
            Occasion(
                key=reminder_key(appointment.id, appointment.starts_at),
                customer_id=appointment.customer_id,
                values={"service": service, "staff": staff, "date": day, "time": clock_time},
                appointment_id=appointment.id,
                notify=appointment.notify,
                # A reminder is worthless once the appointment has begun.
                not_after=appointment.starts_at,
            )
        )
    return occasions


def birthdays(s: Session, run: Run) -> list[Occasion]:
    """Customers whose birthday is today in the salon's time zone."""
    today = run.today
    same_day = [
        and_(
            extract("month", m.Customer.birthday) == month,
            extract("day", m.Customer.birthday) == day,
        )
        for month, day in birthdays_on(today)
    ]
    ids = s.scalars(
        select(m.Customer.id)
        .where(m.Customer.birthday.is_not(None), m.Customer.birthday < today, or_(*same_day))
        .order_by(m.Customer.id)
    )
    # Congratulations are due on the day only.
    midnight = datetime.combine(today + timedelta(days=1), time(0), run.zone).astimezone(UTC)
    return [
        Occasion(key=birthday_key(cid, today.year), customer_id=cid, values={}, not_after=midnight)
        for cid in ids
    ]


def review_requests(s: Session, run: Run) -> list[Occasion]:
    """Visits that ended N hours ago (at most 48 hours more): one request per visit day."""
    due = run.now - timedelta(hours=run.settings.review_request_hours)
    rows = s.execute(
        select(
            m.Appointment.id,
            m.Appointment.customer_id,
            m.Appointment.ends_at,
            m.Appointment.notify,
            m.Treatment.name,
        )
        .join(m.Treatment, m.Treatment.id == m.Appointment.service_id)
        .where(
            m.Appointment.status == AppointmentStatus.DONE.value,
            m.Appointment.ends_at <= due,
            m.Appointment.ends_at > due - REVIEW_GRACE,
        )
        .order_by(m.Appointment.ends_at, m.Appointment.id)
    )
    by_key: dict[str, Occasion] = {}
    for appointment_id, customer_id, ends_at, notify, service in rows:
        key = review_key(customer_id, run.local_day(ends_at))
        # Ordered by end: the visit's last appointment is the one asked about.
        by_key[key] = Occasion(
            key=key,
            customer_id=customer_id,
            values={"service": service, "review_url": run.settings.review_url},
            appointment_id=appointment_id,
            notify=notify,
            not_after=run.now + MARKETING_SHELF_LIFE,
        )
    return list(by_key.values())


def win_backs(s: Session, run: Run) -> list[Occasion]:
    """Customers whose last visit is more than N days ago and who have nothing booked."""
    cutoff = run.now - timedelta(days=run.settings.win_back_days)
    last_visit = func.max(m.Appointment.ends_at)
    rows = s.execute(
        select(m.Appointment.customer_id, last_visit)
        .where(
            m.Appointment.status == AppointmentStatus.DONE.value,
            m.Appointment.customer_id.not_in(_booked_customers(run.now)),
        )
        .group_by(m.Appointment.customer_id)
        .having(last_visit < cutoff)
        .order_by(m.Appointment.customer_id)
    )
    return [
        Occasion(
            key=win_back_key(customer_id, run.local_day(last)),
            customer_id=customer_id,
            values={},
            not_after=run.now + MARKETING_SHELF_LIFE,
        )
        for customer_id, last in rows
    ]


def withdraw_stale_win_backs(s: Session, run: Run) -> None:
    """A waiting win-back is wrong once the customer has booked again."""
    stale = s.scalars(
        select(m.OutboxMessage).where(
            m.OutboxMessage.kind == KINDS[Automation.WIN_BACK],
            m.OutboxMessage.status == OutboxStatus.QUEUED.value,
            m.OutboxMessage.customer_id.in_(_booked_customers(run.now)),
        )
    )
    for message in stale:
        message.status, message.reason = OutboxStatus.REJECTED.value, BOOKED_AGAIN


def _booked_customers(now: datetime) -> Select[Any]:
    return select(m.Appointment.customer_id).where(
        m.Appointment.status.in_(_UPCOMING), m.Appointment.starts_at > now
    )
