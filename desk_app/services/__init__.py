"""Use cases of Salon Desk. Each public method is one unit of work.

Services own their transactions (``db.write()``/``db.read()``) and return frozen
``*Row`` dataclasses, never ORM objects. They get configuration as plain values and
never read settings files or the keyring. Never import Qt here.
"""
