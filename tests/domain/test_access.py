"""Who may do what (issue 12): the role table and the staff-management rule."""

from __future__ import annotations

import pytest

from desk_app.domain.access import ROLE_PERMISSIONS, SHARED_COUNTER, may, may_assign, require
from desk_app.domain.enums import Permission, StaffRole
from desk_app.domain.errors import NotPermitted

P, R = Permission, StaffRole
OWNER_ONLY_OR_MANAGER = {
    P.COMPOSE_CAMPAIGNS,
    P.SEND_CAMPAIGNS,
    P.EXPORT_DATA,
    P.ERASE_CUSTOMERS,
    P.CHANGE_SETTINGS,
    P.MANAGE_STAFF,
}


def test_every_role_has_a_row() -> None:
    assert set(ROLE_PERMISSIONS) == set(StaffRole)


@pytest.mark.parametrize("permission", sorted(OWNER_ONLY_OR_MANAGER))
def test_sensitive_actions_belong_to_owner_and_manager(permission: Permission) -> None:
    assert may(R.OWNER, permission) and may(R.MANAGER, permission)
    assert not may(R.RECEPTION, permission) and not may(R.STYLIST, permission)


def test_reception_books_and_records_consent_a_stylist_only_looks() -> None:
    for permission in (P.BOOK, P.RECORD_CONSENT, P.VIEW_CALENDAR, P.VIEW_OWN_DAY):
        assert may(R.RECEPTION, permission)
    assert {p for p in Permission if may(R.STYLIST, p)} == {P.VIEW_CALENDAR, P.VIEW_OWN_DAY}


def test_only_the_owner_reads_the_audit_log() -> None:
    assert [r for r in StaffRole if may(r, P.VIEW_AUDIT)] == [R.OWNER]


def test_only_the_owner_restores_a_backup() -> None:
    assert [r for r in StaffRole if may(r, P.RESTORE_BACKUP)] == [R.OWNER]


def test_require_names_the_permission_and_the_role() -> None:
    require(R.OWNER, P.ERASE_CUSTOMERS)
    with pytest.raises(NotPermitted) as refused:
        require(R.RECEPTION, P.ERASE_CUSTOMERS)
    assert (refused.value.permission, refused.value.role) == (P.ERASE_CUSTOMERS, R.RECEPTION)


def test_the_shared_sign_in_is_no_member_and_keeps_todays_rights() -> None:
    assert not SHARED_COUNTER.is_member
    assert all(may(SHARED_COUNTER.role, p) for p in Permission)


def test_only_an_owner_makes_changes_or_removes_an_owner() -> None:
    assert may_assign(R.OWNER, None, R.OWNER)
    assert may_assign(R.OWNER, R.OWNER, R.STYLIST)
    assert may_assign(R.MANAGER, None, R.RECEPTION)
    assert may_assign(R.MANAGER, R.STYLIST, R.MANAGER)
    assert not may_assign(R.MANAGER, None, R.OWNER)
    assert not may_assign(R.MANAGER, R.OWNER, R.MANAGER)
    assert not may_assign(R.MANAGER, R.OWNER, None)
    assert not may_assign(R.RECEPTION, None, R.STYLIST)
