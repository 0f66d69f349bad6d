"""The first start of a real installation (issue 13): whether the salon still has to be
set up, and everything the setup assistant collected written in one transaction.

"Not set up" is a fact of the data, not a flag: a salon without a single staff member
(active or not; members are never deleted) has never been set up, and nobody could book
in it. So a cancelled assistant leaves nothing behind and asks again at the next start,
and an installation used before (the command line, an upgrade) is never asked.

Everything goes through the same checks and audit entries as the settings dialog and the
staff tab: the settings' declarations, the opening hours' day check, the services'
check, the PIN rules and their hash; the audit log names the new owner as the one who
acted. Plain Python; no Qt, no keyring (the gateway token is stored by the caller first).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from desk_app.db import models as m
from desk_app.db.engine import Database
from desk_app.domain.access import Actor
from desk_app.domain.enums import AuditAction, StaffRole
from desk_app.domain.errors import AlreadyExists, InvalidField
from desk_app.domain.fields import CATEGORY_MAX, NAME_MAX, SERVICE_NAME_MAX, checked_line
from desk_app.domain.pin_rules import checked_pin
from desk_app.services.audit import record, record_settings_change
from desk_app.services.gateway_login import record_gateway_login
from desk_app.services.pin_hash import hash_pin
from desk_app.services.salon_setup import (
    SENDER_KEY,
    SalonSettingsInput,
    check_service,
    checked_week,
)
from desk_app.services.settings_store import store_settings
from desk_app.services.staff_access import store_pin
from desk_sql.locks import lock_keys

_LOCK = "first_setup"  # two counter PCs finishing the assistant at once: one wins
# Calendar colours for the team and the services, in the order they are added.
STAFF_COLOURS = ("#c0392b", "#2980b9", "#8e44ad", "#16a085", "#d35400", "#2c3e50")
SERVICE_COLOURS = ("#e8a0b4", "#9ecae1", "#c7e9c0", "#f4c28f", "#d4a6e0", "#fdd49e")


@dataclass(frozen=True)
class NewMember:
    name: str
    role: StaffRole


@dataclass(frozen=True)
class NewService:
    name: str
    minutes: int
    price_cents: int
    category: str = ""


@dataclass(frozen=True)
class FirstSetup:
    """What the assistant collected. ``salon.opening_hours`` None: no opening hours yet
    (the calendar then books nothing); ``gateway_login``: a token for
    ``salon.gateway_url`` was stored just now (audited as a gateway login)."""

    salon: SalonSettingsInput
    owner: str
    owner_pin: str
    team: Sequence[NewMember] = field(default_factory=tuple)
    services: Sequence[NewService] = field(default_factory=tuple)
    backup_folder: str = ""  # "": the default folder
    gateway_login: bool = False
    language: str = ""  # the salon's language (examples, test sends); "": leave it


class FirstSetupService:
    def __init__(self, db: Database, clock: Callable[[], datetime]) -> None:
        self._db = db
        self._clock = clock

    def complete(self, setup: FirstSetup) -> Actor:
        """Write everything or nothing; returns the owner as an ``Actor`` (who acted).

        Refused with ``InvalidField`` before anything is written when a value is wrong,
        and with ``InvalidField("salon", "already_set_up")`` when another counter PC
        finished its assistant first (nothing of this one is written then)."""
        owner = _member_name(setup.owner)
        team = [NewMember(_member_name(x.name), x.role) for x in setup.team]
        names = [owner, *(x.name for x in team)]
        _no_twice("staff", names)
        services = [_checked_service(x, i) for i, x in enumerate(setup.services)]
        _no_twice("service", [x.name for x in services])
        salon = setup.salon
        typed = {
            "salon_name": salon.salon_name,
            SENDER_KEY: salon.sender_name,
            "salon_phone": salon.salon_phone,
            "salon_address": salon.salon_address,
            "time_zone": salon.time_zone,
            "gateway_url": salon.gateway_url,
            "backup_folder": setup.backup_folder,
            "language": setup.language or None,
        }
        changes = {key: value for key, value in typed.items() if value is not None}
        hours = salon.opening_hours
        week = checked_week(hours) if hours is not None else []
        hashed = hash_pin(checked_pin(setup.owner_pin))  # slow: before the write lock
        now = self._clock()
        with self._db.write() as s:
            lock_keys(s, _LOCK, 0)
            if _has_staff(s):
                raise InvalidField("salon", "already_set_up", salon.salon_name)
            first = m.Staff(name=owner, role=StaffRole.OWNER.value, colour=STAFF_COLOURS[0])
            s.add(first)
            s.flush()
            actor = Actor(first.id, first.name, StaffRole.OWNER)
            _audit_added(s, actor, first, now)
            store_pin(s, actor, first, hashed, now)
            for number, new in enumerate(team, start=1):
                colour = STAFF_COLOURS[number % len(STAFF_COLOURS)]
                staff = m.Staff(name=new.name, role=new.role.value, colour=colour)
                s.add(staff)
                s.flush()
                _audit_added(s, actor, staff, now)
            s.add_all(services)
            stored = store_settings(s, changes)
            s.add_all(
                m.OpeningHours(weekday=i.weekday, opens=i.opens, closes=i.closes) for i in week
            )
            audited = dict(stored)
            if week:
                audited["opening_hours"] = " ".join(
                    f"{i.weekday}={i.opens:%H:%M}-{i.closes:%H:%M}" for i in week
                )
            record_settings_change(s, actor, now, audited)
            if setup.gateway_login and stored.get("gateway_url"):
                record_gateway_login(s, actor, now, stored["gateway_url"])
        return actor


def _has_staff(s: Session) -> bool:
    return s.scalar(select(m.Staff.id).limit(1)) is not None


def _member_name(name: str) -> str:
    checked = checked_line("name", name, NAME_MAX)
    if not checked:
        raise InvalidField("name", "required")
    return checked


def _checked_service(new: NewService, number: int) -> m.Treatment:
    name = checked_line("name", new.name, SERVICE_NAME_MAX)
    category = checked_line("category", new.category, CATEGORY_MAX)
    colour = SERVICE_COLOURS[number % len(SERVICE_COLOURS)]
    check_service(name, new.minutes, new.price_cents, colour)
    return m.Treatment(
        name=name,
        minutes=new.minutes,
        price_cents=new.price_cents,
        category=category,
        colour=colour,
    )


def _no_twice(kind: str, names: Sequence[str]) -> None:
    # The database refuses a second one too, but only after the PIN was hashed and the
    # rest written: said here, with the name, before anything is.
    seen: set[str] = set()
    for name in names:
        if name.casefold() in seen:
            raise AlreadyExists(kind, name)
        seen.add(name.casefold())


def _audit_added(s: Session, actor: Actor, staff: m.Staff, now: datetime) -> None:
    details = {"member": staff.name, "role": staff.role}
    record(s, actor, AuditAction.STAFF_ADDED, now, f"staff:{staff.id}", details)
