"""The ``reliability`` section at the end of a pytest run: one line of figures per
scenario, from the ``user_properties`` the scenarios recorded (pytest-xdist carries them
from its workers to the controller, which prints this).

A plugin of its own, loaded by the root ``tests/conftest.py``: when pytest runs the whole
``tests`` folder (as CI does), the controller reads only the root conftest, so a hook in
``tests/reliability/conftest.py`` would never print.
"""

from __future__ import annotations

import pytest

PROPERTY = "reliability"


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
