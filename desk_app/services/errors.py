"""Errors the ui may need to recognise, re-exported so it never imports lower layers."""

from desk_app.gateway.port import GatewayError
from desk_sql.errors import StorageError

__all__ = ["GatewayError", "StorageError"]
