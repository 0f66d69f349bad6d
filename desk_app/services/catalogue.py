"""The salon's set-up: staff, bookable services, opening hours, absences, settings."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from datetime import UTC, date, datetime, time
from decimal import Decimal, InvalidOperation
from typing import TypeVar

from sqlalchemy import delete, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from desk_app.db import models as m
from desk_app.db.engine import Database
from desk_app.domain.access import SHARED_COUNTER, Actor, may_assign
from desk_app.domain.enums import AbsenceKind, AuditAction, Permission, StaffRole
from desk_app.domain.errors import (
    AlreadyExists,
    InvalidField,
    InvalidTimeRange,
    NotFound,
    NotPermitted,
)
from desk_app.domain.fields import (
    CATEGORY_MAX,
    DESCRIPTION_MAX,
    NAME_MAX,
    NOTE_MAX,
    SERVICE_NAME_MAX,
    checked_line,
)
from desk_app.domain.phases import ServicePhases
from desk_app.domain.pin_rules import loosens_sign_in
from desk_app.domain.public_holidays import STATES, Holiday, public_holidays
from desk_app.domain.salon_settings import SalonSettings
from desk_app.domain.scheduling import OpeningInterval
from desk_app.services.access_guard import authorize
from desk_app.services.audit import record, record_settings_change
from desk_app.services.holiday_closures import REPLACED, closure_years, prefilled, removed_days
from desk_app.services.mapping import closure_row, staff_row, treatment_row
from desk_app.services.rows import ClosureRow, StaffRow, TreatmentRow
from desk_app.services.settings_store import read_settings, store_settings, stored_settings
from desk_app.services.staff_rules import authorize_change

_T = TypeVar("_T")


def utc_now() -> datetime:
    return datetime.now(UTC)


def parse_price_cents(text: str) -> int:
    """ "35", "35,50", "35.5" or "€ 35,00" → cents; German decimal comma accepted."""
    cleaned = text.replace("€", "").replace("EUR", "").strip().replace(" ", "")
    if "," in cleaned:
        cleaned = cleaned.replace(".", "").replace(",", ".")
    try:
        value = Decimal(cleaned)
    except InvalidOperation as exc:
        raise InvalidField("price", "invalid_price", text) from exc
    if value < 0 or value != value.quantize(Decimal("0.01")):
        raise InvalidField("price", "invalid_price", text)
    return int(value * 100)


class CatalogueService:
    def __init__(self, db: Database, clock: Callable[[], datetime] = utc_now) -> None:
        self._db = db
        self._clock = clock

    # ---- staff --------------------------------------------------------------------------
    def add_staff(
        self, name: str, role: StaffRole, colour: str | None = None, *, actor: Actor
    ) -> StaffRow:
        name = checked_line("name", name, NAME_MAX)
        if not name:
            raise InvalidField("name", "required")
        try:
            with self._db.write() as s:
                current = authorize_change(s, actor, None, role)
                staff = m.Staff(name=name, role=role.value, colour=colour, active=True)
                s.add(staff)
                s.flush()
                details = {"member": name, "role": role.value}
                record(
                    s, current, AuditAction.STAFF_ADDED, self._clock(), f"staff:{staff.id}", details
                )
                return staff_row(staff)
        except IntegrityError as exc:
            raise AlreadyExists("staff", name) from exc

    def never_set_up(self) -> bool:
        """No staff member was ever added (members are deactivated, never deleted): a
        real installation's first start, which the setup assistant answers."""
        with self._db.read() as s:
            return s.scalar(select(m.Staff.id).limit(1)) is None

    def list_staff(self, include_inactive: bool = False) -> list[StaffRow]:
        query = select(m.Staff).order_by(m.Staff.name)
        if not include_inactive:
            query = query.where(m.Staff.active.is_(True))
        with self._db.read() as s:
            return [staff_row(x) for x in s.scalars(query)]

    def staff_by_name(self, name: str) -> StaffRow:
        with self._db.read() as s:
            staff = s.scalar(select(m.Staff).where(m.Staff.name == name.strip()))
            if staff is None:
                raise NotFound("staff", name)
            return staff_row(staff)

    # ---- bookable services --------------------------------------------------------------
    def add_treatment(
        self,
        name: str,
        minutes: int,
        price_cents: int,
        category: str = "",
        colour: str = "#7f8c8d",
        *,
        processing_after: int = 0,
        processing: int = 0,
    ) -> TreatmentRow:
        """A new service; ``processing`` minutes of processing time (Einwirkzeit) after
        ``processing_after`` minutes of work, with work after it (domain.phases)."""
        name = checked_line("name", name, SERVICE_NAME_MAX)
        category = checked_line("category", category, CATEGORY_MAX)
        if not name:
            raise InvalidField("name", "required")
        if minutes <= 0 or minutes > 12 * 60:
            raise InvalidField("minutes", "out_of_range", str(minutes))
        if price_cents < 0:
            raise InvalidField("price", "invalid_price", str(price_cents))
        phases = ServicePhases(minutes, processing_after, processing)
        try:
            with self._db.write() as s:
                service = m.Treatment(
                    name=name,
                    minutes=minutes,
                    processing_after_minutes=phases.processing_after,
                    processing_minutes=phases.processing,
                    price_cents=price_cents,
                    category=category,
                    colour=colour,
                )
                s.add(service)
                s.flush()
                return treatment_row(service)
        except IntegrityError as exc:
            raise AlreadyExists("service", name) from exc

    def list_treatments(self) -> list[TreatmentRow]:
        query = select(m.Treatment).where(m.Treatment.active.is_(True))
        with self._db.read() as s:
            return [treatment_row(x) for x in s.scalars(query.order_by(m.Treatment.name))]

    def treatment_by_name(self, name: str) -> TreatmentRow:
        with self._db.read() as s:
            service = s.scalar(select(m.Treatment).where(m.Treatment.name == name.strip()))
            if service is None:
                raise NotFound("service", name)
            return treatment_row(service)

    # ---- what the booking page offers ---------------------------------------------------
    def set_treatment_online(self, treatment_id: int, online: bool) -> TreatmentRow:
        with self._db.write() as s:
            service = _get(s, m.Treatment, treatment_id, "service")
            service.online = online
            return treatment_row(service)

    def set_treatment_description(self, treatment_id: int, description: str) -> TreatmentRow:
        text = checked_line("description", description, DESCRIPTION_MAX)
        with self._db.write() as s:
            service = _get(s, m.Treatment, treatment_id, "service")
            service.description = text
            return treatment_row(service)

    def set_staff_online(self, staff_id: int, online: bool) -> StaffRow:
        with self._db.write() as s:
            staff = _get(s, m.Staff, staff_id, "staff")
            staff.online = online
            return staff_row(staff)

    def staff_hours(self, staff_id: int) -> list[OpeningInterval]:
        """The staff member's weekly hours; [] means the salon's opening hours."""
        with self._db.read() as s:
            _get(s, m.Staff, staff_id, "staff")
            rows = s.scalars(
                select(m.StaffHours)
                .where(m.StaffHours.staff_id == staff_id)
                .order_by(m.StaffHours.weekday, m.StaffHours.opens)
            )
            return [OpeningInterval(r.weekday, r.opens, r.closes) for r in rows]

    # The salon's hours, closed days and absences are its settings: the owner's and the
    # manager's (``Permission.CHANGE_SETTINGS``), checked and audited in the transaction.
    def set_staff_hours(
        self, staff_id: int, intervals: list[OpeningInterval], *, actor: Actor = SHARED_COUNTER
    ) -> None:
        """Replace the staff member's week ([]: back to the salon's opening hours)."""
        _check_week(intervals)
        with self._db.write() as s:
            current = authorize(s, actor, Permission.CHANGE_SETTINGS)
            staff = _get(s, m.Staff, staff_id, "staff")
            s.execute(delete(m.StaffHours).where(m.StaffHours.staff_id == staff_id))
            s.add_all(
                m.StaffHours(staff_id=staff_id, weekday=i.weekday, opens=i.opens, closes=i.closes)
                for i in intervals
            )
            week = [f"{i.weekday}={i.opens:%H:%M}-{i.closes:%H:%M}" for i in intervals]
            details = {"member": staff.name, "working_hours": week}
            record(s, current, AuditAction.SETTINGS_CHANGED, self._clock(), "hours", details)

    def closures(self) -> list[ClosureRow]:
        with self._db.read() as s:
            rows = s.scalars(select(m.Closure).order_by(m.Closure.starts_on, m.Closure.id))
            return [closure_row(c) for c in rows]

    def add_closure(
        self, starts_on: date, ends_on: date, note: str = "", *, actor: Actor = SHARED_COUNTER
    ) -> ClosureRow:
        """The salon is closed from ``starts_on`` to ``ends_on`` (both days included)."""
        if ends_on < starts_on:
            raise InvalidField("closure", "ends_before_starts", f"{starts_on} – {ends_on}")
        note = checked_line("note", note, NOTE_MAX)
        with self._db.write() as s:
            current = authorize(s, actor, Permission.CHANGE_SETTINGS)
            closure = m.Closure(starts_on=starts_on, ends_on=ends_on, note=note)
            s.add(closure)
            s.flush()
            _record_closures(s, current, self._clock(), "added", [closure])
            return closure_row(closure)

    def remove_closure(self, closure_id: int, *, actor: Actor = SHARED_COUNTER) -> None:
        with self._db.write() as s:
            current = authorize(s, actor, Permission.CHANGE_SETTINGS)
            closure = _get(s, m.Closure, closure_id, "closure")
            _record_closures(s, current, self._clock(), "removed", [closure])
            s.delete(closure)

    def add_public_holidays(
        self,
        state: str,
        year: int,
        names: Mapping[Holiday, str],
        *,
        actor: Actor = SHARED_COUNTER,
    ) -> list[ClosureRow]:
        """Close the salon on the public holidays of ``state`` in ``year`` (named by
        ``names``, in the user's language), except days already closed: filling in
        twice adds nothing, and a holiday the salon removed never comes back this way
        (``holiday_closures``; the salon adds it back by hand). Returns the closed days
        added."""
        if state not in STATES:
            raise InvalidField("federal_state", "unknown", state)
        if not 1900 <= year <= 2200:
            raise InvalidField("year", "out_of_range", str(year))
        with self._db.write() as s:
            current = authorize(s, actor, Permission.CHANGE_SETTINGS)
            return self._fill_holidays(s, current, state, year, names)

    def set_federal_state(
        self,
        state: str,
        years: Iterable[int],
        names: Mapping[Holiday, str],
        *,
        actor: Actor = SHARED_COUNTER,
    ) -> list[ClosureRow]:
        """Store the salon's federal state ("": none) and fill in its holidays of
        ``years``, in one transaction. The old state's pre-filled holidays go (every
        year's; the closed days added by hand stay), so a salon that picked the wrong
        state keeps no holiday of it. Returns the closed days added."""
        if state and state not in STATES:
            raise InvalidField("federal_state", "unknown", state)
        with self._db.write() as s:
            current = authorize(s, actor, Permission.CHANGE_SETTINGS)
            old = read_settings(s).federal_state
            if old and old != state:
                replaced = prefilled(s, old, names, closure_years(s))
                if replaced:
                    _record_closures(s, current, self._clock(), REPLACED, replaced)
                    for closure in replaced:
                        s.delete(closure)
                    s.flush()
            record_settings_change(
                s, current, self._clock(), store_settings(s, {"federal_state": state})
            )
            added: list[ClosureRow] = []
            if state:
                for year in years:
                    added += self._fill_holidays(s, current, state, year, names)
            return added

    def _fill_holidays(
        self, s: Session, current: Actor, state: str, year: int, names: Mapping[Holiday, str]
    ) -> list[ClosureRow]:
        if not 1900 <= year <= 2200:
            raise InvalidField("year", "out_of_range", str(year))
        holidays = public_holidays(state, year)
        declined = removed_days(s)
        closed = list(
            s.execute(
                select(m.Closure.starts_on, m.Closure.ends_on).where(
                    m.Closure.starts_on <= date(year, 12, 31),
                    m.Closure.ends_on >= date(year, 1, 1),
                )
            )
        )
        added = [
            m.Closure(
                starts_on=h.day,
                ends_on=h.day,
                note=checked_line("note", names.get(h.holiday, h.holiday.value), NOTE_MAX),
            )
            for h in holidays
            if h.day not in declined and not any(first <= h.day <= last for first, last in closed)
        ]
        s.add_all(added)
        s.flush()
        if added:
            _record_closures(s, current, self._clock(), "added", added)
        return [closure_row(c) for c in added]

    # ---- opening hours and absences -----------------------------------------------------
    def set_opening_hours(self, intervals: list[OpeningInterval]) -> None:
        """Replace the whole week's opening hours."""
        _check_week(intervals)
        with self._db.write() as s:
            s.execute(delete(m.OpeningHours))
            s.add_all(
                m.OpeningHours(weekday=i.weekday, opens=i.opens, closes=i.closes) for i in intervals
            )

    def opening_hours(self) -> list[OpeningInterval]:
        with self._db.read() as s:
            rows = s.scalars(select(m.OpeningHours).order_by(m.OpeningHours.weekday))
            return [OpeningInterval(r.weekday, r.opens, r.closes) for r in rows]

    def add_absence(
        self,
        staff_id: int,
        kind: AbsenceKind,
        starts_at: datetime,
        ends_at: datetime,
        note: str = "",
        *,
        actor: Actor = SHARED_COUNTER,
    ) -> int:
        """An exception to the staff member's hours (holiday, sickness, a break)."""
        if starts_at >= ends_at:
            raise InvalidTimeRange(starts_at, ends_at)
        note = checked_line("note", note, NOTE_MAX)
        with self._db.write() as s:
            current = authorize(s, actor, Permission.CHANGE_SETTINGS)
            staff = s.get(m.Staff, staff_id)
            if staff is None:
                raise NotFound("staff", str(staff_id))
            absence = m.Absence(
                staff_id=staff_id, kind=kind.value, starts_at=starts_at, ends_at=ends_at, note=note
            )
            s.add(absence)
            s.flush()
            details = {
                "member": staff.name,
                "added": f"{starts_at.isoformat()} – {ends_at.isoformat()}",
            }
            record(s, current, AuditAction.SETTINGS_CHANGED, self._clock(), "absences", details)
            return absence.id

    def remove_absence(self, absence_id: int, *, actor: Actor = SHARED_COUNTER) -> None:
        with self._db.write() as s:
            current = authorize(s, actor, Permission.CHANGE_SETTINGS)
            absence = _get(s, m.Absence, absence_id, "absence")
            span = f"{absence.starts_at.isoformat()} – {absence.ends_at.isoformat()}"
            details = {"member_id": absence.staff_id, "removed": span}
            record(s, current, AuditAction.SETTINGS_CHANGED, self._clock(), "absences", details)
            s.delete(absence)

    # ---- settings -----------------------------------------------------------------------
    def stored_settings(self) -> dict[str, str]:
        """Every setting as stored text (what ``desk-app settings show`` prints); everything
        else reads ``salon_settings()``, typed."""
        with self._db.read() as s:
            return stored_settings(s)

    def salon_settings(self) -> SalonSettings:
        """Every setting, typed."""
        with self._db.read() as s:
            return read_settings(s)

    def set_setting(self, key: str, value: str, *, actor: Actor) -> str:
        """Check and store one setting (the window and ``desk-app settings set`` alike);
        returns the stored form (e.g. a mobile number in E.164)."""
        return self.set_settings({key: value}, actor=actor)[key]

    def set_settings(self, changes: Mapping[str, str], *, actor: Actor) -> dict[str, str]:
        """Check every value through its declaration, then store them together (all or
        nothing); the sending hours are checked as a pair. One audit entry."""
        with self._db.write() as s:
            current = authorize(s, actor, Permission.CHANGE_SETTINGS)
            before = read_settings(s)
            stored = store_settings(s, changes)
            if loosens_sign_in(before, read_settings(s)) and not may_assign(
                current.role, StaffRole.OWNER, StaffRole.OWNER
            ):
                raise NotPermitted(Permission.CHANGE_SETTINGS, current.role)
            record_settings_change(s, current, self._clock(), stored)
            return stored


def _check_week(intervals: list[OpeningInterval]) -> None:
    for interval in intervals:
        if not 0 <= interval.weekday <= 6:
            raise InvalidField("weekday", "out_of_range", str(interval.weekday))
        if interval.opens >= interval.closes:
            raise InvalidField("opening_hours", "opens_after_closes", str(interval))


def _record_closures(
    s: Session, actor: Actor, at: datetime, change: str, closures: list[m.Closure]
) -> None:
    days = [f"{c.starts_on.isoformat()} – {c.ends_on.isoformat()}" for c in closures]
    record(s, actor, AuditAction.SETTINGS_CHANGED, at, "closures", {change: days})


def _get(s: Session, model: type[_T], key: int, kind: str) -> _T:
    found = s.get(model, key)
    if found is None:
        raise NotFound(kind, str(key))
    return found


def default_week(
    opens: time = time(9, 0), closes: time = time(18, 0), days: range = range(0, 5)
) -> list[OpeningInterval]:
    return [OpeningInterval(day, opens, closes) for day in days]
