"""A token's use names who issued it (review of issue 12): a manager may issue a token
for another member, and the commands run with it carry that member's name; the owner's
log shows the issuer in each use, not only in the entry of the issue."""

from __future__ import annotations

from sqlalchemy import select

from desk_app.db import models as m
from desk_app.domain.enums import AuditAction
from desk_app.services.container import Services
from desk_app.texts.audit_words import details_text
from tests.services.staff_support import make_team


def test_each_use_of_a_token_names_who_issued_it(services: Services) -> None:
    team = make_team(services)
    issued = services.staff_tokens.issue(team.manager, team.reception.member_id or 0, "cron")
    assert services.staff_tokens.sign_in(issued.token).name == team.reception.name
    with services.db.read() as s:
        entry = s.scalars(
            select(m.AuditEntry).where(m.AuditEntry.action == AuditAction.SIGNED_IN_BY_TOKEN.value)
        ).one()
    assert entry.member_name == team.reception.name
    assert entry.details["issued_by"] == team.manager.name
    said = details_text(AuditAction.SIGNED_IN_BY_TOKEN, entry.details, "Europe/Berlin")
    assert f"Issued by: {team.manager.name}" in said
