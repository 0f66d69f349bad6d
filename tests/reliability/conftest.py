"""The reliability suite: the product under crashes, faults, hostile input and attackers,
with real processes on loopback. Every scenario records its figures through the
``reliability`` fixture; the end of the pytest run prints them as one summary.

Figures travel as ``user_properties`` of the test reports, which pytest-xdist carries from
its workers to the controller that prints the summary.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

PROPERTY = "reliability"

Record = Callable[..., None]


@pytest.fixture
def reliability(record_property: Callable[[str, object], None]) -> Record:
    """``reliability("kill -9 of the desktop sync", "20 trials", lost=0, duplicates=0)``:
    one line of the summary (figures in the order given)."""

    def record(scenario: str, detail: str = "", **figures: Any) -> None:
        record_property(PROPERTY, {"scenario": scenario, "detail": detail, "figures": figures})

    return record


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    lines: list[str] = []
    for outcome in ("passed", "failed", "error"):
        for report in terminalreporter.stats.get(outcome, []):
            for name, value in getattr(report, "user_properties", []):
                if name != PROPERTY or getattr(report, "when", "call") != "call":
                    continue
                figures = ", ".join(
                    f"{k.replace('_', ' ')} {v}" for k, v in value["figures"].items()
                )
                detail = f" ({value['detail']})" if value["detail"] else ""
                mark = "" if outcome == "passed" else f" [{outcome.upper()}]"
                lines.append(f"{value['scenario']}{detail}: {figures}{mark}")
    if lines:
        terminalreporter.write_sep("=", "reliability")
        for line in sorted(lines):
            terminalreporter.write_line(line)
