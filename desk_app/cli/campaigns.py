"""``desk-app campaign preview|send``: the campaign composer on the command line.

It uses only the services and plain output, like the rest of the command line.
"""

from __future__ import annotations

import argparse
from datetime import date, datetime
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from PySide6.QtCore import QCoreApplication

from desk_app.cli.acting import command_actor, requires
from desk_app.cli.output import handled_by, json_flag, out, parse_date
from desk_app.domain.campaigns import CampaignType, ChannelChoice
from desk_app.domain.enums import Permission
from desk_app.domain.errors import InvalidField
from desk_app.services.campaign_rows import AudienceFilters, AudiencePreview, CampaignDraft
from desk_app.texts import error_text

if TYPE_CHECKING:
    from desk_app.services.container import Services


def add_parsers(sub: Any) -> None:
    campaign = sub.add_parser("campaign", help="email/SMS campaigns").add_subparsers(
        dest="action", metavar="ACTION", required=True
    )
    preview = handled_by(
        campaign.add_parser("preview", help="who a campaign reaches, and why not the rest"),
        _preview,
    )
    send = handled_by(campaign.add_parser("send", help="queue a campaign (now or at --at)"), _send)
    # Who a campaign reaches and why not the others: the marketing page's, as in the window.
    requires(preview, Permission.SEND_CAMPAIGNS)
    for p in (preview, send):
        p.add_argument("--type", required=True, choices=[t.value for t in CampaignType])
        p.add_argument("--channel", required=True, choices=[c.value for c in ChannelChoice])
        p.add_argument("--last-visit-before", metavar="DATE", help="YYYY-MM-DD")
        p.add_argument("--last-visit-after", metavar="DATE", help="YYYY-MM-DD")
        p.add_argument("--service-category", metavar="NAME")
        p.add_argument("--staff-id", type=int, metavar="ID")
        p.add_argument("--birthday-from", metavar="MM-DD")
        p.add_argument("--birthday-to", metavar="MM-DD")
        p.add_argument("--min-visits", type=int, metavar="N")
        p.add_argument("--max-visits", type=int, metavar="N")
        p.add_argument("--new-since", metavar="DATE", help="YYYY-MM-DD")
        json_flag(p)
    send.add_argument("--name", required=True)
    send.add_argument("--subject", default="", help="email subject (placeholders allowed)")
    send.add_argument("--text", default="", help="email text, e.g. 'Hallo {{ first_name }}'")
    send.add_argument("--sms-text", default="", help="SMS text")
    send.add_argument("--at", metavar="YYYY-MM-DDTHH:MM", help="salon-local time; default now")


def _preview(s: Services, o: argparse.Namespace) -> None:
    result = s.campaigns.preview(CampaignType(o.type), ChannelChoice(o.channel), _filters(o))
    out(o, preview_json(result), _preview_text(result))


def _send(s: Services, o: argparse.Namespace) -> None:
    zone = s.catalogue.salon_settings().zone
    draft = CampaignDraft(
        name=o.name,
        type=CampaignType(o.type),
        channel=ChannelChoice(o.channel),
        filters=_filters(o),
        subject=o.subject,
        body=o.text,
        sms_body=o.sms_text,
        send_at=_local_datetime(o.at, zone) if o.at else None,
    )
    row = s.campaigns.send(draft, actor=command_actor(s, o))
    data = {
        "campaign_id": row.id,
        "queued": row.queued,
        "excluded": dict(row.excluded),
        "send_at": row.send_at.isoformat(),
    }
    text = QCoreApplication.translate(
        "Cli", "Campaign {id} queued for {n} recipients ({excluded} excluded)."
    ).format(id=row.id, n=row.queued, excluded=sum(row.excluded.values()))
    out(o, data, text)


def preview_json(result: AudiencePreview) -> dict[str, Any]:
    return {
        "recipients": [
            {"customer_id": r.customer_id, "channel": str(r.channel), "deferred": r.deferred}
            for r in result.recipients
        ],
        "excluded": [
            {"customer_id": e.customer_id, "reason": str(e.reason)} for e in result.excluded
        ],
        "counts": dict(result.counts),
    }


def _preview_text(result: AudiencePreview) -> str:
    counts = result.counts
    lines = [
        QCoreApplication.translate(
            "Cli", "{n} recipients ({email} by email, {sms} by SMS), {excluded} excluded."
        ).format(
            n=counts["recipients"],
            email=counts["email"],
            sms=counts["sms"],
            excluded=counts["excluded"],
        )
    ]
    reasons = {k: v for k, v in counts.items() if k not in _TOTALS}
    by_count = sorted(reasons.items(), key=lambda kv: -kv[1])
    lines += [f"  {error_text.reason_text(reason)}: {n}" for reason, n in by_count]
    return "\n".join(lines)


_TOTALS = frozenset({"recipients", "excluded", "email", "sms", "deferred"})


def _filters(o: argparse.Namespace) -> AudienceFilters:
    return AudienceFilters(
        last_visit_before=_day(o.last_visit_before),
        last_visit_after=_day(o.last_visit_after),
        service_category=o.service_category,
        staff_id=o.staff_id,
        birthday_from=_month_day(o.birthday_from),
        birthday_to=_month_day(o.birthday_to),
        min_visits=o.min_visits,
        max_visits=o.max_visits,
        new_since=_day(o.new_since),
    )


def _day(text: str | None) -> date | None:
    return parse_date(text, "date")


def _month_day(text: str | None) -> date | None:
    """A day in a leap year, so 29 February can be given; only month and day count."""
    if text is None:
        return None
    try:
        month, day = (int(part) for part in text.split("-")[-2:])
        return date(2000, month, day)
    except ValueError as exc:
        raise InvalidField("date", "invalid_date", text) from exc


def _local_datetime(text: str, zone: ZoneInfo) -> datetime:
    try:
        moment = datetime.fromisoformat(text)
    except ValueError as exc:
        raise InvalidField("date", "invalid_datetime", text) from exc
    return moment.replace(tzinfo=zone) if moment.tzinfo is None else moment
