"""Who may do what at the counter (issue 12): the acting member and the role table.

Pure: no storage. Services check the table through ``services.access_guard``, which
also reads the member's current role from the database (a role changed on another
counter PC counts at once); the window uses ``may`` to disable what a role may not do.
"""

from __future__ import annotations

from dataclasses import dataclass

from desk_app.domain.enums import Permission, StaffRole
from desk_app.domain.errors import NotPermitted

_P = Permission
_EVERYTHING = frozenset(Permission)
_RECEPTION = frozenset({_P.BOOK, _P.RECORD_CONSENT, _P.VIEW_CALENDAR, _P.VIEW_OWN_DAY})
_STYLIST = frozenset({_P.VIEW_CALENDAR, _P.VIEW_OWN_DAY})

# The roles: reception books and records consent; a stylist sees the calendar and
# their own day; the owner and the manager (the owner's delegate) do everything else, but
# only the owner reads the audit log, the record that also shows what a manager did, and
# only the owner restores a backup (which would roll that record back).
ROLE_PERMISSIONS: dict[StaffRole, frozenset[Permission]] = {
    StaffRole.OWNER: _EVERYTHING,
    StaffRole.MANAGER: _EVERYTHING - {_P.VIEW_AUDIT, _P.RESTORE_BACKUP},
    StaffRole.RECEPTION: _RECEPTION,
    StaffRole.STYLIST: _STYLIST,
}


@dataclass(frozen=True)
class Actor:
    """Who acts: a signed-in staff member (``member_id``), or the shared counter sign-in
    (``member_id`` None) of a salon that does not sign in personally. An identity, passed
    to each service call explicitly: every counter PC and thread has its own, nothing
    global to switch. The role here is what the front end shows; services check the
    stored one."""

    member_id: int | None
    name: str
    role: StaffRole

    @property
    def is_member(self) -> bool:
        return self.member_id is not None


# The shared sign-in: may do everything, as every counter could before issue 12. It is
# refused by the services once the salon switches personal sign-in on
# (``staff_sign_in``); its actions are attributed to the name the dialog asks for.
SHARED_COUNTER = Actor(member_id=None, name="", role=StaffRole.OWNER)


def may(role: StaffRole, permission: Permission) -> bool:
    return permission in ROLE_PERMISSIONS[role]


def require(role: StaffRole, permission: Permission) -> None:
    """Raise ``NotPermitted`` unless ``role`` may do ``permission``."""
    if not may(role, permission):
        raise NotPermitted(permission, role)


def may_assign(acting: StaffRole, old: StaffRole | None, new: StaffRole | None) -> bool:
    """Whether ``acting`` may change a member from role ``old`` to ``new`` (None: the
    member is new, or removed). Only an owner makes, changes or removes an owner: a
    manager cannot raise anyone, themselves included, above their own rights."""
    if not may(acting, Permission.MANAGE_STAFF):
        return False
    touches_owner = StaffRole.OWNER in (old, new)
    return acting is StaffRole.OWNER or not touches_owner
