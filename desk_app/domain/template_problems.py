"""Why a campaign template cannot be rendered.

Apart from ``campaign_content`` (which re-exports them) so that naming such an error, as
the error texts do at every start, does not import Jinja2.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from desk_app.domain.errors import DomainError


class ProblemCode(StrEnum):
    SYNTAX = "syntax"  # detail: Jinja2's message
    UNKNOWN_PLACEHOLDER = "unknown_placeholder"  # detail: the name
    UNSUPPORTED = "unsupported"  # detail: the construct, e.g. "getattr", "filter", "for"
    CONTROL_CHARACTERS = "control_characters"  # detail: the first one, e.g. "U+2028"
    TOO_LONG = "too_long"  # detail: the limit in characters


@dataclass(frozen=True)
class TemplateProblem:
    code: ProblemCode
    detail: str
    line: int


@dataclass
class TemplateError(DomainError):
    """A template cannot be rendered; ``problems`` says why (never empty)."""

    problems: tuple[TemplateProblem, ...]

    def __str__(self) -> str:
        return "; ".join(f"line {p.line}: {p.code} {p.detail}" for p in self.problems)
