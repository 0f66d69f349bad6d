"""The services' own check of who acts (issue 12), inside the caller's transaction.

A front end disables what a role may not do, but the services refuse too, so a call
that skips the window (the command line, a script, a bug) is held to the same rules.
The role is read from the database in the same transaction, never taken from the
``Actor``: a member demoted or deactivated at another counter PC loses the right at
once.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from desk_app.db import models as m
from desk_app.domain.access import Actor, require
from desk_app.domain.enums import Permission, StaffRole
from desk_app.domain.errors import InvalidField, NotFound, NotPermitted
from desk_app.services.settings_store import read_settings


def authorize(s: Session, actor: Actor, permission: Permission) -> Actor:
    """The actor as stored now, if they may do ``permission``; else ``NotPermitted``
    (``NotFound`` for a member who is no longer on the team). The shared sign-in may do
    everything until the salon switches personal sign-in on."""
    if not actor.is_member:
        if read_settings(s).staff_sign_in:
            raise NotPermitted(permission, None)
        return actor
    staff = s.get(m.Staff, actor.member_id)
    if staff is None or not staff.active:
        raise NotFound("staff", actor.name)
    current = Actor(staff.id, staff.name, StaffRole(staff.role))
    require(current.role, permission)
    return current


def acting_name(s: Session, actor: Actor, named: str | None) -> str:
    """Who the records name as having acted (the consent ledger's ``staff``, an
    erasure's ``staff``, a campaign's author): the signed-in member, always; with the
    shared sign-in, the staff member the dialog asked for (``named``), who must exist.
    ``actor``: as ``authorize`` returned it (the name as stored now).

    A signed-in member cannot name somebody else (``not_signed_in_member``)."""
    wanted = (named or "").strip()
    if actor.is_member:
        if wanted and wanted != actor.name:
            raise InvalidField("staff", "not_signed_in_member", wanted)
        return actor.name
    if not wanted:
        raise InvalidField("staff", "required")
    found = s.scalar(select(m.Staff.name).where(m.Staff.name == wanted))
    if found is None:
        raise NotFound("staff", wanted)
    return found
