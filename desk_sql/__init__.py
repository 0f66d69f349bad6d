"""SQL plumbing shared by the desktop app and the gateway: engines with the right
SQLite pragmas, aware UTC datetimes, and sorting database failures into known kinds.

Knows nothing of either application's tables or rules.
"""
