"""The gateway's schema migrations (own version table ``gateway_alembic_version``), on
SQLite and PostgreSQL: head matches the models, and stepping down and up keeps data."""

from __future__ import annotations

from alembic.script import ScriptDirectory
from sqlalchemy import inspect, select, text

from desk_gateway.db import migrate
from desk_gateway.db.models import Base, Installation, Message
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
