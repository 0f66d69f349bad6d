"""The first start's set-up (issue 13): everything in one transaction or nothing, on both
databases; the owner signs in with the PIN; a second assistant finds the salon set up."""

from __future__ import annotations

from collections.abc import Callable
from datetime import time

import pytest
from sqlalchemy import select

from desk_app.db import models as m
from desk_app.domain.enums import AuditAction, StaffRole
from desk_app.domain.errors import AlreadyExists, InvalidField
from desk_app.services.container import Services
from desk_app.services.first_setup import FirstSetup, NewMember, NewService
from desk_app.services.salon_setup import SalonSettingsInput

WEEK = {day: [(time(9, 0), time(18, 0))] for day in range(5)}


def setup(**changes: object) -> FirstSetup:
    salon = SalonSettingsInput(
        salon_name="Haarwerk Test",
        sender_name="Haarwerk",
        time_zone="Europe/Berlin",
        gateway_url="",
        opening_hours=WEEK,
        salon_phone="0221 1234567",
        salon_address="Hauptstraße 12, 50667 Köln",
    )
    values: dict[str, object] = {
        "salon": salon,
        "owner": "Sabine Müller",
        "owner_pin": "2468",
        "team": (NewMember("Jörg Weiß", StaffRole.STYLIST),),
        "services": (NewService("Damenhaarschnitt", 45, 4900, "Schnitt"),),
        "backup_folder": "/srv/salon-backups",
        "language": "en",
    }
    values.update(changes)
    return FirstSetup(**values)  # type: ignore[arg-type]


def nothing_written(services: Services) -> None:
    assert services.catalogue.never_set_up()
    with services.db.read() as s:
        for model in (m.Staff, m.StaffCredential, m.Treatment, m.OpeningHours, m.AuditEntry):
            assert s.scalars(select(model)).first() is None, model
    assert services.catalogue.salon_settings().salon_name == "Salon"


def test_setup_writes_everything_and_the_owner_signs_in(services: Services) -> None:
    assert services.catalogue.never_set_up()
    owner = services.first_setup.complete(setup())
    assert owner.role is StaffRole.OWNER and owner.name == "Sabine Müller"
    assert not services.catalogue.never_set_up()

    salon = services.catalogue.salon_settings()
    assert (salon.salon_name, salon.sender_name, salon.salon_phone) == (
        "Haarwerk Test",
        "Haarwerk",
        "0221 1234567",
    )
    assert salon.salon_address == "Hauptstraße 12, 50667 Köln"
    assert (salon.backup_folder, salon.language, salon.gateway_url) == (
        "/srv/salon-backups",
        "en",
        "",
    )
    assert [(i.weekday, i.opens, i.closes) for i in services.catalogue.opening_hours()] == [
        (day, time(9, 0), time(18, 0)) for day in range(5)
    ]
    team = {row.name: row.role for row in services.catalogue.list_staff()}
    assert team == {"Sabine Müller": StaffRole.OWNER, "Jörg Weiß": StaffRole.STYLIST}
    [cut] = services.catalogue.list_treatments()
    assert (cut.name, cut.minutes, cut.price_cents, cut.category) == (
        "Damenhaarschnitt",
        45,
        4900,
        "Schnitt",
    )
    # The PIN is the owner's, as if set in the staff tab.
    assert services.staff_access.sign_in(owner.member_id or 0, "2468").name == "Sabine Müller"
    # Audited as the services do, naming the new owner as the one who acted.
    with services.db.read() as s:
        entries = list(s.scalars(select(m.AuditEntry).order_by(m.AuditEntry.id)))
    actions = [e.action for e in entries]
    assert actions[:4] == [
        AuditAction.STAFF_ADDED.value,
        AuditAction.PIN_SET.value,
        AuditAction.STAFF_ADDED.value,
        AuditAction.SETTINGS_CHANGED.value,
    ]
    assert {e.member_name for e in entries[:4]} == {"Sabine Müller"}
    changed = entries[3].details["changed"]
    assert changed["salon_address"] == "Hauptstraße 12, 50667 Köln"
    assert changed["opening_hours"].startswith("0=09:00-18:00")


def test_a_second_assistant_finds_the_salon_set_up_and_changes_nothing(
    services: Services,
) -> None:
    services.first_setup.complete(setup())
    with pytest.raises(InvalidField) as refused:
        services.first_setup.complete(setup(owner="Someone Else", owner_pin="1357"))
    assert (refused.value.field, refused.value.problem) == ("salon", "already_set_up")
    assert [row.name for row in services.catalogue.list_staff()] == ["Jörg Weiß", "Sabine Müller"]


def wrong_phone() -> FirstSetup:
    # Checked inside the transaction, after the staff rows went in: they go back out.
    right = setup().salon
    salon = SalonSettingsInput(
        right.salon_name,
        right.sender_name,
        right.time_zone,
        right.gateway_url,
        right.opening_hours,
        salon_phone="call us",
        salon_address=right.salon_address,
    )
    return setup(salon=salon)


@pytest.mark.parametrize(
    ("wrong", "error"),
    [
        (wrong_phone, InvalidField),
        (lambda: setup(owner_pin="12"), InvalidField),
        (lambda: setup(owner="  "), InvalidField),
        (lambda: setup(team=(NewMember("sabine müller", StaffRole.STYLIST),)), AlreadyExists),
        (
            lambda: setup(services=(NewService("Färben", 90, 0), NewService("färben", 60, 0))),
            AlreadyExists,
        ),
        (lambda: setup(services=(NewService("Färben", 0, 7900),)), InvalidField),
        (lambda: setup(backup_folder="/srv/\u2028backups"), InvalidField),
    ],
)
def test_a_wrong_value_writes_nothing(
    services: Services, wrong: Callable[[], FirstSetup], error: type[Exception]
) -> None:
    with pytest.raises(error):
        services.first_setup.complete(wrong())
    nothing_written(services)
