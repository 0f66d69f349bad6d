"""Persistence: SQLAlchemy models, engine set-up, migrations, backup and restore.

May import desk_app.domain; never Qt, HTTP, settings or keyring.
"""

# Imported with the package, so the ledger's projection follows every insert through the
# ORM whichever module of the package is imported first.
from desk_app.db import consent_projection as consent_projection
