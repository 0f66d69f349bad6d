"""Staff sign-in with a PIN, and the owner's care of the team's PINs and roles (issue 12).

The PIN is checked against its hash while the member's lock is held, so two counter
PCs trying PINs for the same member count every miss; the counters and the lockout are
in the database (``staff_credentials``), so a lockout holds at every counter. Every
sign-in and every failed try leaves one audit entry, committed even when the try fails.

Switching the person at the counter takes the PIN alone (``sign_in_by_pin``): the PIN
finds its member among the active ones (``pin_entry``), so PINs are unique among them
(``set_pin`` refuses one another active member has). A PIN that is nobody's cannot be
counted on a member: such misses are counted salon-wide and lock PIN-alone entry for a
while; picking one's name first (``sign_in``) keeps the member's own counter.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from desk_app.db import models as m
from desk_app.db.engine import Database
from desk_app.domain.access import SHARED_COUNTER, Actor, may_assign
from desk_app.domain.enums import AuditAction, Permission, StaffRole
from desk_app.domain.errors import (
    DomainError,
    InvalidField,
    NotFound,
    NotPermitted,
    PinEntryLocked,
    PinLockedOut,
    PinNotRecognised,
    WrongPin,
)
from desk_app.domain.pin_rules import CLEAR, LockoutPolicy, PinCounter, checked_pin
from desk_app.services.access_guard import authorize
from desk_app.services.audit import record
from desk_app.services.mapping import staff_row
from desk_app.services.pin_entry import (
    PinHolder,
    changed_holders,
    entry_counter,
    holders_of,
    pin_holders,
    store_entry_counter,
)
from desk_app.services.pin_hash import hash_pin, pin_matches
from desk_app.services.rows import StaffRow
from desk_app.services.settings_store import read_settings
from desk_app.services.staff_rules import (
    authorize_change,
    is_active_owner,
    keep_an_owner,
    member,
)
from desk_sql.locks import lock_keys

_PIN_LOCK = "staff_pin"
_ENTRY_LOCK = "pin_entry"  # the salon-wide count of PIN-alone misses
_ENTRY_SUBJECT = "pin_alone"  # the audit subject of a PIN typed without a name


@dataclass(frozen=True)
class SignInMember:
    """An active member as the sign-in screen lists them (never anything of the PIN
    but whether there is one)."""

    id: int
    name: str
    role: StaffRole
    has_pin: bool


class StaffAccessService:
    def __init__(self, db: Database, clock: Callable[[], datetime]) -> None:
        self._db = db
        self._clock = clock

    def members(self) -> list[SignInMember]:
        with self._db.read() as s:
            found = s.execute(
                select(m.Staff, m.StaffCredential.staff_id)
                .outerjoin(m.StaffCredential, m.StaffCredential.staff_id == m.Staff.id)
                .where(m.Staff.active.is_(True))
                .order_by(m.Staff.name)
            )
            return [
                SignInMember(st.id, st.name, StaffRole(st.role), pin is not None)
                for st, pin in found
            ]

    def with_pin(self) -> frozenset[int]:
        """The members (active or not) who have a PIN: the owner's staff list shows it."""
        with self._db.read() as s:
            return frozenset(s.scalars(select(m.StaffCredential.staff_id)))

    # ---- signing in ---------------------------------------------------------------------
    def sign_in(self, member_id: int, pin: str) -> Actor:
        """The member, if ``pin`` is theirs; else ``WrongPin`` (with the tries left) or
        ``PinLockedOut`` (too many misses: no PIN is checked until the lockout ends)."""
        checked_pin(pin)
        now = self._clock()
        with self._db.write() as s:
            outcome = _try_pin(s, member_id, pin, now)
        # Raised after the commit: the miss and its audit entry must stay.
        if isinstance(outcome, DomainError):
            raise outcome
        return outcome

    def sign_in_by_pin(self, pin: str) -> Actor:
        """The active member whose PIN ``pin`` is, without picking them first (like a
        till). ``PinNotRecognised`` (with the salon-wide tries left) when it is nobody's,
        ``PinEntryLocked`` when too many were (PIN-alone entry waits; picking a name
        still works), ``PinLockedOut`` when it is a member locked out by their own
        misses, ``InvalidField("pin", "pin_ambiguous")`` when two active members share
        it (set before PINs had to be unique: pick the name first)."""
        checked_pin(pin)
        with self._db.read() as s:
            locked = entry_counter(s).locked_at(self._clock())
            holders = [] if locked else pin_holders(s)
        # Slow (every member's hash), so outside any transaction; skipped while locked.
        found = holders_of(pin, holders)
        with self._db.write() as s:
            outcome = _settle_pin_alone(s, pin, holders, found, self._clock())
        if isinstance(outcome, DomainError):
            raise outcome  # after the commit: the miss and its audit entry stay
        return outcome

    def check(self, actor: Actor, permissions: Iterable[Permission]) -> Actor:
        """The actor as stored now, if they may do every one of ``permissions``; else
        ``NotPermitted``. For a caller whose work no service checks (the command line's
        file export, its database backup and restore)."""
        with self._db.read() as s:
            for permission in permissions:
                actor = authorize(s, actor, permission)
            return actor

    # ---- the owner's care of the team ---------------------------------------------------
    def set_pin(self, actor: Actor, member_id: int, pin: str) -> None:
        """Set or reset a member's PIN (clears their misses and lockout). Refused with
        ``InvalidField("pin", "pin_taken")`` when another active member has it: the PIN
        alone must name one member.

        That refusal says "this PIN is somebody's", as a PIN typed alone at the lock
        screen does; so it is counted and locked like one (the salon-wide PIN-alone
        count, ``PinEntryLocked``) and audited naming who tried, or a manager could try
        every PIN on a member and learn the owner's."""
        hashed = hash_pin(checked_pin(pin))  # slow: before the write lock is taken
        # Who may set it is checked before the PIN is compared with the others': the
        # refusal "taken" must not tell someone without the right whose PIN is whose.
        with self._db.read() as s:
            _may_set_pin(s, actor, member(s, member_id))
            counter = entry_counter(s)
            if counter.locked_at(self._clock()):
                assert counter.locked_until is not None
                raise PinEntryLocked(counter.locked_until)
            others = pin_holders(s, except_member=member_id)
        taken = holders_of(pin, others)  # slow too: outside the write transaction
        now = self._clock()
        with self._db.write() as s:
            staff = member(s, member_id)
            role = StaffRole(staff.role)
            current = authorize_change(s, actor, role, role)
            # A PIN set at another counter PC meanwhile is tried here (usually none).
            taken += holders_of(pin, changed_holders(s, others, except_member=member_id))
            refused = _pin_taken(s, current, now) if taken and staff.active else None
            if refused is None:
                store_pin(s, current, staff, hashed, now)
        if refused is not None:
            raise refused  # after the commit: the count and its audit entry stay

    def set_role(self, actor: Actor, member_id: int, role: StaffRole) -> StaffRow:
        """Give a member another role; the last active owner keeps theirs (``LastOwner``)."""
        now = self._clock()
        with self._db.write() as s:
            staff = member(s, member_id)
            old = StaffRole(staff.role)
            current = authorize_change(s, actor, old, role)
            was_owner = is_active_owner(staff)
            staff.role = role.value
            keep_an_owner(s, staff, was_owner)
            details = {**_who(staff), "from": old.value, "to": role.value}
            record(s, current, AuditAction.STAFF_ROLE_CHANGED, now, f"staff:{member_id}", details)
            return staff_row(staff)


def _try_pin(s: Session, member_id: int, pin: str, now: datetime) -> Actor | DomainError:
    lock_keys(s, _PIN_LOCK, member_id)
    staff = s.get(m.Staff, member_id)
    if staff is None or not staff.active:
        raise NotFound("staff", str(member_id))
    credential = s.get(m.StaffCredential, member_id)
    if credential is None:
        raise InvalidField("pin", "no_pin", staff.name)
    settings = read_settings(s)
    policy = LockoutPolicy(settings.pin_attempts, settings.pin_lockout_minutes)
    counter = PinCounter(credential.failed_attempts, credential.locked_until)
    who = Actor(staff.id, staff.name, StaffRole(staff.role))
    subject = f"staff:{member_id}"
    if counter.locked_at(now):
        record(s, who, AuditAction.SIGN_IN_FAILED, now, subject, {"reason": "locked_out"})
        assert counter.locked_until is not None
        return PinLockedOut(counter.locked_until)
    if pin_matches(pin, credential.pin_hash):
        credential.failed_attempts, credential.locked_until = 0, None
        record(s, who, AuditAction.SIGNED_IN, now, subject)
        return who
    after = counter.after_miss(policy, now)
    credential.failed_attempts, credential.locked_until = after.failures, after.locked_until
    reason = "wrong_pin" if after.locked_until is None else "wrong_pin_locked"
    record(s, who, AuditAction.SIGN_IN_FAILED, now, subject, {"reason": reason})
    if after.locked_until is not None:
        return PinLockedOut(after.locked_until)
    return WrongPin(after.attempts_left(policy))


def store_pin(s: Session, current: Actor, staff: m.Staff, hashed: str, now: datetime) -> None:
    """A member's (new) PIN hash, misses and lockout cleared, audited (in ``s``); also
    the owner's first PIN from the setup assistant."""
    credential = s.get(m.StaffCredential, staff.id)
    if credential is None:
        credential = m.StaffCredential(staff_id=staff.id)
        s.add(credential)
    credential.pin_hash = hashed
    credential.failed_attempts, credential.locked_until = 0, None
    credential.changed_at = now
    record(s, current, AuditAction.PIN_SET, now, f"staff:{staff.id}", _who(staff))


def _pin_taken(s: Session, current: Actor, now: datetime) -> DomainError:
    """A PIN refused as another member's: one more miss on the salon-wide PIN-alone
    count (it told the caller what a PIN typed alone would have), audited with who
    asked."""
    lock_keys(s, _ENTRY_LOCK, 0)
    settings = read_settings(s)
    policy = LockoutPolicy(settings.pin_attempts, settings.pin_lockout_minutes)
    after = entry_counter(s).after_miss(policy, now)
    store_entry_counter(s, after)
    record(s, current, AuditAction.SIGN_IN_FAILED, now, _ENTRY_SUBJECT, {"reason": "pin_taken"})
    if after.locked_until is not None:
        return PinEntryLocked(after.locked_until)
    return InvalidField("pin", "pin_taken")


def _settle_pin_alone(
    s: Session, pin: str, checked: list[PinHolder], found: list[int], now: datetime
) -> Actor | DomainError:
    """The outcome of a PIN tried alone, under the salon-wide lock: the count re-read
    (another counter PC may have locked entry meanwhile); a match whose PIN changed
    since it was compared no longer counts, and PINs new since then are tried here."""
    lock_keys(s, _ENTRY_LOCK, 0)
    counter = entry_counter(s)
    if counter.locked_at(now):
        _entry_failed(s, now, "locked_out")
        assert counter.locked_until is not None
        return PinEntryLocked(counter.locked_until)
    current, known = {h.member_id: h for h in pin_holders(s)}, set(checked)
    still = [i for i in found if current.get(i) in known]
    found = still + holders_of(pin, changed_holders(s, checked))
    if len(set(found)) > 1:
        return InvalidField("pin", "pin_ambiguous")
    if found:
        store_entry_counter(s, CLEAR)
        return _signed_in_alone(s, found[0], now)
    settings = read_settings(s)
    policy = LockoutPolicy(settings.pin_attempts, settings.pin_lockout_minutes)
    after = counter.after_miss(policy, now)
    store_entry_counter(s, after)
    _entry_failed(s, now, "wrong_pin" if after.locked_until is None else "wrong_pin_locked")
    if after.locked_until is not None:
        return PinEntryLocked(after.locked_until)
    return PinNotRecognised(after.attempts_left(policy))


def _entry_failed(s: Session, now: datetime, reason: str) -> None:
    # Nobody's PIN: the entry names no member (the shared counter's id, None).
    record(s, SHARED_COUNTER, AuditAction.SIGN_IN_FAILED, now, _ENTRY_SUBJECT, {"reason": reason})


def _signed_in_alone(s: Session, member_id: int, now: datetime) -> Actor | DomainError:
    """The member the PIN named, unless their own misses locked them out (a lockout
    must not be got round by leaving out the name)."""
    lock_keys(s, _PIN_LOCK, member_id)
    staff = s.get(m.Staff, member_id)
    credential = s.get(m.StaffCredential, member_id)
    if staff is None or not staff.active or credential is None:
        raise NotFound("staff", str(member_id))  # removed in the last moment
    who = Actor(staff.id, staff.name, StaffRole(staff.role))
    subject = f"staff:{member_id}"
    counter = PinCounter(credential.failed_attempts, credential.locked_until)
    if counter.locked_at(now):
        details = {"reason": "locked_out", "by": "pin_alone"}
        record(s, who, AuditAction.SIGN_IN_FAILED, now, subject, details)
        assert counter.locked_until is not None
        return PinLockedOut(counter.locked_until)
    credential.failed_attempts, credential.locked_until = 0, None
    record(s, who, AuditAction.SIGNED_IN, now, subject, {"by": "pin_alone"})
    return who


def _may_set_pin(s: Session, actor: Actor, staff: m.Staff) -> None:
    """``authorize_change``'s answer without its lock (a read transaction)."""
    current = authorize(s, actor, Permission.MANAGE_STAFF)
    role = StaffRole(staff.role)
    if not may_assign(current.role, role, role):
        raise NotPermitted(Permission.MANAGE_STAFF, current.role)


def _who(staff: m.Staff) -> dict[str, str]:
    return {"member": staff.name}
