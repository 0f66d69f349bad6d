"""Only an owner weakens the sign-in (review of issue 12).

Switched off, personal sign-in leaves the shared counter with the owner's rights: a
manager who could switch it off could then make an owner and read the audit log. More
tries or a shorter lockout shorten guessing the owner's PIN. Tightening stays the
manager's too. Each refusal leaves the settings and the audit log as they were.
"""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from desk_app.db import models as m
from desk_app.domain.access import SHARED_COUNTER
from desk_app.domain.enums import StaffRole
from desk_app.domain.errors import NotPermitted
from desk_app.services.container import Services
from tests.services.staff_support import Team, make_team


@pytest.fixture
def team(services: Services) -> Team:
    return make_team(services)


def _audit_count(services: Services) -> int:
    with services.db.read() as s:
        return int(s.scalar(select(func.count()).select_from(m.AuditEntry)) or 0)


def test_a_manager_cannot_weaken_the_sign_in_only_tighten_it(
    services: Services, team: Team
) -> None:
    catalogue = services.catalogue
    catalogue.set_settings({"staff_sign_in": "on"}, actor=team.owner)
    before = catalogue.salon_settings()
    logged = _audit_count(services)
    for weaker in ({"staff_sign_in": "off"}, {"pin_attempts": "20"}, {"pin_lockout_minutes": "1"}):
        with pytest.raises(NotPermitted):
            catalogue.set_settings({"salon_name": "Haarwerk", **weaker}, actor=team.manager)
    assert catalogue.salon_settings() == before  # nothing stored, not even the name
    assert _audit_count(services) == logged
    # Still on: the shared counter can make no owner.
    with pytest.raises(NotPermitted):
        catalogue.add_staff("Mallory", StaffRole.OWNER, actor=SHARED_COUNTER)

    # Tightening, and a save that leaves them as they are (the settings dialog saves
    # every field), stay the manager's.
    catalogue.set_settings(
        {"staff_sign_in": "on", "pin_attempts": "3", "pin_lockout_minutes": "60"},
        actor=team.manager,
    )
    assert catalogue.salon_settings().pin_attempts == 3
    # The owner may weaken them.
    catalogue.set_settings({"pin_attempts": "5", "staff_sign_in": "off"}, actor=team.owner)
    assert not catalogue.salon_settings().staff_sign_in
