"""``desk-app run-automations``: queue the automatic messages that are due (for a
scheduled task on a PC where the window is not always open)."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication

from desk_app.cli.output import handled_by, json_flag, out
from desk_app.texts import error_text

if TYPE_CHECKING:
    from desk_app.services.container import Services
    from desk_app.services.retention import RetentionResult


def add_parsers(sub: Any) -> None:
    run = sub.add_parser(
        "run-automations", help="queue the automatic messages that are due (scheduled task)"
    )
    json_flag(handled_by(run, _run_automations))


def _run_automations(s: Services, o: argparse.Namespace) -> None:
    # A campaign whose queuing was cut off (the PC switched off) is finished first.
    s.campaigns.resume_unfinished()
    report = s.automations.run()
    lines = []
    for result in report.results:
        name = error_text.automation_label(result.automation.value)
        if not result.enabled:
            lines.append(QCoreApplication.translate("Cli", "{name}: off").format(name=name))
            continue
        line = QCoreApplication.translate(
            "Cli", "{name}: {queued} queued, {already} already queued before"
        ).format(name=name, queued=result.queued, already=result.skipped_already_sent)
        for reason, n in result.refused.items():
            line += f"; {error_text.reason_text(reason)}: {n}"
        for code, n in result.skipped.items():
            line += f"; {error_text.passed_over_text(code)}: {n}"
        lines.append(line)
    # The retention period's daily run (when switched on) belongs to the automations.
    retention = s.retention.run_due()
    lines.append(retention_line(retention))
    out(o, {**report.as_dict(), "retention": retention.as_dict()}, "\n".join(lines))


def retention_line(result: RetentionResult) -> str:
    if not result.enabled:
        return QCoreApplication.translate("Cli", "Retention period: off")
    if not result.ran:
        return QCoreApplication.translate("Cli", "Retention period: done today already")
    return QCoreApplication.translate("Cli", "Retention period: {count} anonymised").format(
        count=len(result.customer_ids)
    )
