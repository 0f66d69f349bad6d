"""``desk-app campaign preview|send`` as a real subprocess: the JSON shape of the issue,
the same answer as the service, and sending queues exactly the previewed recipients."""

from __future__ import annotations

import pytest

from desk_app.config.paths import templates_dir
from desk_app.db.engine import Database, create_database_engine
from desk_app.domain.access import SHARED_COUNTER
from desk_app.domain.campaigns import CampaignType, ChannelChoice
from desk_app.domain.enums import Channel, ConsentSource, StaffRole
from desk_app.services.campaign_rows import AudienceFilters
from desk_app.services.container import build_services
from desk_app.services.rows import CustomerInput
from tests.cli.test_cli import Desk
from tests.services.support import give_salon_address

CUSTOMERS = [
    CustomerInput(first_name="Anna", last_name="Ohne", email="anna@example.org"),
    CustomerInput(first_name="Ben", last_name="Adresslos"),
    CustomerInput(first_name="Cem", last_name="Wartend", email="cem@example.org"),
]


def _seed(url: str) -> list[int]:
    db = Database(create_database_engine(url))
    try:
        services = build_services(db, templates_dir())
        services.catalogue.add_staff("Tanja", StaffRole.RECEPTION, actor=SHARED_COUNTER)
        give_salon_address(db)  # the imprint of advertising emails
        ids = [services.customers.create(c).id for c in CUSTOMERS]
        services.consent.declare(ids[2], [Channel.EMAIL], ConsentSource.PHONE, "Tanja", True)
        return ids
    finally:
        db.dispose()


def _service_preview(url: str, type_: CampaignType, channel: ChannelChoice) -> dict[int, str]:
    db = Database(create_database_engine(url))
    try:
        result = build_services(db, templates_dir()).campaigns.preview(
            type_, channel, AudienceFilters()
        )
    finally:
        db.dispose()
    out = {r.customer_id: str(r.channel) for r in result.recipients}
    out.update({e.customer_id: str(e.reason) for e in result.excluded})
    return out


def test_preview_json_names_every_customer_with_channel_or_reason(desk: Desk) -> None:
    anna, ben, cem = _seed(desk.database)
    data = desk("campaign", "preview", "--type", "promotion", "--channel", "best", "--json").json()
    assert set(data) == {"recipients", "excluded", "counts"}
    assert data["recipients"] == []
    assert {(e["customer_id"], e["reason"]) for e in data["excluded"]} == {
        (anna, "no_consent"),
        (ben, "no_address"),
        (cem, "consent_pending"),
    }
    assert data["counts"]["excluded"] == 3
    assert data["counts"]["no_consent"] == 1
    got = {e["customer_id"]: e["reason"] for e in data["excluded"]}
    assert got == _service_preview(desk.database, CampaignType.PROMOTION, ChannelChoice.BEST)


def test_service_info_send_queues_the_previewed_recipients(desk: Desk) -> None:
    _seed(desk.database)
    # Nobody has a booking yet: service information reaches no one.
    empty = desk("campaign", "preview", "--type", "service_info", "--channel", "email", "--json")
    assert {e["reason"] for e in empty.json()["excluded"]} == {
        "not_existing_customer",
        "no_address",
    }
    sent = desk(
        "campaign",
        "send",
        "--type",
        "service_info",
        "--channel",
        "email",
        "--name",
        "Umzug",
        "--subject",
        "Wir ziehen um",
        "--text",
        "Hallo {{ first_name }}",
        "--json",
    ).json()
    assert sent["queued"] == 0
    assert sent["excluded"] == {"not_existing_customer": 2, "no_address": 1}


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--text", "Hallo {{ vorname }}"], "vorname"),
        (["--text", ""], "text is required"),
    ],
)
def test_bad_templates_are_refused_before_anything_is_queued(
    desk: Desk, args: list[str], message: str
) -> None:
    _seed(desk.database)
    run = desk(
        "campaign",
        "send",
        "--type",
        "promotion",
        "--channel",
        "email",
        "--name",
        "X",
        "--subject",
        "Betreff",
        *args,
        "--json",
    )
    error = run.error_json()
    assert error["error"] == "InvalidField"
    assert message in error["message"]
    outbox = desk("outbox", "list", "--json").json()
    assert [msg["category"] for msg in outbox] == ["consent_request"]  # only Cem's DOI


def test_text_output_gives_reasons_and_automations_in_words(desk: Desk) -> None:
    _seed(desk.database)
    preview = desk("campaign", "preview", "--type", "promotion", "--channel", "best", language="de")
    assert preview.code == 0, str(preview)
    assert "0 Empfänger" in preview.stdout
    assert "  keine Einwilligung in Werbung: 1" in preview.stdout
    automations = desk("run-automations", language="de")
    assert automations.code == 0, str(automations)
    assert "Terminerinnerung: 0 eingereiht" in automations.stdout
    assert "Geburtstagsgruß: ausgeschaltet" in automations.stdout
