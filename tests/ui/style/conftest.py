"""The colour scheme a style test switched is switched back."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication

from desk_app.ui.style.theme import ThemeChoice, request


@pytest.fixture
def system_scheme(qapp: QApplication) -> Iterator[None]:
    """Whatever a test asks for, the next one starts with the system's (light) scheme."""
    yield
    request(ThemeChoice.SYSTEM)
    QGuiApplication.styleHints().colorSchemeChanged.emit(Qt.ColorScheme.Unknown)
