"""The desktop's database access: the shared unit of work and engine factory."""

from desk_sql.database import Database, create_database_engine

__all__ = ["Database", "create_database_engine"]
