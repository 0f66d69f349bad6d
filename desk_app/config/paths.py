"""File-system locations: user data directory, default database, bundled resources."""

from __future__ import annotations

import sys
from pathlib import Path

from platformdirs import user_data_path

APP_NAME = "salon-desk"
APP_AUTHOR = "salon-desk"


def data_dir() -> Path:
    return user_data_path(APP_NAME, APP_AUTHOR, ensure_exists=True)


def default_database_url() -> str:
    return f"sqlite:///{data_dir() / 'salon-desk.sqlite3'}"


def resources_dir() -> Path:
    """``resources/`` of a source checkout, or of a PyInstaller bundle."""
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        return Path(bundle) / "resources"
    return Path(__file__).resolve().parents[2] / "resources"


def templates_dir() -> Path:
    return resources_dir() / "templates"


def translations_dir() -> Path:
    return resources_dir() / "translations"
