"""The audit log (issue 12): who did what, when, on what. Append-only: this module only
inserts, and the database refuses UPDATE and DELETE (migration 0015).

``record`` is called by each audited use case inside its own transaction, so an entry
exists exactly when the action took effect. ``AuditService`` reads the log for the owner:
filtered, a page at a time, and as CSV.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import IO, Any

from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from desk_app.db import models as m
from desk_app.db.engine import Database
from desk_app.domain.access import Actor
from desk_app.domain.contact import DEFAULT_REGION
from desk_app.domain.enums import AuditAction, Permission, StaffRole
from desk_app.services.access_guard import authorize
from desk_app.services.audit_csv import write_audit_csv
from desk_app.services.audit_subjects import SubjectName, subject_condition, subject_names

PAGE_SIZE = 200
# Keys whose values never go into an entry's details, whatever a caller passes: the
# log is read by people and exported to files (DESIGN 2.5: secrets never in the database).
SECRET_KEYS = frozenset({"pin", "pin_hash", "token", "password", "secret"})


@dataclass(frozen=True)
class AuditRow:
    id: int
    at: datetime
    member_id: int | None  # None: the shared sign-in
    member_name: str
    member_role: StaffRole
    # A str only for an action a newer version of the app wrote (another counter PC
    # already updated): the log is still read, the view words it as best it can.
    action: AuditAction | str
    subject: str
    details: Mapping[str, Any]
    # What the subject is called now (``audit_subjects``): read with the page, never stored.
    subject_name: SubjectName = SubjectName("")


@dataclass(frozen=True)
class AuditFilter:
    """Which entries: ``since`` ≤ at < ``until`` (UTC), by one member, of one action, on
    what ``text`` means (a customer, member or campaign by name, a subject by number)."""

    since: datetime | None = None
    until: datetime | None = None
    member_id: int | None = None
    action: AuditAction | None = None
    text: str = ""


@dataclass(frozen=True)
class AuditPage:
    rows: list[AuditRow]  # newest first
    next_before_id: int | None  # pass to ``entries`` for the next page; None: no more


def record(
    s: Session,
    actor: Actor,
    action: AuditAction,
    at: datetime,
    subject: str = "",
    details: Mapping[str, Any] | None = None,
) -> None:
    """Append one entry in the caller's transaction."""
    clean = {k: v for k, v in (details or {}).items() if k not in SECRET_KEYS}
    s.add(
        m.AuditEntry(
            at=at,
            member_id=actor.member_id,
            member_name=actor.name,
            member_role=actor.role.value,
            action=action.value,
            subject=subject,
            details=clean,
        )
    )


# Settings whose values are a person's contact data: the entry names the key only.
_PERSONAL_SETTINGS = frozenset({"owner_email", "owner_mobile"})


def record_settings_change(
    s: Session, actor: Actor, at: datetime, stored: Mapping[str, str]
) -> None:
    """One entry for one saving of settings, with the values as stored."""
    changed = {k: ("…" if k in _PERSONAL_SETTINGS else v) for k, v in sorted(stored.items())}
    record(s, actor, AuditAction.SETTINGS_CHANGED, at, "settings", {"changed": changed})


class AuditService:
    def __init__(
        self, db: Database, clock: Callable[[], datetime], region: str = DEFAULT_REGION
    ) -> None:
        self._db = db
        self._clock = clock
        self._region = region  # how a typed phone number is read (customer search)

    def entries(
        self,
        actor: Actor,
        where: AuditFilter = AuditFilter(),
        before_id: int | None = None,
        limit: int = PAGE_SIZE,
    ) -> AuditPage:
        """One page of entries, newest first (keyset paging on the id: entries written
        meanwhile never shift a page)."""
        with self._db.read() as s:
            authorize(s, actor, Permission.VIEW_AUDIT)
            query = _filtered(where)
            if where.text.strip():
                query = query.where(subject_condition(s, where.text, self._region))
            if before_id is not None:
                query = query.where(m.AuditEntry.id < before_id)
            found = list(s.scalars(query.order_by(m.AuditEntry.id.desc()).limit(limit + 1)))
            names = subject_names(s, (e.subject for e in found[:limit]))
        rows = [_row(e, names.get(e.subject)) for e in found[:limit]]
        more = len(found) > limit
        return AuditPage(rows, rows[-1].id if more else None)

    def export_csv(self, actor: Actor, where: AuditFilter, out: IO[str]) -> int:
        """Every entry the filter finds, newest first, as CSV (cells a spreadsheet would
        run as a formula written as text); returns how many."""
        return write_audit_csv(self._all(actor, where), out)

    def _all(self, actor: Actor, where: AuditFilter) -> Iterator[AuditRow]:
        before: int | None = None
        while True:
            page = self.entries(actor, where, before)
            yield from page.rows
            if page.next_before_id is None:
                return
            before = page.next_before_id


def _filtered(where: AuditFilter) -> Select[Any]:
    query = select(m.AuditEntry)
    if where.since is not None:
        query = query.where(m.AuditEntry.at >= where.since)
    if where.until is not None:
        query = query.where(m.AuditEntry.at < where.until)
    if where.member_id is not None:
        query = query.where(m.AuditEntry.member_id == where.member_id)
    if where.action is not None:
        query = query.where(m.AuditEntry.action == where.action.value)
    return query


def _row(e: m.AuditEntry, name: SubjectName | None) -> AuditRow:
    return AuditRow(
        id=e.id,
        at=e.at,
        member_id=e.member_id,
        member_name=e.member_name,
        member_role=StaffRole(e.member_role),
        action=AuditAction(e.action) if e.action in _KNOWN_ACTIONS else e.action,
        subject=e.subject,
        details=dict(e.details),
        subject_name=name or SubjectName(""),
    )


_KNOWN_ACTIONS = frozenset(a.value for a in AuditAction)
