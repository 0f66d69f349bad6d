"""``desk-app privacy retention``: who the retention period would anonymise now
(``--preview``, the default; ``--years N`` tries another period before it is set), and
the run by hand (``--run --confirm``). The daily run is part of ``run-automations``.

The run applies the salon's setting (``retention_anonymise``, ``retention_years``): it
refuses while the setting is off. Afterwards the gateway is told about the erasures
when one is set up and can be reached; otherwise the next sync tells it.
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication

from desk_app.cli.acting import command_actor
from desk_app.cli.output import handled_by, json_flag, out
from desk_app.domain.errors import InvalidField

if TYPE_CHECKING:
    from desk_app.services.container import Services
    from desk_app.services.retention import RetentionResult


def add_parsers(sub: Any) -> None:
    privacy = sub.add_parser("privacy", help="data protection: the retention period")
    actions = privacy.add_subparsers(dest="action", metavar="ACTION", required=True)
    retention = handled_by(
        actions.add_parser(
            "retention",
            help="customers with no appointment for the set number of years: "
            "list them (default) or anonymise them (--run)",
        ),
        _retention,
    )
    what = retention.add_mutually_exclusive_group()
    what.add_argument(
        "--preview", action="store_true", help="list who would be anonymised now (default)"
    )
    what.add_argument("--run", action="store_true", help="anonymise them now")
    retention.add_argument(
        "--years", type=int, help="with --preview: try another number of years than the setting"
    )
    retention.add_argument("--staff", help="with --run: who carries it out")
    retention.add_argument("--confirm", action="store_true", help="with --run: yes, for good")
    json_flag(retention)


def _retention(s: Services, o: argparse.Namespace) -> None:
    if o.run:
        _run(s, o)
    else:
        _preview(s, o)


def _preview(s: Services, o: argparse.Namespace) -> None:
    actor = command_actor(s, o)
    preview = s.retention.preview(actor, o.years)
    rule = preview.rule
    if o.json:
        data = {
            "enabled": preview.enabled,
            "years": rule.years,
            "cutoff": rule.cutoff.isoformat(),
            "count": preview.count,
            "customer_ids": s.retention.candidate_ids(actor, o.years),
        }
        out(o, data, "")
        return
    state = (
        QCoreApplication.translate("Cli", "on")
        if preview.enabled
        else QCoreApplication.translate("Cli", "off")
    )
    print(
        QCoreApplication.translate(
            "Cli",
            "Retention period ({state}), customers without an appointment for {years} years "
            "(none since {cutoff}): {count}",
        ).format(state=state, years=rule.years, cutoff=rule.cutoff.date(), count=preview.count)
    )
    after = None
    while True:  # page by page: the list may hold many thousands
        page = s.retention.page(actor, o.years, after)
        for row in page.rows:
            last = (
                row.last_appointment.date().isoformat()
                if row.last_appointment
                else QCoreApplication.translate("Cli", "never")
            )
            print(
                QCoreApplication.translate("Cli", "{id}\t{name}\tlast appointment: {last}").format(
                    id=row.customer_id, name=f"{row.last_name}, {row.first_name}", last=last
                )
            )
        if page.next_after is None:
            return
        after = page.next_after


def _run(s: Services, o: argparse.Namespace) -> None:
    if not o.confirm:
        raise InvalidField("confirm", "erase_not_confirmed")
    if o.years is not None:
        raise InvalidField("years", "only_with_preview", str(o.years))
    result = s.retention.run(command_actor(s, o), o.staff)
    pending = _tell_gateway(s, result)
    data = {**result.as_dict(), "gateway_pending": pending}
    lines = [
        QCoreApplication.translate(
            "Cli",
            "Customers anonymised (no appointment for {years} years): {count}",
        ).format(years=result.rule.years if result.rule else "", count=len(result.customer_ids))
    ]
    if result.more:
        lines.append(QCoreApplication.translate("Cli", "More are due: run this command again."))
    if pending:
        lines.append(
            QCoreApplication.translate(
                "Cli",
                "Erasures the gateway could not be told about yet (the next sync tells "
                "it): {count}",
            ).format(count=pending)
        )
    out(o, data, "\n".join(lines))


def _tell_gateway(s: Services, result: RetentionResult) -> int:
    """Tell the gateway now when it can be; how many erasures it still has to be told."""
    if not result.gateway_pending:
        return 0
    from desk_app.bootstrap import gateway_opener

    gateway = gateway_opener(s)()
    if gateway is None:
        return result.gateway_pending
    try:
        still = s.privacy.retry_gateway_erasures(gateway)
    finally:
        gateway.close()
    erased = set(result.customer_ids)
    return sum(1 for row in still if row.customer_id in erased)
