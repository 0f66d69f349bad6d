"""The reliability suite: the product under crashes, faults, hostile input and attackers,
with real processes on loopback. Every scenario records its figures through the
``reliability`` fixture; the end of the pytest run prints them as one summary.

Figures travel as ``user_properties`` of the test reports, which pytest-xdist carries from
its workers to the controller; ``tests/reliability/summary.py`` prints them (a plugin the
root conftest loads: the controller never reads this conftest when pytest runs ``tests``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, Protocol

import pytest

from tests.reliability.summary import PROPERTY
from tests.reliability.support.smtp import Credentials
from tests.reliability.support.stack import SalonTemplates, Stack, build_stack

Record = Callable[..., None]


@pytest.fixture
def reliability(record_property: Callable[[str, object], None]) -> Record:
    """``reliability("kill -9 of the desktop sync", "20 trials", lost=0, duplicates=0)``:
    one line of the summary (figures in the order given)."""

    def record(scenario: str, detail: str = "", **figures: Any) -> None:
        record_property(PROPERTY, {"scenario": scenario, "detail": detail, "figures": figures})

    return record


# ---- real processes on loopback -----------------------------------------------------------
@pytest.fixture(scope="session")
def salon_templates(tmp_path_factory: pytest.TempPathFactory) -> SalonTemplates:
    return SalonTemplates(tmp_path_factory.mktemp("salons"))


class MakeStack(Protocol):
    def __call__(
        self,
        customers: int,
        *,
        gateway_settings: dict[str, str] | None = None,
        credentials: Credentials | None = None,
        smtp_running: bool = True,
        start_gateway: bool = True,
    ) -> Stack: ...


@pytest.fixture
def make_stack(tmp_path: Path, salon_templates: SalonTemplates) -> Iterator[MakeStack]:
    """SMTP server + gateway process + desktop on a seeded salon; all stopped afterwards."""
    built: list[Stack] = []

    def make(customers: int, **options: Any) -> Stack:
        stack = build_stack(tmp_path / f"stack{len(built)}", salon_templates, customers, **options)
        built.append(stack)
        return stack

    yield make
    for stack in built:
        stack.close()
