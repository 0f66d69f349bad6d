"""Choosing the language and installing Qt translators (ours and Qt's own)."""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

SUPPORTED = ("de", "en")
_LOCALES = {"de": "de_DE", "en": "en_GB"}
LANGUAGE_VARIABLE = "DESK_APP_LANGUAGE"

# Keep references: a QTranslator that is garbage-collected silently stops translating.
_installed: list[QTranslator] = []


def choose_language(preferred: str | None = None) -> str:
    """Explicit choice, then DESK_APP_LANGUAGE, then the system locale; German by default."""
    for candidate in (preferred, os.environ.get(LANGUAGE_VARIABLE)):
        if candidate in SUPPORTED:
            return candidate
    system = QLocale.system()
    if system.language() == QLocale.Language.English:
        return "en"
    return "de" if system.language() == QLocale.Language.German else "en"


def install_translators(app: QCoreApplication, language: str, translations_dir: Path) -> None:
    for translator in _installed:
        app.removeTranslator(translator)
    _installed.clear()
    # British English keeps the 24-hour clock and day-month order a German salon expects.
    QLocale.setDefault(QLocale(_LOCALES.get(language, language)))
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    candidates = [(f"qtbase_{language}", qt_dir), (f"desk_app_{language}", str(translations_dir))]
    for name, directory in candidates:
        translator = QTranslator(app)
        if translator.load(name, directory):
            app.installTranslator(translator)
            _installed.append(translator)
