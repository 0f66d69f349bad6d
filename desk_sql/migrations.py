"""Running an application's Alembic migrations on a live engine.

Both applications drive Alembic the same way: no ``alembic.ini``, the script folder
given in code, and the connection handed to ``env.py`` through the config's
attributes. ``env.py`` itself is one call: ``run_migrations_in_env(Base.metadata)``.

Alembic is imported only when a migration runs: every start asks "is the schema
current?", and reading the head from the scripts' ``revision``/``down_revision`` lines
and the version table with one query answers that without Alembic's ~150 ms import.
"""

from __future__ import annotations

import ast
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Connection, Engine, MetaData, inspect, select, table
from sqlalchemy import column as sql_column

if TYPE_CHECKING:
    from alembic.config import Config

DEFAULT_VERSION_TABLE = "alembic_version"


class UnclearHead(Exception):
    """The scripts' revisions do not form one line with one head (Alembic knows why)."""


def read_head(versions: Path) -> str | None:
    """The one revision no other script revises, read from the scripts' assignments.

    Raises UnclearHead for anything Alembic would resolve differently (branches, merges,
    revisions not given as plain strings), so the caller can ask Alembic instead."""
    revises: dict[str, object] = {}
    for script in sorted(versions.glob("*.py")):
        assigned = _string_assignments(script)
        if "revision" not in assigned:
            continue  # __init__.py and helpers
        revision, down = assigned["revision"], assigned.get("down_revision")
        if not isinstance(revision, str) or revision in revises:
            raise UnclearHead(script.name)
        if down is not None and not isinstance(down, str):
            raise UnclearHead(script.name)  # a merge point: tuples of parents
        revises[revision] = down
    heads = set(revises) - {down for down in revises.values() if down is not None}
    if not revises:
        return None
    if len(heads) != 1:
        raise UnclearHead(", ".join(sorted(heads)))
    return heads.pop()


def read_revisions(versions: Path) -> set[str]:
    """Every revision the scripts define (read like ``read_head``; nothing is executed)."""
    found = set()
    for script in versions.glob("*.py"):
        revision = _string_assignments(script).get("revision")
        if isinstance(revision, str):
            found.add(revision)
    return found


def _string_assignments(script: Path) -> dict[str, object]:
    """Module-level ``name = <constant>`` lines (only constants: nothing is executed)."""
    found: dict[str, object] = {}
    for node in ast.parse(script.read_text(encoding="utf-8")).body:
        if isinstance(node, ast.Assign) and len(node.targets) == 1:
            target, value = node.targets[0], node.value
        elif isinstance(node, ast.AnnAssign) and node.value is not None:
            target, value = node.target, node.value
        else:
            continue
        if isinstance(target, ast.Name) and target.id in ("revision", "down_revision"):
            found[target.id] = value.value if isinstance(value, ast.Constant) else value
    return found


class MigrationRunner:
    """Upgrades and downgrades one application's schema.

    ``version_table``: where Alembic records the revision; an application that may share
    a PostgreSQL database with another needs a name of its own.
    """

    def __init__(self, script_location: Path, version_table: str = DEFAULT_VERSION_TABLE):
        self.script_location = script_location
        self.version_table = version_table

    def _config(self, connection: Connection | None = None, **attributes: object) -> Config:
        from alembic.config import Config

        cfg = Config()
        cfg.set_main_option("script_location", str(self.script_location))
        cfg.attributes["connection"] = connection
        cfg.attributes["version_table"] = self.version_table
        cfg.attributes.update(attributes)
        return cfg

    def head_revision(self) -> str | None:
        try:
            return read_head(self.script_location / "versions")
        except UnclearHead:
            from alembic.script import ScriptDirectory

            return ScriptDirectory.from_config(self._config()).get_current_head()

    def known_revisions(self) -> set[str]:
        return read_revisions(self.script_location / "versions")

    def current_revision(self, engine: Engine) -> str | None:
        from alembic.runtime.migration import MigrationContext

        with engine.connect() as conn:
            options = {"version_table": self.version_table}
            return MigrationContext.configure(conn, opts=options).get_current_revision()

    def stored_revisions(self, engine: Engine) -> set[str]:
        """What the version table holds (empty: no schema yet), read with one query."""
        with engine.connect() as conn:
            if not inspect(conn).has_table(self.version_table):
                return set()
            versions = table(self.version_table, sql_column("version_num"))
            return set(conn.execute(select(versions.c.version_num)).scalars())

    def needs_upgrade(self, engine: Engine) -> bool:
        head = self.head_revision()
        return self.stored_revisions(engine) != ({head} if head is not None else set())

    def upgrade(self, engine: Engine, revision: str = "head", **attributes: object) -> None:
        """``attributes`` reach the migration scripts as ``op.get_context().config.attributes``."""
        from alembic import command

        with engine.begin() as conn:
            command.upgrade(self._config(conn, **attributes), revision)

    def downgrade(self, engine: Engine, revision: str) -> None:
        from alembic import command

        with engine.begin() as conn:
            command.downgrade(self._config(conn), revision)


def run_migrations_in_env(target_metadata: MetaData) -> None:
    """The body of an application's ``env.py``, run by ``MigrationRunner``."""
    from alembic import context

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
