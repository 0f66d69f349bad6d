"""UI tests start in English with real plural forms, whatever ran before."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication

from desk_app.config.paths import translations_dir
from desk_app.texts import i18n


@pytest.fixture(autouse=True)
def english_ui(qapp: QApplication) -> None:
    # A German test switches languages; the next test must not inherit that.
    i18n.install_translators(qapp, "en", translations_dir())
