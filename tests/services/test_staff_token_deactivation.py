"""A member taken off the team loses their command-line tokens for good (review of
issue 12): refused while inactive anyway, they would otherwise all work again the day
the member is reactivated. The deactivation's one audit entry names them."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from desk_app.db import models as m
from desk_app.domain.enums import AuditAction
from desk_app.domain.errors import TokenRefused
from desk_app.services.container import Services
from desk_app.texts.audit_words import details_text
from tests.services.staff_support import make_team


def test_tokens_do_not_come_back_with_a_reactivated_member(services: Services) -> None:
    team = make_team(services)
    rita = team.reception.member_id
    assert rita is not None
    tokens = services.staff_tokens
    old = [tokens.issue(team.owner, rita, label) for label in ("cron", "backup job")]
    other = tokens.issue(team.owner, team.stylist.member_id or 0, "stylist's")
    services.salon_setup.set_staff_active(rita, False, actor=team.owner)
    services.salon_setup.set_staff_active(rita, True, actor=team.owner)

    for issued in old:
        with pytest.raises(TokenRefused) as refused:
            tokens.sign_in(issued.token)
        assert refused.value.problem == "revoked"
    assert tokens.sign_in(other.token).member_id == team.stylist.member_id  # not hers
    fresh = tokens.issue(team.owner, rita, "after her return")
    assert tokens.sign_in(fresh.token).member_id == rita
    with services.db.read() as s:
        details = s.scalars(
            select(m.AuditEntry.details).where(
                m.AuditEntry.action == AuditAction.STAFF_ACTIVE_CHANGED.value
            )
        ).all()
    assert [d.get("tokens_revoked") for d in details] == [[t.row.id for t in old], None]
    # The owner's view says so.
    said = details_text(AuditAction.STAFF_ACTIVE_CHANGED, details[0], "Europe/Berlin")
    assert said == f"{team.reception.name} deactivated; tokens revoked: 2"
