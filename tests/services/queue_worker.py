"""A separate process that queues a campaign, for the kill and race tests of queuing.

    python -m tests.services.queue_worker URL NOW send|resume [CAMPAIGN_ID] [--kill-in-chunk N]

``send`` queues ``DRAFT``; ``resume`` resumes the campaign. Chunks are ``CHUNK`` recipients
small, so a dozen customers make several chunks. ``--kill-in-chunk N`` kills the process
with SIGKILL right after the N-th chunk's rows went into the outbox and before that
transaction commits (the worst moment). Prints the campaign id, then one line per
committed chunk (``done total``).
"""

from __future__ import annotations

import argparse
import os
import signal
import sys
from datetime import datetime
from typing import Any

from desk_app.config.paths import templates_dir
from desk_app.db.engine import Database, create_database_engine
from desk_app.domain.access import SHARED_COUNTER
from desk_app.domain.campaigns import CampaignType, ChannelChoice
from desk_app.services import campaign_queue
from desk_app.services.campaign_rows import CampaignDraft
from desk_app.services.container import build_services

CHUNK = 3
DRAFT = CampaignDraft(
    name="Winteraktion",
    type=CampaignType.PROMOTION,
    channel=ChannelChoice.EMAIL,
    subject="Winter bei {{ salon_name }}",
    body="Hallo {{ first_name }}, 20 % auf Pflege bis Freitag.",
)


def kill_in_chunk(chunk: int) -> None:
    """SIGKILL after the ``chunk``-th chunk's rows went to the database, before its
    commit (the rows go by executemany on SQLite, by COPY on PostgreSQL: the queue's own
    writer is wrapped, not a statement listened for)."""
    inserts = 0
    insert = campaign_queue._OutboxRows.insert

    def killing(self: Any, s: Any, rows: Any) -> None:
        nonlocal inserts
        insert(self, s, rows)
        inserts += 1
        if inserts == chunk:
            os.kill(os.getpid(), signal.SIGKILL)

    campaign_queue._OutboxRows.insert = killing  # type: ignore[method-assign]


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("url")
    parser.add_argument("now")
    parser.add_argument("action", choices=("send", "resume"))
    parser.add_argument("campaign_id", type=int, nargs="?")
    parser.add_argument("--kill-in-chunk", type=int)
    options = parser.parse_args()
    campaign_queue.CHUNK = CHUNK
    campaign_queue.WRITE_CHUNK = {}  # CHUNK on every backend
    now = datetime.fromisoformat(options.now)
    database = Database(create_database_engine(options.url))
    services = build_services(database, templates_dir(), clock=lambda: now)
    if options.kill_in_chunk:
        kill_in_chunk(options.kill_in_chunk)

    def progress(done: int, total: int) -> None:
        print(done, total, flush=True)

    if options.action == "send":
        row = services.campaigns.send(DRAFT, progress, actor=SHARED_COUNTER)
    else:
        row = services.campaigns.resume(options.campaign_id, progress)
    print(f"campaign {row.id}", flush=True)
    database.dispose()
    return 0


if __name__ == "__main__":
    sys.exit(main())
