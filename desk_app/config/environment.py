"""Configuration from the environment (and the command line, which wins)."""

from __future__ import annotations

import os

from desk_app.config.paths import default_database_url

DATABASE_URL_VARIABLE = "DESK_APP_DATABASE_URL"


def database_url(explicit: str | None = None) -> str:
    """``--database`` beats ``DESK_APP_DATABASE_URL`` beats the SQLite file in the data dir."""
    return explicit or os.environ.get(DATABASE_URL_VARIABLE) or default_database_url()
