"""Counter PCs (or a counter PC and the sync) at the same moment: each side a thread with
an engine of its own; all sides meet at a barrier before each round."""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import datetime

from desk_app.config.paths import templates_dir
from desk_app.db.engine import Database, create_database_engine
from desk_app.services.container import Services, build_services

Side = Callable[[Services, int], None]  # one round (0, 1, …), right after the barrier


def opener(url: str, clock: Callable[[], datetime]) -> Callable[[], Services]:
    """Services on an engine of their own for each side, as a counter PC has."""
    return lambda: build_services(Database(create_database_engine(url)), templates_dir(), clock)


def side_by_side(open_services: Callable[[], Services], rounds: int, *sides: Side) -> None:
    """Run the rounds of every side at once. What a side raises is raised here (its
    barrier broken first, so the other sides never hang)."""
    barrier = threading.Barrier(len(sides), timeout=60)
    errors: list[BaseException] = []

    def run(side: Side) -> None:
        services = open_services()
        try:
            for n in range(rounds):
                barrier.wait()
                side(services, n)
        except BaseException as exc:  # noqa: BLE001 (raised below, never lost in the thread)
            errors.append(exc)
            barrier.abort()
        finally:
            services.db.dispose()

    threads = [threading.Thread(target=run, args=(side,)) for side in sides]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=300)
    if errors:
        raise errors[0]
