"""The gateway's own database (SQLite file or PostgreSQL)."""
