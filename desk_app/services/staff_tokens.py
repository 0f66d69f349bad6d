"""Command-line tokens for unattended jobs (issue 12): issue, list, revoke, sign in.

A scheduled ``desk-app run-automations`` has nobody to type a PIN, so the owner issues
a token for a member; the job then acts as that member, with the role the member has
at each use (the services read it from the database), until the token expires or is
revoked. Issuing takes an owner or manager signed in by name, and a manager cannot
issue or revoke an owner's token (the same rule as changing an owner's role).

The token is 256 random bits, shown once and stored only as its SHA-256. A slow,
salted hash (the PINs' scrypt) is for secrets people choose: there are few enough of
them to try every one against a stolen hash. Nobody can try 2^256 tokens, however
fast the hash, so a salt and a work factor would add nothing; a plain digest also lets
each use find its row through the unique index instead of testing every stored hash.
"""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Literal

from sqlalchemy import select
from sqlalchemy.orm import Session

from desk_app.db import models as m
from desk_app.db.engine import Database
from desk_app.domain.access import Actor
from desk_app.domain.enums import AuditAction, Permission, StaffRole
from desk_app.domain.errors import DomainError, InvalidField, NotFound, NotPermitted, TokenRefused
from desk_app.domain.fields import checked_line
from desk_app.services.access_guard import authorize
from desk_app.services.audit import record
from desk_app.services.staff_rules import authorize_change, member

# Recognisable in a leaked log or a pasted file ("salon desk token"); not part of the secret.
TOKEN_PREFIX = "sdt_"
TOKEN_BYTES = 32  # 256 bits
DAYS_DEFAULT, DAYS_MAX = 365, 730
LABEL_MAX = 80

TokenState = Literal["active", "expired", "revoked"]


def new_token() -> str:
    return TOKEN_PREFIX + secrets.token_urlsafe(TOKEN_BYTES)


def token_digest(token: str) -> str:
    return hashlib.sha256(token.strip().encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class TokenRow:
    """A token as the owner's list shows it: never the token, never its hash."""

    id: int
    member_id: int
    member_name: str
    label: str
    issued_by: str
    issued_at: datetime
    expires_at: datetime
    revoked_at: datetime | None

    def state(self, now: datetime) -> TokenState:
        if self.revoked_at is not None:
            return "revoked"
        return "expired" if now >= self.expires_at else "active"


@dataclass(frozen=True)
class IssuedToken:
    row: TokenRow
    token: str  # the only time it exists outside the owner's hands


class StaffTokenService:
    def __init__(self, db: Database, clock: Callable[[], datetime]) -> None:
        self._db = db
        self._clock = clock

    def issue(
        self, actor: Actor, member_id: int, label: str = "", days: int = DAYS_DEFAULT
    ) -> IssuedToken:
        """A new token acting as ``member_id`` for ``days`` days."""
        label = checked_line("label", label, LABEL_MAX)
        if not 1 <= days <= DAYS_MAX:
            raise InvalidField("days", "out_of_range", str(days))
        if not actor.is_member:  # a token names who issued it: not the shared sign-in
            raise NotPermitted(Permission.MANAGE_STAFF, None)
        token, now = new_token(), self._clock()
        with self._db.write() as s:
            staff = member(s, member_id)
            if not staff.active:
                raise NotFound("staff", staff.name)
            role = StaffRole(staff.role)
            current = authorize_change(s, actor, role, role)
            row = m.StaffToken(
                staff_id=staff.id,
                token_sha256=token_digest(token),
                label=label,
                issued_by_id=current.member_id,
                issued_by_name=current.name,
                issued_at=now,
                expires_at=now + timedelta(days=days),
            )
            s.add(row)
            s.flush()
            details = {
                "member": staff.name,
                "token_id": row.id,
                "label": label,
                "expires_at": row.expires_at.isoformat(),
            }
            record(s, current, AuditAction.TOKEN_ISSUED, now, f"staff:{staff.id}", details)
            return IssuedToken(_row(row, staff.name), token)

    def tokens(self, actor: Actor) -> list[TokenRow]:
        """Every token issued, newest first (revoked and expired ones too)."""
        with self._db.read() as s:
            authorize(s, actor, Permission.MANAGE_STAFF)
            found = s.execute(
                select(m.StaffToken, m.Staff.name)
                .join(m.Staff, m.Staff.id == m.StaffToken.staff_id)
                .order_by(m.StaffToken.id.desc())
            )
            return [_row(t, name) for t, name in found]

    def revoke(self, actor: Actor, token_id: int) -> TokenRow:
        """Revoke a token for good (revoking it again changes nothing)."""
        now = self._clock()
        with self._db.write() as s:
            token = s.get(m.StaffToken, token_id)
            if token is None:
                raise NotFound("token", str(token_id))
            staff = member(s, token.staff_id)
            role = StaffRole(staff.role)
            current = authorize_change(s, actor, role, role)
            if token.revoked_at is None:
                token.revoked_at = now
                details = {"member": staff.name, "token_id": token.id, "label": token.label}
                subject = f"staff:{staff.id}"
                record(s, current, AuditAction.TOKEN_REVOKED, now, subject, details)
            return _row(token, staff.name)

    def sign_in(self, token: str) -> Actor:
        """The member the token acts as; else ``TokenRefused``. A refused token that was
        issued here leaves a failed sign-in in the audit log, named by its member."""
        now = self._clock()
        with self._db.write() as s:
            outcome = _try_token(s, token_digest(token), now)
        # Raised after the commit: the failure's audit entry must stay.
        if isinstance(outcome, DomainError):
            raise outcome
        return outcome


def revoke_members_tokens(s: Session, staff_id: int, now: datetime) -> list[int]:
    """Revoke every token of ``staff_id`` still open, in the caller's transaction (a member
    taken off the team); the ids revoked."""
    open_tokens = s.scalars(
        select(m.StaffToken)
        .where(m.StaffToken.staff_id == staff_id, m.StaffToken.revoked_at.is_(None))
        .order_by(m.StaffToken.id)
    )
    revoked = []
    for token in open_tokens:
        token.revoked_at = now
        revoked.append(token.id)
    return revoked


def _try_token(s: Session, digest: str, now: datetime) -> Actor | DomainError:
    token = s.scalar(select(m.StaffToken).where(m.StaffToken.token_sha256 == digest))
    if token is None:
        return TokenRefused("unknown")  # nobody to name: nothing to log
    staff = member(s, token.staff_id)
    who = Actor(staff.id, staff.name, StaffRole(staff.role))
    # Who issued it, in every use: a manager may issue a token for another member, whose
    # name the entries of its commands then carry.
    details = {"token_id": token.id, "label": token.label, "issued_by": token.issued_by_name}
    subject = f"staff:{staff.id}"
    problem: Literal["expired", "revoked", "inactive"] | None = None
    if token.revoked_at is not None:
        problem = "revoked"
    elif now >= token.expires_at:
        problem = "expired"
    elif not staff.active:
        problem = "inactive"
    if problem is not None:
        failed = {**details, "reason": f"token_{problem}"}
        record(s, who, AuditAction.SIGN_IN_FAILED, now, subject, failed)
        return TokenRefused(problem)
    record(s, who, AuditAction.SIGNED_IN_BY_TOKEN, now, subject, details)
    return who


def _row(token: m.StaffToken, member_name: str) -> TokenRow:
    return TokenRow(
        id=token.id,
        member_id=token.staff_id,
        member_name=member_name,
        label=token.label,
        issued_by=token.issued_by_name,
        issued_at=token.issued_at,
        expires_at=token.expires_at,
        revoked_at=token.revoked_at,
    )
