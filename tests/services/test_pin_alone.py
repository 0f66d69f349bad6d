"""Switching the person by the PIN alone, like a till (issue 12): the PIN finds its member,
PINs are unique among the active members, misses that are nobody's are counted and
locked salon-wide at every counter PC, and personal sign-in is switched on only with an
owner who can sign in. On SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from desk_app.config.paths import templates_dir
from desk_app.db import models as m
from desk_app.db.engine import Database, create_database_engine
from desk_app.domain.access import SHARED_COUNTER
from desk_app.domain.enums import AuditAction, StaffRole
from desk_app.domain.errors import (
    InvalidField,
    LastOwner,
    NotPermitted,
    PinEntryLocked,
    PinLockedOut,
    PinNotRecognised,
    WrongPin,
)
from desk_app.services.container import Services, build_services
from tests.conftest import Clock
from tests.services.staff_support import PINS, Team, make_team


@pytest.fixture
def team(services: Services) -> Team:
    return make_team(services)


def _failed_entries(services: Services) -> list[tuple[int | None, str, object]]:
    with services.db.read() as s:
        found = s.execute(
            select(m.AuditEntry.member_id, m.AuditEntry.subject, m.AuditEntry.details)
            .where(m.AuditEntry.action == AuditAction.SIGN_IN_FAILED.value)
            .order_by(m.AuditEntry.id)
        )
        return [(member, subject, dict(details)["reason"]) for member, subject, details in found]


def test_the_pin_alone_finds_its_member_and_unknown_pins_lock_it_everywhere(
    services: Services, team: Team, clock: Clock, database_url: str
) -> None:
    staff = services.staff_access
    assert staff.sign_in_by_pin(PINS["reception"]) == team.reception
    assert staff.sign_in_by_pin(PINS["owner"]) == team.owner
    services.catalogue.set_settings(
        {"pin_attempts": "3", "pin_lockout_minutes": "10"}, actor=team.owner
    )
    other_pc = build_services(
        Database(create_database_engine(database_url)), templates_dir(), clock
    )
    try:
        with pytest.raises(PinNotRecognised) as first:
            staff.sign_in_by_pin("0000")
        assert first.value.attempts_left == 2
        with pytest.raises(PinNotRecognised) as second:
            other_pc.staff_access.sign_in_by_pin("0001")  # counted salon-wide
        assert second.value.attempts_left == 1
        with pytest.raises(PinEntryLocked) as locked:
            staff.sign_in_by_pin("0002")
        assert locked.value.until == clock.now + timedelta(minutes=10)
        # Locked for everybody's PIN alone, at the other PC too ...
        with pytest.raises(PinEntryLocked):
            other_pc.staff_access.sign_in_by_pin(PINS["stylist"])
        # ... but picking the name works: the member's own counter never saw a miss.
        assert other_pc.staff_access.sign_in(team.stylist.member_id or 0, PINS["stylist"])
        clock.advance(minutes=10)
        assert other_pc.staff_access.sign_in_by_pin(PINS["stylist"]) == team.stylist
    finally:
        other_pc.db.dispose()
    # A good PIN starts the count again.
    with pytest.raises(PinNotRecognised) as again:
        staff.sign_in_by_pin("0003")
    assert again.value.attempts_left == 2
    # Every miss is in the log, naming no member and no PIN.
    assert _failed_entries(services) == [
        (None, "pin_alone", "wrong_pin"),
        (None, "pin_alone", "wrong_pin"),
        (None, "pin_alone", "wrong_pin_locked"),
        (None, "pin_alone", "locked_out"),
        (None, "pin_alone", "wrong_pin"),
    ]


def test_pins_are_unique_and_a_locked_out_member_stays_out(services: Services, team: Team) -> None:
    staff = services.staff_access
    # A member locked out by their own misses is not let in by the PIN alone either.
    member = team.manager.member_id or 0
    for _ in range(4):
        with pytest.raises(WrongPin):
            staff.sign_in(member, "0000")
    with pytest.raises(PinLockedOut) as locked:
        staff.sign_in(member, "0000")
    with pytest.raises(PinLockedOut) as alone:
        staff.sign_in_by_pin(PINS["manager"])
    assert not isinstance(alone.value, PinEntryLocked)
    assert alone.value.until == locked.value.until
    assert staff.sign_in_by_pin(PINS["reception"]) == team.reception  # the others go on

    stylist = team.stylist.member_id or 0
    with pytest.raises(InvalidField) as taken:
        staff.set_pin(team.owner, stylist, PINS["reception"])
    assert (taken.value.field, taken.value.problem) == ("pin", "pin_taken")
    staff.set_pin(team.owner, stylist, PINS["stylist"])  # their own PIN again: fine
    # Without the right, the answer never tells whether a PIN is taken.
    with pytest.raises(NotPermitted):
        staff.set_pin(team.reception, stylist, PINS["owner"])
    # A member off the team frees their PIN; taken back on, the PIN alone is ambiguous
    # (no guess at who it is) until one of them gets a new PIN.
    reception = team.reception.member_id or 0
    services.salon_setup.set_staff_active(reception, False, actor=team.owner)
    staff.set_pin(team.owner, stylist, PINS["reception"])
    services.salon_setup.set_staff_active(reception, True, actor=team.owner)
    with pytest.raises(InvalidField) as ambiguous:
        staff.sign_in_by_pin(PINS["reception"])
    assert ambiguous.value.problem == "pin_ambiguous"
    assert staff.sign_in(reception, PINS["reception"]) == team.reception  # by the tile


def test_personal_sign_in_is_switched_on_only_with_an_owner_who_has_a_pin(
    services: Services,
) -> None:
    catalogue, staff = services.catalogue, services.staff_access
    owner = catalogue.add_staff("Sabine Müller", StaffRole.OWNER, actor=SHARED_COUNTER)
    reception = catalogue.add_staff("Tanja Groß", StaffRole.RECEPTION, actor=SHARED_COUNTER)
    staff.set_pin(SHARED_COUNTER, reception.id, "1234")  # not an owner: not enough
    with pytest.raises(InvalidField) as refused:
        catalogue.set_setting("staff_sign_in", "on", actor=SHARED_COUNTER)
    assert (refused.value.field, refused.value.problem) == ("staff_sign_in", "no_owner_pin")
    assert not catalogue.salon_settings().staff_sign_in
    staff.set_pin(SHARED_COUNTER, owner.id, "4711")
    catalogue.set_setting("staff_sign_in", "on", actor=SHARED_COUNTER)
    signed_in = staff.sign_in_by_pin("4711")
    # Saved again with the rest of a form, "on" is no new switch.
    catalogue.set_settings({"staff_sign_in": "on", "salon_name": "Haarwerk"}, actor=signed_in)
    assert catalogue.salon_settings().staff_sign_in

    # Nor can the last owner who can sign in be taken off the team or demoted while
    # sign-in is on: an owner without a PIN cannot sign in to switch it off again.
    second = catalogue.add_staff("Murat Kaya", StaffRole.OWNER, actor=signed_in)
    with pytest.raises(LastOwner):
        services.salon_setup.set_staff_active(owner.id, False, actor=signed_in)
    with pytest.raises(LastOwner):
        staff.set_role(signed_in, owner.id, StaffRole.MANAGER)
    assert staff.sign_in_by_pin("4711") == signed_in  # still the owner, still on the team
    staff.set_pin(signed_in, second.id, "2580")
    services.salon_setup.set_staff_active(owner.id, False, actor=signed_in)  # now it may


def test_probing_for_taken_pins_is_counted_and_locked_like_pins_typed_alone(
    services: Services, team: Team, clock: Clock
) -> None:
    # "Taken" says a PIN is somebody's, as the lock screen would: a manager trying PINs
    # on a member must not learn the owner's faster than anyone at the counter could.
    staff = services.staff_access
    services.catalogue.set_settings(
        {"pin_attempts": "3", "pin_lockout_minutes": "10"}, actor=team.owner
    )
    stylist = team.stylist.member_id or 0
    for taken in (PINS["owner"], PINS["reception"]):
        with pytest.raises(InvalidField, match="pin_taken"):
            staff.set_pin(team.manager, stylist, taken)
    with pytest.raises(PinEntryLocked) as locked:
        staff.set_pin(team.manager, stylist, PINS["owner"])
    assert locked.value.until == clock.now + timedelta(minutes=10)
    # Locked: no PIN is compared, not even a free one, and the lock screen's PIN alone
    # waits too; picking the name still works.
    with pytest.raises(PinEntryLocked):
        staff.set_pin(team.manager, stylist, "97531")
    with pytest.raises(PinEntryLocked):
        staff.sign_in_by_pin(PINS["owner"])
    assert staff.sign_in(team.owner.member_id or 0, PINS["owner"]) == team.owner
    # Each probe is in the log, naming who tried.
    with services.db.read() as s:
        probes = s.execute(
            select(m.AuditEntry.member_name, m.AuditEntry.details)
            .where(m.AuditEntry.action == AuditAction.SIGN_IN_FAILED.value)
            .order_by(m.AuditEntry.id)
        ).all()
    assert [(name, dict(d)["reason"]) for name, d in probes] == [
        (team.manager.name, "pin_taken"),
        (team.manager.name, "pin_taken"),
        (team.manager.name, "pin_taken"),
        ("", "locked_out"),  # the PIN typed alone while locked: nobody named
    ]
    clock.advance(minutes=10)
    staff.set_pin(team.manager, stylist, "97531")  # after the lockout: a free PIN is set
