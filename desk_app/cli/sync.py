"""``desk-app sync``: exchange events and messages with the gateway, once or for good."""

from __future__ import annotations

import argparse
import logging
import time
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication

from desk_app.cli.output import handled_by, json_flag, out
from desk_app.domain.enums import OutboxStatus
from desk_app.services.errors import GatewayError

if TYPE_CHECKING:
    from desk_app.services.container import Services
    from desk_app.services.sync import SyncService

log = logging.getLogger("desk_app.cli")


def add_parsers(sub: Any) -> None:
    sync = handled_by(
        sub.add_parser("sync", help="exchange events and messages with the gateway"), _sync
    )
    json_flag(sync)
    sync.add_argument("--once", action="store_true", help="one round, then exit")


def _sync(s: Services, o: argparse.Namespace) -> None:
    from desk_app.bootstrap import open_sync  # the gateway client: only for this command

    sync = open_sync(s)
    try:
        _sync_loop(sync, s, o)
    finally:
        sync.close()


def _sync_loop(sync: SyncService, s: Services, o: argparse.Namespace) -> None:
    while True:
        report = sync.run_once()
        data = {
            "events_applied": report.events_applied,
            "accepted": report.accepted,
            "rejected": report.rejected,
            "rejected_codes": report.rejected_codes,
            "consent_requests": report.consent_requests,
            "online_outcomes_reported": report.outcomes_reported,
            "published_start_times": report.published_starts,
            "queued": len(s.outbox.messages(OutboxStatus.QUEUED)),
        }
        if o.once and report.error is not None:
            raise report.error
        if o.once:
            text = QCoreApplication.translate(
                "Cli",
                "Synced: {events} events applied, {accepted} messages handed over, "
                "{rejected} refused, {queued} still queued.",
            ).format(
                events=report.events_applied,
                accepted=report.accepted,
                rejected=report.rejected,
                queued=data["queued"],
            )
            out(o, data, text)
            return
        if report.error is not None:
            log.warning("sync failed (%s); trying again in 30 s", report.error.kind)
            time.sleep(30)
            continue
        try:
            sync.wait_for_events(25)
        except GatewayError as exc:
            log.warning("waiting for events failed (%s)", exc.kind)
            time.sleep(10)
