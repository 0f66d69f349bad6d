"""Errors the ui may need to recognise, re-exported so it never imports the db layer."""

from desk_sql.errors import StorageError

__all__ = ["StorageError"]
