"""The audit log as CSV for the owner's spreadsheet. Every cell goes through
``domain.spreadsheet.protect_cell``: a member's name or a subject starting with ``=``
must not run as a formula when the file is opened."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable
from typing import IO, TYPE_CHECKING

from desk_app.domain.spreadsheet import protect_cell

if TYPE_CHECKING:
    from desk_app.services.audit import AuditRow

COLUMNS = (
    "id",
    "at_utc",
    "member_id",
    "member_name",
    "member_role",
    "action",
    "subject",
    "details",
)


def write_audit_csv(rows: Iterable[AuditRow], out: IO[str]) -> int:
    """Write a header and one line per entry to ``out`` (``;``-separated, as the customer
    export, which German spreadsheets open by double click); returns how many."""
    writer = csv.writer(out, delimiter=";")
    writer.writerow(COLUMNS)
    count = 0
    for row in rows:
        cells = (
            row.id,
            row.at.isoformat(),
            "" if row.member_id is None else row.member_id,
            row.member_name,
            row.member_role.value,
            str(row.action),
            row.subject,
            json.dumps(row.details, ensure_ascii=False, sort_keys=True),
        )
        writer.writerow([protect_cell(str(cell)) for cell in cells])
        count += 1
    return count
