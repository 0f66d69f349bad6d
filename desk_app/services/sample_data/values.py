"""Small seeded values shared by every recipe."""

from __future__ import annotations

import random
import uuid
from datetime import datetime


def random_uuid(rng: random.Random) -> str:
    """A version-4 UUID from the seeded generator (``uuid.uuid4`` would not repeat)."""
    return str(uuid.UUID(int=rng.getrandbits(128), version=4))


def moment_between(rng: random.Random, start: datetime, end: datetime) -> datetime:
    return start + (end - start) * rng.random()
