"""What every command group shares: the ``--json`` flag, printing a result, reading a date,
and the per-row problems of a CSV import (printed by ``customers import`` and on failure)."""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable, Sequence
from datetime import date
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication

from desk_app.domain.errors import InvalidField
from desk_app.texts import error_text

if TYPE_CHECKING:
    from desk_app.services.container import Services

Handler = Callable[["Services", argparse.Namespace], None]


def handled_by(parser: argparse.ArgumentParser, handler: Handler) -> argparse.ArgumentParser:
    """``main.execute`` runs ``handler`` when this (sub)command is chosen."""
    parser.set_defaults(handler=handler)
    return parser


def json_flag(*parsers: argparse.ArgumentParser) -> None:
    for p in parsers:
        p.add_argument("--json", action="store_true", help="machine-readable output")


def out(options: argparse.Namespace, data: Any, text: str) -> None:
    if options.json:
        print(json.dumps(data, ensure_ascii=False, indent=2, default=str))
    else:
        print(text)


def parse_date(text: str | None, field: str) -> date | None:
    if text is None:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError as exc:
        raise InvalidField(field, "invalid_date", text) from exc


def row_problems_json(rows: Sequence[tuple[int, str, str, str]]) -> list[dict[str, Any]]:
    return [
        {"line": line, "field": field, "problem": problem, "detail": detail}
        for line, field, problem, detail in rows
    ]


def row_problem_lines(rows: Sequence[tuple[int, str, str, str]]) -> list[str]:
    return [
        QCoreApplication.translate("Cli", "Line {line}: {problem}").format(
            line=line, problem=error_text.row_problem(problem, field, detail)
        )
        for line, field, problem, detail in rows
    ]
