"""What the online booking page may show: the snapshot the desktop publishes to the gateway.

Only the salon's public face goes out — its name, colour, phone and privacy page, the
bookable treatments, the display names of the bookable staff, the consent statements of
the phone path and each staff member's free time. Busy time is published only as its
absence from the free intervals: no appointment, customer or absence reason ever leaves
the salon (protocol "PUT /v1/availability"; ``tests/services/test_online_availability.py``
inspects every key).
"""

from __future__ import annotations

import hashlib
import json
from collections import defaultdict
from collections.abc import Callable, Sequence
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from desk_app.db import models as m
from desk_app.db.engine import Database
from desk_app.domain.availability import (
    AvailabilityRules,
    Interval,
    StaffWeek,
    free_intervals,
)
from desk_app.domain.enums import ACTIVE_APPOINTMENT_STATUSES, Channel
from desk_app.domain.phases import AppointmentPhases
from desk_app.domain.salon_settings import SalonSettings
from desk_app.domain.scheduling import OpeningInterval
from desk_app.domain.statements import render_statement, supported_languages
from desk_app.services.settings_store import read_settings
from desk_app.services.waitlist_openings import held_openings

_ACTIVE = tuple(s.value for s in ACTIVE_APPOINTMENT_STATUSES)


class OnlineAvailabilityService:
    def __init__(self, db: Database, clock: Callable[[], datetime]) -> None:
        self._db = db
        self._clock = clock

    def snapshot(self) -> dict[str, Any] | None:
        """The snapshot to publish, or None while the salon has no public name (there
        is no page to publish to). With online booking switched off the snapshot says
        so and offers nothing, so a page that was public closes at once."""
        with self._db.read() as s:
            return build_snapshot(s, self._clock())


def build_snapshot(s: Session, now: datetime) -> dict[str, Any] | None:
    settings = read_settings(s)
    if not settings.public_name:
        return None
    rules = AvailabilityRules(
        step_minutes=settings.booking_step_minutes,
        lead_minutes=settings.booking_lead_minutes,
        horizon_days=7 * settings.booking_horizon_weeks,
    )
    snapshot: dict[str, Any] = {
        "public_name": settings.public_name,
        "enabled": settings.online_booking,
        "computed_at": now.isoformat(),
        "salon": {
            "name": settings.salon_name,
            "colour": settings.brand_colour,
            "phone": settings.salon_phone,
            "privacy_url": settings.privacy_url or None,
            "time_zone": settings.time_zone,
        },
        "rules": {
            "step_minutes": rules.step_minutes,
            "lead_minutes": rules.lead_minutes,
            "horizon_days": rules.horizon_days,
            "cancel_deadline_hours": settings.cancel_deadline_hours,
        },
        "consent": _statements(settings),
        "treatments": [],
        "staff": [],
        "free": [],
    }
    if not settings.online_booking:
        return snapshot
    staff = list(
        s.scalars(
            select(m.Staff)
            .where(m.Staff.active.is_(True), m.Staff.online.is_(True))
            .order_by(m.Staff.name, m.Staff.id)
        )
    )
    treatments = list(
        s.scalars(
            select(m.Treatment)
            .where(m.Treatment.active.is_(True), m.Treatment.online.is_(True))
            .order_by(m.Treatment.name, m.Treatment.id)
        )
    )
    if not staff or not treatments:
        return snapshot
    staff_ids = [member.id for member in staff]
    snapshot["staff"] = [{"id": member.id, "name": member.name} for member in staff]
    snapshot["treatments"] = [
        {
            "id": treatment.id,
            "name": treatment.name,
            "minutes": treatment.minutes,
            "price_cents": treatment.price_cents,
            "description": treatment.description,
            # Every bookable member may do every bookable treatment (no skills yet).
            "staff_ids": staff_ids,
        }
        for treatment in treatments
    ]
    # The window starts on the step grid: its start then moves every step, not every
    # second, so a sync publishes again only when something really changed. A start
    # this lets in before now + lead is refused by the gateway at request time.
    since = _floor(now, rules.step_minutes)
    weeks = _staff_weeks(s, staff_ids, since, rules)
    opening = [
        OpeningInterval(h.weekday, h.opens, h.closes) for h in s.scalars(select(m.OpeningHours))
    ]
    closures = [(c.starts_on, c.ends_on) for c in s.scalars(select(m.Closure))]
    zone = settings.zone
    for week in weeks:
        free = free_intervals(opening, closures, week, zone, since, rules)
        snapshot["free"].append(
            {
                "staff_id": week.staff_id,
                "intervals": [[i.start.isoformat(), i.end.isoformat()] for i in free],
            }
        )
    return snapshot


def _floor(moment: datetime, step_minutes: int) -> datetime:
    step = step_minutes * 60
    seconds = int(moment.timestamp())
    return datetime.fromtimestamp(seconds - seconds % step, tz=moment.tzinfo)


def content_hash(snapshot: dict[str, Any]) -> str:
    """Identifies what the page would show; ``computed_at`` alone changing is no reason
    to publish again."""
    content = {key: value for key, value in snapshot.items() if key != "computed_at"}
    encoded = json.dumps(content, sort_keys=True, ensure_ascii=False).encode()
    return hashlib.sha256(encoded).hexdigest()


def _statements(settings: SalonSettings) -> dict[str, dict[str, dict[str, str]]]:
    """The statement shown next to each box: the phone path's text for that one channel."""
    return {
        language: {
            channel.value: {
                "version": statement.version,
                "text": statement.text,
            }
            for channel in Channel
            for statement in [render_statement(settings.salon_name, (channel,), language)]
        }
        for language in supported_languages()
    }


def _staff_weeks(
    s: Session, staff_ids: Sequence[int], now: datetime, rules: AvailabilityRules
) -> list[StaffWeek]:
    # Read one day beyond the horizon on both sides: busy time reaching into the window.
    start = now - timedelta(days=1)
    end = now + timedelta(days=rules.horizon_days + 1)
    busy: dict[int, list[Interval]] = defaultdict(list)
    a = m.Appointment
    appointments = s.execute(
        select(
            a.staff_id, a.starts_at, a.ends_at, a.processing_starts_at, a.processing_ends_at
        ).where(
            a.staff_id.in_(staff_ids),
            a.status.in_(_ACTIVE),
            a.starts_at < end,
            a.ends_at > start,
        )
    )
    # Only an appointment's working phases are busy: its processing is free time for
    # something that fits (issue 14). A service with processing is offered only where
    # all of it is free, which can never clash in a working phase.
    for staff_id, starts_at, ends_at, processing_starts_at, processing_ends_at in appointments:
        phases = AppointmentPhases(starts_at, ends_at, processing_starts_at, processing_ends_at)
        busy[staff_id].extend(Interval(*working) for working in phases.working())
    absences = s.execute(
        select(m.Absence.staff_id, m.Absence.starts_at, m.Absence.ends_at).where(
            m.Absence.staff_id.in_(staff_ids),
            m.Absence.starts_at < end,
            m.Absence.ends_at > start,
        )
    )
    # A freed time held for a waiting customer is not for the page (issue 14).
    held = held_openings(s, staff_ids, now)
    for staff_id, starts_at, ends_at in [*absences, *held]:
        busy[staff_id].append(Interval(starts_at, ends_at))
    hours: dict[int, list[OpeningInterval]] = defaultdict(list)
    for row in s.scalars(select(m.StaffHours).where(m.StaffHours.staff_id.in_(staff_ids))):
        hours[row.staff_id].append(OpeningInterval(row.weekday, row.opens, row.closes))
    return [
        StaffWeek(
            staff_id=staff_id,
            hours=tuple(hours[staff_id]) if staff_id in hours else None,
            busy=tuple(sorted(busy[staff_id], key=lambda i: i.start)),
        )
        for staff_id in staff_ids
    ]
