"""``desk-app privacy retention`` as a real subprocess: the preview lists whom the run
then anonymises (the services' test walks the rules on both backends)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import update

from desk_app.config.paths import templates_dir
from desk_app.db import migrate
from desk_app.db import models as m
from desk_app.db.engine import Database, create_database_engine
from desk_app.domain.access import SHARED_COUNTER
from desk_app.domain.enums import StaffRole
from desk_app.services.container import build_services
from desk_app.services.rows import CustomerInput
from tests.cli.test_cli import Desk


def _seed(url: str) -> tuple[int, int]:
    """Lotte, entered twelve years ago and never booked; Emil, entered last month."""
    engine = create_database_engine(url)
    migrate.upgrade(engine)
    db = Database(engine)
    try:
        services = build_services(db, templates_dir())
        services.catalogue.add_staff("Tanja", StaffRole.RECEPTION, actor=SHARED_COUNTER)
        lotte = services.customers.create(CustomerInput("Lotte", "Alt", email="lotte@example.org"))
        emil = services.customers.create(CustomerInput("Emil", "Neu", email="emil@example.org"))
        with db.write() as s:
            s.execute(
                update(m.Customer)
                .where(m.Customer.id == lotte.id)
                .values(created_at=datetime.now(UTC) - timedelta(days=12 * 366))
            )
        services.catalogue.set_settings({"retention_years": "10"}, actor=SHARED_COUNTER)
        return lotte.id, emil.id
    finally:
        db.dispose()


def test_preview_then_run_by_hand(fresh: Desk) -> None:
    lotte, emil = _seed(fresh.database)
    text = fresh("privacy", "retention")
    assert text.code == 0, str(text)
    lines = text.stdout.splitlines()
    assert lines[0].startswith("Retention period (off), customers without an appointment for 10")
    assert lines[0].endswith(": 1")
    assert lines[1:] == [f"{lotte}\tAlt, Lotte\tlast appointment: never"]
    previewed = [int(line.split("\t")[0]) for line in lines[1:]]
    refused = fresh("privacy", "retention", "--run", "--confirm", "--staff", "Tanja")
    assert refused.code == 1, str(refused)
    assert "switched off" in refused.stderr

    db = Database(create_database_engine(fresh.database))
    try:
        services = build_services(db, templates_dir())
        services.catalogue.set_setting("retention_anonymise", "on", actor=SHARED_COUNTER)
        done = fresh("privacy", "retention", "--run", "--confirm", "--staff", "Tanja", "--json")
        assert done.json()["customer_ids"] == previewed
        assert services.customers.get(emil).first_name == "Emil"
        assert services.customers.get(lotte).email is None
    finally:
        db.dispose()
