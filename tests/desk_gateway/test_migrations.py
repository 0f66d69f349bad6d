"""The gateway's schema migrations (own version table ``gateway_alembic_version``), on
SQLite and PostgreSQL: head matches the models, and stepping down and up keeps data."""

from __future__ import annotations

from datetime import UTC, datetime

from alembic.script import ScriptDirectory
from sqlalchemy import inspect, select, text

from desk_gateway.db import migrate
from desk_gateway.db.models import Base, ConsentRequest, Installation, Message
from desk_gateway.tokens import address_hash, new_secret_key
from desk_sql.database import Database, create_database_engine


def _head() -> str:
    head = ScriptDirectory(str(migrate.MIGRATIONS_DIR)).get_current_head()
    assert head is not None
    return head


def _version(database_url: str) -> str | None:
    engine = create_database_engine(database_url)
    with engine.connect() as conn:
        version = conn.execute(text("SELECT version_num FROM gateway_alembic_version")).scalar()
    engine.dispose()
    return version


def test_head_matches_the_models(gateway_db_url: str) -> None:
    """Every table and column of the models exists after migrating (no forgotten migration)."""
    engine = create_database_engine(gateway_db_url)
    inspector = inspect(engine)
    for table in Base.metadata.sorted_tables:
        columns = {c["name"] for c in inspector.get_columns(table.name)}
        assert columns == {c.name for c in table.columns}, table.name
    assert "alembic_version" not in inspector.get_table_names()  # the desktop's name
    engine.dispose()
    assert _version(gateway_db_url) == _head()


def test_downgrade_to_the_first_schema_and_up_again_keeps_messages(gateway_db_url: str) -> None:
    engine = create_database_engine(gateway_db_url)
    migrate.downgrade(engine, "g0001")
    assert "sender_name" not in {c["name"] for c in inspect(engine).get_columns("messages")}
    with engine.begin() as conn:  # a message stored by the old schema
        conn.execute(
            text(
                "INSERT INTO installations (id, name, token_hash, created_at, last_seq)"
                " VALUES (1, 'Salon', 'h', CURRENT_TIMESTAMP, 0)"
            )
        )
        conn.execute(
            text(
                "INSERT INTO messages (installation_id, client_id, kind, channel, category,"
                " customer_ref, to_address, subject, text, language, status, first_result,"
                " attempts, created_at) VALUES (1, 'c-1', 'message', 'email', 'transactional',"
                " 'r-1', 'a@example.de', 'Hallo', 'Text', 'de', 'sent', 'accepted', 1,"
                " CURRENT_TIMESTAMP)"
            )
        )

    migrate.upgrade(engine)
    engine.dispose()

    assert _version(gateway_db_url) == _head()
    database = Database(create_database_engine(gateway_db_url))
    with database.read() as s:
        message = s.scalar(select(Message).where(Message.client_id == "c-1"))
        assert message is not None
        assert (message.text, message.sender_name) == ("Text", None)
        assert s.get(Installation, 1) is not None
    database.dispose()


def test_g0003_stores_sms_numbers_as_intake_does_and_rekeys_their_suppressions(
    gateway_db_url: str,
) -> None:
    """Numbers stored as typed before g0003 get intake's E.164 form (the "(0)" trunk prefix
    goes, not "+490151…"); a number intake refuses stays as it was; a suppression of a
    number as typed is copied to its E.164 form, from the messages and consent requests
    that still hold the number."""
    key = new_secret_key()
    engine = create_database_engine(gateway_db_url)
    migrate.downgrade(engine, "g0002")
    messages, requests = Message.__table__, ConsentRequest.__table__
    now = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
    stored = {
        "m-trunk": "+49 (0)151 1234 5678",
        "m-spaces": "+49 176 1234 5678",
        "m-refused": "+49 12",
        "m-e164": "+4915799999999",
    }
    with engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO installations (id, name, token_hash, created_at, last_seq)"
                " VALUES (1, 'Salon', 'h', CURRENT_TIMESTAMP, 0)"
            )
        )
        for client_id, to in stored.items():
            conn.execute(
                messages.insert().values(
                    installation_id=1,
                    client_id=client_id,
                    channel="sms",
                    category="transactional",
                    customer_ref="r-1",
                    to_address=to,
                    text="Hallo",
                    status="sent",
                    first_result="accepted",
                )
            )
        conn.execute(
            messages.insert().values(
                installation_id=1,
                client_id="m-email",
                channel="email",
                category="transactional",
                customer_ref="r-1",
                to_address="+49 (0)151 1@example.de",
                text="Hallo",
                status="sent",
                first_result="accepted",
            )
        )
        conn.execute(
            requests.insert().values(
                installation_id=1,
                request_id="q-1",
                customer_ref="r-2",
                channel="sms",
                address="+49 (0)160 1234 5678",
                statement_version="1",
                statement_text="Ja",
                source={},
                declared_at=now,
                expires_at=now,
                message_client_id="q-1",
            )
        )
        for typed, reason in (
            ("+49 (0)151 1234 5678", "bounced"),
            ("+49 (0)160 1234 5678", "erased"),
        ):
            conn.execute(
                text(
                    "INSERT INTO suppressions (installation_id, address_hash, reason, at)"
                    " VALUES (1, :h, :r, :at)"
                ),
                {"h": address_hash(key, typed), "r": reason, "at": now},
            )

    migrate.upgrade(engine, secret_key=key)

    with engine.connect() as conn:
        to = dict(conn.execute(select(messages.c.client_id, messages.c.to_address)).all())
        address = conn.execute(select(requests.c.address)).scalar()
        suppressed = dict(conn.execute(text("SELECT address_hash, reason FROM suppressions")).all())
    engine.dispose()
    assert to == {
        "m-trunk": "+4915112345678",
        "m-spaces": "+4917612345678",
        "m-refused": "+49 12",
        "m-e164": "+4915799999999",
        "m-email": "+49 (0)151 1@example.de",
    }
    assert address == "+4916012345678"
    assert suppressed[address_hash(key, "+4915112345678")] == "bounced"
    assert suppressed[address_hash(key, "+4916012345678")] == "erased"
