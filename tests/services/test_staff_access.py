"""Staff sign-in with a PIN (issue 12): the hash, the lockout that holds at every counter
PC, and the owner's care of PINs and roles, on SQLite and PostgreSQL."""

from __future__ import annotations

import logging
from datetime import timedelta

import pytest
from sqlalchemy import select

from desk_app.config.paths import templates_dir
from desk_app.db import models as m
from desk_app.db.engine import Database, create_database_engine
from desk_app.domain.access import SHARED_COUNTER, Actor
from desk_app.domain.enums import Permission, StaffRole
from desk_app.domain.errors import (
    InvalidField,
    LastOwner,
    NotFound,
    NotPermitted,
    PinLockedOut,
    WrongPin,
)
from desk_app.services.container import Services, build_services
from desk_app.services.pin_hash import N, P, R, hash_pin, pin_matches
from tests.conftest import Clock
from tests.services.staff_support import PINS, Team, make_team


@pytest.fixture
def team(services: Services) -> Team:
    return make_team(services)


def _credential(db: Database, member_id: int) -> m.StaffCredential:
    with db.read() as s:
        found = s.get(m.StaffCredential, member_id)
        assert found is not None
        s.expunge(found)
        return found


# ---- the hash -------------------------------------------------------------------------------
def test_the_pin_is_stored_as_a_salted_scrypt_hash_only() -> None:
    first, second = hash_pin("4711"), hash_pin("4711")
    assert first != second  # a fresh salt each time
    assert first.startswith(f"scrypt${N}${R}${P}$") and "4711" not in first
    assert pin_matches("4711", first) and pin_matches("4711", second)
    assert not pin_matches("4712", first)
    assert not pin_matches("4711", "bcrypt$whatever") and not pin_matches("4711", "garbage")


def test_a_pin_is_never_in_the_database_a_repr_or_the_log(
    services: Services, team: Team, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    services.staff_access.set_pin(team.owner, team.reception.member_id or 0, "80808080")
    services.staff_access.sign_in(team.reception.member_id or 0, "80808080")
    with pytest.raises(WrongPin):
        services.staff_access.sign_in(team.reception.member_id or 0, "80808081")
    credential = _credential(services.db, team.reception.member_id or 0)
    assert "8080" not in credential.pin_hash and "8080" not in repr(credential)
    assert "pin_hash" not in repr(credential) and credential.pin_hash not in repr(credential)
    assert "8080" not in caplog.text
    with services.db.read() as s:
        details = [str(d) for d in s.scalars(select(m.AuditEntry.details))]
    assert not any("8080" in d for d in details)


# ---- signing in -----------------------------------------------------------------------------
def test_the_right_pin_signs_the_member_in_with_their_role(services: Services) -> None:
    row = services.catalogue.add_staff("Tanja Groß", StaffRole.RECEPTION, actor=SHARED_COUNTER)
    services.staff_access.set_pin(SHARED_COUNTER, row.id, "1234")
    assert services.staff_access.sign_in(row.id, "1234") == Actor(
        row.id, "Tanja Groß", StaffRole.RECEPTION
    )
    [listed] = services.staff_access.members()
    assert (listed.name, listed.has_pin) == ("Tanja Groß", True)


def test_a_member_without_pin_or_off_the_team_cannot_sign_in(services: Services) -> None:
    row = services.catalogue.add_staff("Lena", StaffRole.STYLIST, actor=SHARED_COUNTER)
    with pytest.raises(InvalidField) as no_pin:
        services.staff_access.sign_in(row.id, "1234")
    assert no_pin.value.problem == "no_pin"
    services.staff_access.set_pin(SHARED_COUNTER, row.id, "1234")
    services.salon_setup.set_staff_active(row.id, False, actor=SHARED_COUNTER)
    with pytest.raises(NotFound):
        services.staff_access.sign_in(row.id, "1234")


@pytest.mark.parametrize("pin", ["123", "123456789", "12ab"])
def test_a_pin_of_the_wrong_form_is_refused_when_set(
    services: Services, team: Team, pin: str
) -> None:
    with pytest.raises(InvalidField) as refused:
        services.staff_access.set_pin(team.owner, team.stylist.member_id or 0, pin)
    assert refused.value.problem == "pin_form"
    assert services.staff_access.sign_in(team.stylist.member_id or 0, PINS["stylist"])


def test_wrong_pins_lock_the_member_out_at_every_counter_pc(
    services: Services, team: Team, clock: Clock, database_url: str
) -> None:
    services.catalogue.set_settings(
        {"pin_attempts": "3", "pin_lockout_minutes": "10"}, actor=team.owner
    )
    other_pc = build_services(
        Database(create_database_engine(database_url)), templates_dir(), clock
    )
    member = team.reception.member_id or 0
    try:
        with pytest.raises(WrongPin) as first:
            services.staff_access.sign_in(member, "0000")
        assert first.value.attempts_left == 2
        with pytest.raises(WrongPin) as second:
            other_pc.staff_access.sign_in(member, "0001")  # the misses add up across PCs
        assert second.value.attempts_left == 1
        with pytest.raises(PinLockedOut) as locked:
            services.staff_access.sign_in(member, "0002")
        assert locked.value.until == clock.now + timedelta(minutes=10)
        # Locked: even the right PIN is refused, at the other PC too.
        with pytest.raises(PinLockedOut):
            other_pc.staff_access.sign_in(member, PINS["reception"])
        clock.advance(minutes=10)
        assert other_pc.staff_access.sign_in(member, PINS["reception"]).member_id == member
    finally:
        other_pc.db.dispose()
    assert _credential(services.db, member).failed_attempts == 0


def test_a_good_pin_clears_the_misses(services: Services, team: Team) -> None:
    member = team.stylist.member_id or 0
    for _ in range(3):
        with pytest.raises(WrongPin):
            services.staff_access.sign_in(member, "0000")
    services.staff_access.sign_in(member, PINS["stylist"])
    with pytest.raises(WrongPin) as again:
        services.staff_access.sign_in(member, "0000")
    assert again.value.attempts_left == 4  # the default: 5 in a row


def test_the_owner_resets_a_locked_out_pin(services: Services, team: Team, clock: Clock) -> None:
    member = team.stylist.member_id or 0
    for _ in range(4):
        with pytest.raises(WrongPin):
            services.staff_access.sign_in(member, "0000")
    with pytest.raises(PinLockedOut):
        services.staff_access.sign_in(member, "0000")
    services.staff_access.set_pin(team.owner, member, "13579")
    assert services.staff_access.sign_in(member, "13579").member_id == member


# ---- who may change the team ----------------------------------------------------------------
def test_reception_and_stylists_cannot_touch_pins_or_roles(services: Services, team: Team) -> None:
    for actor in (team.reception, team.stylist):
        with pytest.raises(NotPermitted) as refused:
            services.staff_access.set_pin(actor, team.stylist.member_id or 0, "5555")
        assert refused.value == NotPermitted(Permission.MANAGE_STAFF, actor.role)
        with pytest.raises(NotPermitted):
            services.staff_access.set_role(actor, actor.member_id or 0, StaffRole.OWNER)
    assert services.staff_access.sign_in(team.stylist.member_id or 0, PINS["stylist"])


def test_a_manager_manages_the_team_but_not_the_owners(services: Services, team: Team) -> None:
    staff = services.staff_access
    staff.set_pin(team.manager, team.reception.member_id or 0, "2468")
    assert staff.set_role(team.manager, team.stylist.member_id or 0, StaffRole.RECEPTION)
    with pytest.raises(NotPermitted):
        staff.set_pin(team.manager, team.owner.member_id or 0, "2468")
    with pytest.raises(NotPermitted):
        staff.set_role(team.manager, team.manager.member_id or 0, StaffRole.OWNER)
    with pytest.raises(NotPermitted):
        services.catalogue.add_staff("Neu", StaffRole.OWNER, actor=team.manager)
    with pytest.raises(NotPermitted):
        services.salon_setup.set_staff_active(team.owner.member_id or 0, False, actor=team.manager)


def test_the_last_owner_can_be_neither_demoted_nor_deactivated(
    services: Services, team: Team
) -> None:
    owner = team.owner.member_id or 0
    with pytest.raises(LastOwner):
        services.staff_access.set_role(team.owner, owner, StaffRole.MANAGER)
    with pytest.raises(LastOwner):
        services.salon_setup.set_staff_active(owner, False, actor=team.owner)
    assert services.staff_access.sign_in(owner, PINS["owner"]).role is StaffRole.OWNER
    # With a second owner, the first may step down.
    services.staff_access.set_role(team.owner, team.manager.member_id or 0, StaffRole.OWNER)
    services.staff_access.set_role(team.owner, owner, StaffRole.MANAGER)
    with pytest.raises(NotPermitted):  # now a manager: no rights over the owner any more
        services.staff_access.set_role(team.owner, team.manager.member_id or 0, StaffRole.STYLIST)


def test_a_demoted_member_loses_the_right_at_once_though_still_signed_in(
    services: Services, team: Team
) -> None:
    """The role is read from the database with each call, not from the Actor."""
    services.staff_access.set_role(team.owner, team.manager.member_id or 0, StaffRole.RECEPTION)
    with pytest.raises(NotPermitted) as refused:
        services.catalogue.set_setting("salon_name", "Anders", actor=team.manager)
    assert refused.value.role is StaffRole.RECEPTION
