"""``desk-app outbox list|queue``: the messages waiting for the gateway."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication

from desk_app.cli.acting import requires
from desk_app.cli.output import handled_by, json_flag, out
from desk_app.domain.enums import Category, Channel, OutboxStatus, Permission
from desk_app.domain.errors import MessageRefused
from desk_app.services.json_views import outbox_json
from desk_app.texts.outbox_words import outbox_reason_text

if TYPE_CHECKING:
    from desk_app.services.container import Services


def add_parsers(sub: Any) -> None:
    outbox = sub.add_parser("outbox", help="messages waiting for the gateway").add_subparsers(
        dest="action", required=True, metavar="ACTION"
    )
    listing = handled_by(outbox.add_parser("list", help="list messages"), _list)
    listing.add_argument("--status", choices=[s.value for s in OutboxStatus])
    json_flag(listing)
    queue = handled_by(
        outbox.add_parser("queue", help="queue one message to one customer (rules apply)"),
        _queue,
    )
    queue.add_argument("--customer", type=int, required=True)
    queue.add_argument("--channel", choices=[c.value for c in Channel], required=True)
    queue.add_argument(
        "--category", choices=["marketing", "service_info", "similar_offer"], required=True
    )
    queue.add_argument("--subject", default="")
    queue.add_argument("--text", required=True)
    json_flag(queue)
    # Any text, to any customer, in the salon's name (advertising too): the marketing
    # page's right, which the window gives no other role.
    requires(queue, Permission.SEND_CAMPAIGNS)


def _list(s: Services, o: argparse.Namespace) -> None:
    rows = s.outbox.messages(OutboxStatus(o.status) if o.status else None)
    # The reason in words (--json keeps the code).
    lines = [
        f"{r.id:>6}  {r.status.value:<10} {r.category.value:<16} {r.channel.value:<6} "
        f"{r.kind} {outbox_reason_text(r.reason) if r.reason else ''}".rstrip()
        for r in rows
    ]
    out(
        o,
        [outbox_json(r) for r in rows],
        "\n".join(lines) or QCoreApplication.translate("Cli", "The outbox is empty."),
    )


def _queue(s: Services, o: argparse.Namespace) -> None:
    row, decision = s.outbox.queue_message(
        o.customer, Channel(o.channel), Category(o.category), o.subject, o.text
    )
    if row is None:
        assert decision.reason is not None
        raise MessageRefused(decision.reason)
    text = QCoreApplication.translate("Cli", "Message queued ({client_id}).").format(
        client_id=row.client_id
    )
    out(o, outbox_json(row), text)
