"""Logging in to the gateway leaves one audit entry naming the gateway, never the token
(issue 12); a member who may not change settings stores no token and leaves no entry,
and a token that could not be stored leaves no address and no entry. Both backends."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from desk_app.db import models as m
from desk_app.domain.enums import AuditAction
from desk_app.domain.errors import KeyringUnavailable, NotPermitted
from desk_app.services.container import Services
from desk_app.services.salon_setup import SalonSettingsInput
from tests.services.staff_support import Team, make_team

URL = "https://gw.example.org"
TOKEN = "gw-secret-token-0123456789"


def _entries(services: Services) -> list[tuple[str, str, dict[str, object]]]:
    with services.db.read() as s:
        rows = s.scalars(select(m.AuditEntry).order_by(m.AuditEntry.id))
        return [(e.action, e.member_name, dict(e.details)) for e in rows]


def test_a_gateway_login_is_logged_once_without_the_token(services: Services) -> None:
    team: Team = make_team(services)
    stored: list[str] = []
    before = len(_entries(services))

    with pytest.raises(NotPermitted):  # checked before the token is stored
        services.gateway_login.log_in(URL, lambda: stored.append(TOKEN), actor=team.reception)
    assert stored == [] and len(_entries(services)) == before

    def no_keyring() -> None:
        raise KeyringUnavailable()

    with pytest.raises(KeyringUnavailable):
        services.gateway_login.log_in(URL, no_keyring, actor=team.owner)
    assert len(_entries(services)) == before
    assert services.salon_setup.profile().gateway_url == ""

    services.gateway_login.log_in(URL, lambda: stored.append(TOKEN), actor=team.owner)
    assert stored == [TOKEN]
    assert services.salon_setup.profile().gateway_url == URL
    new = _entries(services)[before:]
    logins = [e for e in new if e[0] == AuditAction.GATEWAY_LOGIN]
    assert logins == [(AuditAction.GATEWAY_LOGIN.value, team.owner.name, {"gateway_url": URL})]
    assert TOKEN not in repr(new)

    # The settings dialog: saving with a new token is a login, saving without one is not.
    profile = SalonSettingsInput("Haarwerk", "", "Europe/Berlin", URL)
    services.salon_setup.save(profile, actor=team.manager)
    services.salon_setup.save(profile, actor=team.manager, gateway_login=True)
    actions = [e[0] for e in _entries(services)[before:]]
    assert actions.count(AuditAction.GATEWAY_LOGIN.value) == 2
    assert _entries(services)[-1] == (
        AuditAction.GATEWAY_LOGIN.value,
        team.manager.name,
        {"gateway_url": URL},
    )
