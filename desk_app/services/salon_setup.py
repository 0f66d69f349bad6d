"""What the owner's settings dialog needs beyond the catalogue: the salon profile as one
row, saving the profile, opening hours (with overlap checks) and gateway address in one
transaction, (de)activating staff, changing and withdrawing services.

Plain Python; no Qt, no keyring (the gateway token is stored by the composition root).
"""

from __future__ import annotations

import re
import zoneinfo
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, time

from sqlalchemy import delete, func, select
from sqlalchemy.exc import IntegrityError

from desk_app.db import models as m
from desk_app.db.engine import Database
from desk_app.domain.access import Actor
from desk_app.domain.enums import ACTIVE_APPOINTMENT_STATUSES, AuditAction, Permission, StaffRole
from desk_app.domain.errors import AlreadyExists, InvalidField, NotFound
from desk_app.domain.fields import CATEGORY_MAX, SERVICE_NAME_MAX, checked_line
from desk_app.domain.fields import SALON_NAME_MAX as SALON_NAME_LIMIT
from desk_app.domain.phases import ServicePhases
from desk_app.domain.salon_settings import normalise_setting
from desk_app.domain.scheduling import OpeningInterval
from desk_app.services.access_guard import authorize
from desk_app.services.audit import record, record_settings_change
from desk_app.services.gateway_login import record_gateway_login
from desk_app.services.mapping import staff_row, treatment_row
from desk_app.services.rows import StaffRow, TreatmentRow
from desk_app.services.settings_store import read_settings
from desk_app.services.staff_rules import authorize_change, is_active_owner, keep_an_owner, member
from desk_app.services.staff_tokens import revoke_members_tokens

SENDER_KEY = "sender_name"
SALON_NAME_MAX = SALON_NAME_LIMIT
COLOUR_PATTERN = re.compile(r"#[0-9a-fA-F]{6}")
_ACTIVE = tuple(s.value for s in ACTIVE_APPOINTMENT_STATUSES)


@dataclass(frozen=True)
class SalonProfileRow:
    salon_name: str
    sender_name: str  # "": none set, the gateway's own default applies
    time_zone: str
    gateway_url: str
    salon_phone: str = ""  # for the {{ salon_phone }} placeholder
    salon_address: str = ""  # for the {{ salon_address }} placeholder
    backup_folder: str = ""  # "": the default folder in the data directory


@dataclass(frozen=True)
class SalonSettingsInput:
    """The settings dialog's form: salon, opening hours (None: leave them) and gateway."""

    salon_name: str
    sender_name: str
    time_zone: str
    gateway_url: str
    # Weekday (Monday = 0) → intervals; a weekday missing is closed.
    opening_hours: Mapping[int, Sequence[tuple[time, time]]] | None = None
    salon_phone: str | None = None  # None: leave it as it is
    salon_address: str | None = None  # None: leave it as it is
    backup_folder: str | None = None  # None: leave it as it is


@dataclass(frozen=True)
class StaffDeactivation:
    staff: StaffRow
    upcoming_appointments: int  # still booked with them; the calendar must move these


def time_zones() -> list[str]:
    """Every IANA zone name this machine knows, the salon's usual ones first."""
    usual = ["Europe/Berlin", "Europe/Vienna", "Europe/Zurich"]
    others = sorted(z for z in zoneinfo.available_timezones() if z not in usual and "/" in z)
    return usual + others


def normalise_gateway_url(url: str) -> str:
    """No gateway ("") or an https address; plain http only for this machine (the demo).
    The setting's declared check, the same as ``settings set``."""
    return normalise_setting("gateway_url", url)


def check_day(weekday: int, intervals: Sequence[tuple[time, time]]) -> None:
    """One day's intervals must each open before they close and must not overlap."""
    if not 0 <= weekday <= 6:
        raise InvalidField("weekday", "out_of_range", str(weekday))
    ordered = sorted(intervals)
    for opens, closes in ordered:
        if opens >= closes:
            raise InvalidField("opening_hours", "opens_after_closes", f"{opens}-{closes}")
    for (_, first_closes), (second_opens, _) in zip(ordered, ordered[1:], strict=False):
        if second_opens < first_closes:
            raise InvalidField("opening_hours", "overlapping", f"{weekday}")


class SalonSetupService:
    def __init__(self, db: Database, clock: Callable[[], datetime]) -> None:
        self._db = db
        self._clock = clock

    # ---- profile ------------------------------------------------------------------------
    def profile(self) -> SalonProfileRow:
        with self._db.read() as s:
            settings = read_settings(s)
        return SalonProfileRow(
            salon_name=settings.salon_name,
            sender_name=settings.sender_name,
            time_zone=settings.time_zone,
            gateway_url=settings.gateway_url,
            salon_phone=settings.salon_phone,
            salon_address=settings.salon_address,
            backup_folder=settings.backup_folder,
        )

    def save(
        self, settings: SalonSettingsInput, *, actor: Actor, gateway_login: bool = False
    ) -> SalonProfileRow:
        """Check everything first, then write it in one transaction (all or nothing).

        The settings go through their declarations' checks, the same as
        ``desk-app settings set``. ``gateway_login``: a gateway token was stored for
        the address just now (the audit log gets a gateway login as well)."""
        values = {
            key: normalise_setting(key, typed)
            for key, typed in (
                ("salon_name", settings.salon_name),
                (SENDER_KEY, settings.sender_name),
                ("salon_phone", settings.salon_phone),
                ("salon_address", settings.salon_address),
                ("backup_folder", settings.backup_folder),
                ("time_zone", settings.time_zone),
                ("gateway_url", settings.gateway_url),
            )
            if typed is not None
        }
        week = checked_week(settings.opening_hours) if settings.opening_hours is not None else None
        with self._db.write() as s:
            current = authorize(s, actor, Permission.CHANGE_SETTINGS)
            for key, value in values.items():
                s.merge(m.Setting(key=key, value=value))
            audited = dict(values)
            if week is not None:
                s.execute(delete(m.OpeningHours))
                s.add_all(
                    m.OpeningHours(weekday=i.weekday, opens=i.opens, closes=i.closes) for i in week
                )
                audited["opening_hours"] = " ".join(
                    f"{i.weekday}={i.opens:%H:%M}-{i.closes:%H:%M}" for i in week
                )
            record_settings_change(s, current, self._clock(), audited)
            if gateway_login:
                record_gateway_login(s, current, self._clock(), values.get("gateway_url", ""))
        return self.profile()

    # ---- staff --------------------------------------------------------------------------
    def set_staff_active(self, staff_id: int, active: bool, *, actor: Actor) -> StaffDeactivation:
        """(De)activate a staff member; says how many upcoming appointments they still have.

        Deactivated staff keep their past appointments and can no longer be booked or
        sign in; the last active owner stays (``LastOwner``).
        """
        with self._db.write() as s:
            staff = member(s, staff_id)
            role = StaffRole(staff.role)
            current = authorize_change(s, actor, role, role if active else None)
            was_owner = is_active_owner(staff)
            staff.active = active
            keep_an_owner(s, staff, was_owner)
            details: dict[str, object] = {"member": staff.name, "active": active}
            # Off the team, their tokens go for good (named in this one entry): refused
            # while inactive anyway, they would all work again on reactivation.
            revoked = [] if active else revoke_members_tokens(s, staff_id, self._clock())
            if revoked:
                details["tokens_revoked"] = revoked
            subject = f"staff:{staff_id}"
            record(s, current, AuditAction.STAFF_ACTIVE_CHANGED, self._clock(), subject, details)
            upcoming = s.scalar(
                select(func.count())
                .select_from(m.Appointment)
                .where(
                    m.Appointment.staff_id == staff_id,
                    m.Appointment.starts_at >= self._clock(),
                    m.Appointment.status.in_(_ACTIVE),
                )
            )
            return StaffDeactivation(staff_row(staff), int(upcoming or 0))

    # ---- services -----------------------------------------------------------------------
    def update_treatment(
        self,
        service_id: int,
        name: str,
        minutes: int,
        price_cents: int,
        category: str,
        colour: str,
        *,
        processing_after: int | None = None,
        processing: int | None = None,
    ) -> TreatmentRow:
        """Change a service; booked appointments keep their times and phases (only new
        ones change). ``processing_after``/``processing`` (minutes, domain.phases): its
        processing phase; None keeps the one it has, which must still fit."""
        name = checked_line("name", name, SERVICE_NAME_MAX)
        category = checked_line("category", category, CATEGORY_MAX)
        check_service(name, minutes, price_cents, colour)
        try:
            with self._db.write() as s:
                service = s.get(m.Treatment, service_id)
                if service is None:
                    raise NotFound("service", str(service_id))
                service.name = name
                service.minutes = minutes
                service.price_cents = price_cents
                service.category = category
                service.colour = colour
                if processing_after is None:
                    processing_after = service.processing_after_minutes
                if processing is None:
                    processing = service.processing_minutes
                phases = ServicePhases(minutes, processing_after, processing)
                service.processing_after_minutes = phases.processing_after
                service.processing_minutes = phases.processing
                s.flush()
                return treatment_row(service)
        except IntegrityError as exc:
            raise AlreadyExists("service", name) from exc

    def deactivate_treatment(self, service_id: int) -> None:
        """Take a service off the menu; past appointments still name it."""
        with self._db.write() as s:
            service = s.get(m.Treatment, service_id)
            if service is None:
                raise NotFound("service", str(service_id))
            service.active = False

    def service_categories(self) -> list[str]:
        query = (
            select(m.Treatment.category)
            .where(m.Treatment.category != "")
            .distinct()
            .order_by(m.Treatment.category)
        )
        with self._db.read() as s:
            return list(s.scalars(query))

    # ---- opening hours ------------------------------------------------------------------
    def week(self) -> dict[int, list[tuple[time, time]]]:
        """The opening intervals per weekday (Monday = 0); closed days are missing."""
        days: dict[int, list[tuple[time, time]]] = {}
        query = select(m.OpeningHours).order_by(m.OpeningHours.weekday, m.OpeningHours.opens)
        with self._db.read() as s:
            for row in s.scalars(query):
                days.setdefault(row.weekday, []).append((row.opens, row.closes))
        return days


def checked_week(days: Mapping[int, Sequence[tuple[time, time]]]) -> list[OpeningInterval]:
    """The week as intervals, each day checked (``check_day``); also the first start's."""
    for weekday, intervals in days.items():
        check_day(weekday, intervals)
    return [
        OpeningInterval(weekday, opens, closes)
        for weekday in sorted(days)
        for opens, closes in sorted(days[weekday])
    ]


def check_service(name: str, minutes: int, price_cents: int, colour: str) -> None:
    if not name:
        raise InvalidField("name", "required")
    if minutes <= 0 or minutes > 12 * 60:
        raise InvalidField("minutes", "out_of_range", str(minutes))
    if price_cents < 0:
        raise InvalidField("price", "invalid_price", str(price_cents))
    if not COLOUR_PATTERN.fullmatch(colour):
        raise InvalidField("colour", "invalid", colour)
