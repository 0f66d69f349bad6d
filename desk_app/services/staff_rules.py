"""The rules of changing the team (issue 12), inside the caller's transaction: who may
give which role, and that the salon always keeps an active owner.

Every change of a member's role or active state takes one team-wide lock first, so
two counter PCs demoting the last two owners at once cannot both succeed (PostgreSQL:
an advisory lock; SQLite: the write transaction already excludes other writers).
"""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from desk_app.db import models as m
from desk_app.domain.access import Actor, may_assign
from desk_app.domain.enums import Permission, StaffRole
from desk_app.domain.errors import LastOwner, NotFound, NotPermitted
from desk_app.services.access_guard import authorize
from desk_app.services.settings_store import read_settings
from desk_sql.locks import lock_keys

_TEAM_LOCK = "staff_team"


def authorize_change(
    s: Session, actor: Actor, old: StaffRole | None, new: StaffRole | None
) -> Actor:
    """The acting member, if they may manage staff and move a member from ``old`` to
    ``new`` (None: not a member before / any more); takes the team lock."""
    lock_keys(s, _TEAM_LOCK, 0)
    current = authorize(s, actor, Permission.MANAGE_STAFF)
    if not may_assign(current.role, old, new):
        raise NotPermitted(Permission.MANAGE_STAFF, current.role)
    return current


def member(s: Session, staff_id: int) -> m.Staff:
    staff = s.get(m.Staff, staff_id)
    if staff is None:
        raise NotFound("staff", str(staff_id))
    return staff


def is_active_owner(staff: m.Staff) -> bool:
    return staff.role == StaffRole.OWNER.value and staff.active


def keep_an_owner(s: Session, staff: m.Staff, was_owner: bool) -> None:
    """After a change of ``staff`` (``was_owner``: an active owner before it): refuse
    the change (``LastOwner``) if it left the salon without an active owner; with
    personal sign-in on, without an active owner who has a PIN (else nobody could sign
    in to switch it off again, or to change staff and settings)."""
    if not was_owner or is_active_owner(staff):
        return
    s.flush()
    owners = (
        select(func.count())
        .select_from(m.Staff)
        .where(m.Staff.role == StaffRole.OWNER.value, m.Staff.active.is_(True))
    )
    if read_settings(s).staff_sign_in:
        owners = owners.join(m.StaffCredential, m.StaffCredential.staff_id == m.Staff.id)
    if not s.scalar(owners):
        raise LastOwner(staff.id)
