"""Running an application's Alembic migrations on a live engine.

Both applications drive Alembic the same way: no ``alembic.ini``, the script folder
given in code, and the connection handed to ``env.py`` through the config's
attributes. ``env.py`` itself is one call: ``run_migrations_in_env(Base.metadata)``.
"""

from __future__ import annotations

from pathlib import Path

from alembic import command, context
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine, MetaData

DEFAULT_VERSION_TABLE = "alembic_version"


class MigrationRunner:
    """Upgrades and downgrades one application's schema.

    ``version_table``: where Alembic records the revision; an application that may share
    a PostgreSQL database with another needs a name of its own.
    """

    def __init__(self, script_location: Path, version_table: str = DEFAULT_VERSION_TABLE):
        self.script_location = script_location
        self.version_table = version_table

    def _config(self, connection: Connection | None = None, **attributes: object) -> Config:
        cfg = Config()
        cfg.set_main_option("script_location", str(self.script_location))
        cfg.attributes["connection"] = connection
        cfg.attributes["version_table"] = self.version_table
        cfg.attributes.update(attributes)
        return cfg

    def head_revision(self) -> str | None:
        return ScriptDirectory.from_config(self._config()).get_current_head()

    def current_revision(self, engine: Engine) -> str | None:
        with engine.connect() as conn:
            options = {"version_table": self.version_table}
            return MigrationContext.configure(conn, opts=options).get_current_revision()

    def needs_upgrade(self, engine: Engine) -> bool:
        return self.current_revision(engine) != self.head_revision()

    def upgrade(self, engine: Engine, revision: str = "head", **attributes: object) -> None:
        """``attributes`` reach the migration scripts as ``op.get_context().config.attributes``."""
        with engine.begin() as conn:
            command.upgrade(self._config(conn, **attributes), revision)

    def downgrade(self, engine: Engine, revision: str) -> None:
        with engine.begin() as conn:
            command.downgrade(self._config(conn), revision)


def run_migrations_in_env(target_metadata: MetaData) -> None:
    """The body of an application's ``env.py``, run by ``MigrationRunner``."""
    attributes = context.config.attributes
    connection = attributes["connection"]
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        # SQLite cannot ALTER most things: Alembic copies the table instead.
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
        version_table=attributes["version_table"],
    )
    with context.begin_transaction():
        context.run_migrations()
