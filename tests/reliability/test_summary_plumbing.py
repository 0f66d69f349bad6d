"""The summary plumbing itself: a recorded figure reaches the report's user properties."""

from __future__ import annotations

import pytest

from tests.reliability.conftest import Record
from tests.reliability.summary import PROPERTY


def test_recorded_figures_travel_with_the_report(
    reliability: Record, request: pytest.FixtureRequest
) -> None:
    reliability("summary plumbing (self-check)", "one line", checked=1)
    recorded = [v for k, v in request.node.user_properties if k == PROPERTY]
    assert recorded == [
        {
            "scenario": "summary plumbing (self-check)",
            "detail": "one line",
            "figures": {"checked": 1},
        }
    ]


def test_the_summary_printer_is_loaded_however_pytest_is_started(
    request: pytest.FixtureRequest,
) -> None:
    """Also from the root conftest: CI runs ``pytest`` over ``tests``, where the controller
    that prints the summary never reads ``tests/reliability/conftest.py``."""
    assert request.config.pluginmanager.has_plugin("tests.reliability.summary")
