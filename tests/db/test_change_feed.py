"""Other counter PCs' changes are noticed: NOTIFY on PostgreSQL, data_version on SQLite."""

from __future__ import annotations

import time

from desk_app.config.paths import templates_dir
from desk_app.db import migrate
from desk_app.db.changes import ANY, open_change_feed
from desk_app.db.engine import Database, create_database_engine
from desk_app.services.changes import ChangeWatch
from desk_app.services.container import build_services
from desk_app.services.rows import CustomerInput


def _poll_until(watch: ChangeWatch, timeout: float = 5) -> set[str]:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        found = watch.poll()
        if found:
            return found
        time.sleep(0.05)
    return set()


def test_a_write_from_another_connection_is_noticed(database_url: str, backend: str) -> None:
    watcher_engine = create_database_engine(database_url)
    migrate.upgrade(watcher_engine)
    watch = ChangeWatch(open_change_feed(watcher_engine))
    other_pc = Database(create_database_engine(database_url))
    try:
        assert watch.poll() == set()
        services = build_services(other_pc, templates_dir())
        services.customers.create(CustomerInput(first_name="Anna", last_name="Müller"))
        changed = _poll_until(watch)
        assert changed == ({ANY} if backend == "sqlite" else {"customers"})
        assert watch.poll() == set()  # reported once
    finally:
        watch.close()
        other_pc.dispose()
        watcher_engine.dispose()
