"""``desk-app run-automations``: the scheduled task queues what is due, and only once.

The command runs as a real subprocess with the real clock, so the set-up is relative to
now: an appointment in three hours, a birthday today (in the salon's time zone).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select

from desk_app.config.paths import templates_dir
from desk_app.db import models as m
from desk_app.db.engine import Database, create_database_engine
from desk_app.domain.access import SHARED_COUNTER
from desk_app.domain.campaigns import CampaignType, ChannelChoice
from desk_app.domain.enums import StaffRole
from desk_app.services import campaign_queue
from desk_app.services.booking import BookingRequest
from desk_app.services.campaign_rows import CampaignDraft
from desk_app.services.container import Services, build_services
from desk_app.services.rows import CustomerInput
from tests.services.support import give_salon_address

SALON_ZONE = ZoneInfo("Europe/Berlin")  # the default time zone setting
OFF = {"enabled": False, "queued": 0, "skipped_already_sent": 0, "refused": {}, "skipped": {}}
# The retention period's daily run, off by default (tests/services/test_retention.py).
RETENTION_OFF = {
    "enabled": False,
    "ran": False,
    "years": None,
    "cutoff": None,
    "count": 0,
    "customer_ids": [],
    "more": False,
    "gateway_pending": 0,
}


def _desk(database: str, tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("DESK_APP_")}
    home = tmp_path / "home"
    env.update(
        QT_QPA_PLATFORM="offscreen",
        DESK_APP_LANGUAGE="en",
        PYTHONIOENCODING="utf-8",
        XDG_DATA_HOME=str(home / "data"),
        XDG_CONFIG_HOME=str(home / "config"),
        XDG_CACHE_HOME=str(home / "cache"),
        XDG_STATE_HOME=str(home / "state"),
    )
    return subprocess.run(
        [sys.executable, "-m", "desk_app", "--database", database, *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        cwd=tmp_path,
        timeout=120,
        check=False,
    )


def _json(run: subprocess.CompletedProcess[str]) -> Any:
    assert run.returncode == 0, run.stderr
    return json.loads(run.stdout)


@pytest.fixture
def live(database_url: str) -> Iterator[Services]:
    """In-process set-up and inspection, on the real clock like the command."""
    db = Database(create_database_engine(database_url))
    give_salon_address(db)  # the imprint of advertising emails (birthday greetings)
    yield build_services(db, templates_dir())
    db.dispose()


def test_run_automations_twice_queues_nothing_the_second_time(
    live: Services, database_url: str, tmp_path: Path
) -> None:
    stylist = live.catalogue.add_staff("Jörg Weiß", StaffRole.STYLIST, actor=SHARED_COUNTER)
    cut = live.catalogue.add_treatment("Damenhaarschnitt", 45, 4900)
    anna = live.customers.create(
        CustomerInput("Anna", "Müller", email="anna@example.org", phone="0151 12345678")
    )
    soon = (datetime.now(UTC) + timedelta(hours=3)).replace(second=0, microsecond=0)
    appointment = live.booking.book(
        BookingRequest(anna.id, stylist.id, cut.id, soon, override=True)
    )
    today = datetime.now(SALON_ZONE).date()
    born = today.replace(year=1992)  # a leap year: valid on 29 February too
    live.customers.create(
        CustomerInput("Bernd", "Schulz", email="bernd@example.org", birthday=born)
    )  # never asked for consent
    live.catalogue.set_setting("auto_birthday", "on", actor=SHARED_COUNTER)

    first = _json(_desk(database_url, tmp_path, "run-automations", "--json"))
    second = _json(_desk(database_url, tmp_path, "run-automations", "--json"))
    text = _desk(database_url, tmp_path, "run-automations")

    assert first == {
        "reminder": {
            "enabled": True,
            "queued": 1,
            "skipped_already_sent": 0,
            "refused": {},
            "skipped": {},
        },
        "birthday": {
            "enabled": True,
            "queued": 0,
            "skipped_already_sent": 0,
            "refused": {"no_consent": 1},
            "skipped": {},
        },
        "review_request": OFF,
        "win_back": OFF,
        "retention": RETENTION_OFF,
    }
    assert second["reminder"]["queued"] == 0
    assert second["reminder"]["skipped_already_sent"] == 1
    assert second["birthday"]["refused"] == {"no_consent": 1}
    assert text.returncode == 0, text.stderr
    assert text.stdout.splitlines() == [
        "Appointment reminder: 0 queued, 1 already queued before",
        "Birthday greeting: 0 queued, 0 already queued before; no consent to advertising: 1",
        "Review request: off",
        "Win-back message: off",
        "Retention period: off",
    ]
    reminders = [r for r in live.outbox.messages() if r.kind == "reminder"]
    assert [(r.customer_id, r.channel.value, r.not_after) for r in reminders] == [
        (anna.id, "email", appointment.starts_at)
    ]


def test_run_automations_with_every_automation_switched_off_queues_nothing(
    live: Services, database_url: str, tmp_path: Path
) -> None:
    live.catalogue.set_setting("auto_reminder", "off", actor=SHARED_COUNTER)
    run = _desk(database_url, tmp_path, "run-automations", "--json")
    assert _json(run) == {
        "reminder": OFF,
        "birthday": OFF,
        "review_request": OFF,
        "win_back": OFF,
        "retention": RETENTION_OFF,
    }
    assert live.outbox.messages() == []


def test_run_automations_finishes_a_campaign_whose_queuing_was_cut_off(
    live: Services, database_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The queuing process died after the first chunk (here: its progress report
    failed) ten minutes ago; the scheduled task queues the rest, nobody twice."""
    stylist = live.catalogue.add_staff("Jörg Weiß", StaffRole.STYLIST, actor=SHARED_COUNTER)
    cut = live.catalogue.add_treatment("Damenhaarschnitt", 45, 4900)
    soon = (datetime.now(UTC) + timedelta(days=3)).replace(second=0, microsecond=0)
    customers = []
    for n, name in enumerate(("Anna", "Bernd", "Cem")):
        customer = live.customers.create(CustomerInput(name, "Kunde", email=f"{name}@example.org"))
        live.booking.book(
            BookingRequest(
                customer.id, stylist.id, cut.id, soon + timedelta(hours=n), override=True
            )
        )
        customers.append(customer.id)
    monkeypatch.setattr(campaign_queue, "CHUNK", 1)
    monkeypatch.setattr(campaign_queue, "WRITE_CHUNK", {})  # one recipient a chunk on PG too

    def cut_off(done: int, total: int) -> None:
        raise RuntimeError("power cut")

    draft = CampaignDraft(
        name="Umzug",
        type=CampaignType.SERVICE_INFO,
        channel=ChannelChoice.EMAIL,
        subject="Wir ziehen um",
        body="Hallo {{ first_name }}, ab Januar finden Sie uns in der Hauptstraße 5.",
    )
    with pytest.raises(RuntimeError):
        live.campaigns.send(draft, cut_off, actor=SHARED_COUNTER)
    with live.db.write() as s:
        [campaign] = s.scalars(select(m.Campaign))
        campaign.queue_touched_at = datetime.now(UTC) - timedelta(minutes=10)
    assert _campaign_recipients(live) == customers[:1]

    assert _desk(database_url, tmp_path, "run-automations").returncode == 0

    assert _campaign_recipients(live) == customers
    assert [c.queued for c in live.campaigns.campaigns()] == [3]


def _campaign_recipients(live: Services) -> list[int]:
    messages = live.outbox.messages()
    return sorted(r.customer_id for r in messages if r.kind == "campaign_service_info")
