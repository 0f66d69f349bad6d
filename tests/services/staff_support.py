"""Members who can sign in, for the tests of issue 12 (staff sign-in, rights, audit)."""

from __future__ import annotations

from dataclasses import dataclass

from desk_app.domain.access import SHARED_COUNTER, Actor
from desk_app.domain.enums import StaffRole
from desk_app.services.container import Services

PINS = {"owner": "4711", "manager": "2580", "reception": "1234", "stylist": "9876"}


@dataclass(frozen=True)
class Team:
    owner: Actor
    manager: Actor
    reception: Actor
    stylist: Actor


def make_team(services: Services) -> Team:
    """One member of each role, each with their PIN, signed in once."""
    members = {}
    for role, name in (
        (StaffRole.OWNER, "Sabine Müller"),
        (StaffRole.MANAGER, "Murat Kaya"),
        (StaffRole.RECEPTION, "Tanja Groß"),
        (StaffRole.STYLIST, "Jörg Weiß"),
    ):
        row = services.catalogue.add_staff(name, role, actor=SHARED_COUNTER)
        services.staff_access.set_pin(SHARED_COUNTER, row.id, PINS[role.value])
        members[role.value] = services.staff_access.sign_in(row.id, PINS[role.value])
    return Team(**members)
