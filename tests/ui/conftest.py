"""UI tests start in English with real plural forms, whatever ran before, and get a
``ctx`` as the window builds it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from desk_app.config.paths import translations_dir
from desk_app.services.container import Services
from desk_app.texts import i18n
from desk_app.ui.context import UiContext
from tests.support.ui import ui_context


@pytest.fixture(autouse=True)
def english_ui(qapp: QApplication) -> None:
    # A German test switches languages; the next test must not inherit that.
    i18n.install_translators(qapp, "en", translations_dir())


@pytest.fixture
def alive() -> list[object]:
    """The widgets a test opens, released only after ``ctx``'s task runners stopped (see
    ``ui_context``): a test appends each parentless widget it makes."""
    return []


@pytest.fixture
def ctx(
    qapp: QApplication, services: Services, tmp_path: Path, alive: list[object]
) -> Iterator[UiContext]:
    """What the window hands its screens: the services without the Database, the two task
    runners, per-PC preferences in a scratch file, the salon's time zone."""
    with ui_context(services, tmp_path, alive) as context:
        yield context
