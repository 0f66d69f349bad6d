"""Persistence: SQLAlchemy models, engine set-up, migrations, backup and restore.

May import desk_app.domain; never Qt, HTTP, settings or keyring.
"""
