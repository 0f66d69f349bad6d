"""``desk-app customers export-data|erase``: Art. 15 export and Art. 17 erasure.

Two actions of the ``customers`` group, kept apart because the gateway takes part: it does
when one is set up (URL in the settings, token in the keyring or DESK_APP_GATEWAY_TOKEN);
without a token the desktop part still runs and the gateway's part is reported as missing.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication

from desk_app.cli.acting import command_actor
from desk_app.cli.output import handled_by, json_flag, out
from desk_app.domain.errors import InvalidField
from desk_app.services.private_files import write_private_text

if TYPE_CHECKING:
    from desk_app.services.container import Services


def add_parsers(customers: Any) -> None:
    """Add ``export-data`` and ``erase`` to the ``customers`` subparsers."""
    export = handled_by(
        customers.add_parser(
            "export-data", help="everything stored about one customer, as JSON (GDPR Art. 15)"
        ),
        _export_data,
    )
    export.add_argument("id", type=int)
    export.add_argument("--out", type=Path, metavar="FILE", help="write to FILE, not stdout")
    erase = handled_by(
        customers.add_parser(
            "erase", help="erase one customer's personal data for good (GDPR Art. 17)"
        ),
        _erase,
    )
    erase.add_argument("id", type=int)
    erase.add_argument(
        "--staff",
        help="who carries out the erasure: with the shared sign-in only (with --as, the "
        "member signed in)",
    )
    erase.add_argument("--confirm", action="store_true", help="yes, erase for good")
    json_flag(export, erase)


def _export_data(s: Services, o: argparse.Namespace) -> None:
    from desk_app.bootstrap import gateway_opener

    data = s.privacy.export(o.id, gateway_opener(s), actor=command_actor(s, o))
    text = json.dumps(data, ensure_ascii=False, indent=2)
    if o.out is None:
        print(text)
        return
    write_private_text(o.out, text + "\n")  # personal data: mode 0600
    message = QCoreApplication.translate("Cli", "Data of customer {id} written to {file}.")
    out(o, {"customer_id": o.id, "file": str(o.out)}, message.format(id=o.id, file=o.out))


def _erase(s: Services, o: argparse.Namespace) -> None:
    if not o.confirm:
        raise InvalidField("confirm", "erase_not_confirmed")
    from desk_app.bootstrap import gateway_opener

    gateway = gateway_opener(s)()
    try:
        row = s.privacy.erase(o.id, gateway, o.staff, actor=command_actor(s, o))
    finally:
        if gateway is not None:
            gateway.close()
    data = {
        "customer_id": row.customer_id,
        "erased_at": row.erased_at.isoformat(),
        "staff": row.staff,
        "gateway_pending": row.gateway_pending,
        "gateway_erased_at": row.gateway_erased_at.isoformat() if row.gateway_erased_at else None,
    }
    lines = [QCoreApplication.translate("Cli", "Customer {id} erased.").format(id=row.customer_id)]
    if row.gateway_pending:
        lines.append(
            QCoreApplication.translate(
                "Cli",
                "The gateway could not be told yet: run this command again later to erase "
                "the customer there too.",
            )
        )
    out(o, data, "\n".join(lines))
