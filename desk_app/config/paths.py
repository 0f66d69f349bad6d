"""File-system locations: user data directory, default database, bundled resources.

The message templates and the compiled translations are package data of
``desk_app.resources`` (the top-level ``resources/`` directory of the source tree, mapped
into the package by ``pyproject.toml``). They are found through ``importlib.resources``, so
the same call works in a source checkout (editable install), an installed wheel and a
PyInstaller bundle; nothing here may point into the source tree by relative path.
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

from platformdirs import user_data_path

APP_NAME = "salon-desk"
APP_AUTHOR = "salon-desk"
RESOURCES_PACKAGE = "desk_app.resources"


def data_dir() -> Path:
    return user_data_path(APP_NAME, APP_AUTHOR, ensure_exists=True)


def data_dir_path() -> Path:
    """Where ``data_dir`` is, without creating it (a default shown or used later)."""
    return user_data_path(APP_NAME, APP_AUTHOR, ensure_exists=False)


def default_database_url() -> str:
    return f"sqlite:///{data_dir() / 'salon-desk.sqlite3'}"


def resources_dir() -> Path:
    """The directory of the package ``desk_app.resources``, wherever the app is installed."""
    root = files(RESOURCES_PACKAGE)
    # Qt loads translations from a directory, so the resources must be plain files: true for
    # every way the app is installed (pip never installs a zipped wheel; PyInstaller unpacks).
    if not isinstance(root, Path) or not root.is_dir():
        raise RuntimeError(f"{RESOURCES_PACKAGE} is not a directory on disk: {root!r}")
    return root


def templates_dir() -> Path:
    return resources_dir() / "templates"


def translations_dir() -> Path:
    return resources_dir() / "translations"


def icons_dir() -> Path:
    return resources_dir() / "icons"
