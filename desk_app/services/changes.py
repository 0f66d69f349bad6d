"""Whether other counter PCs changed something since the last look (for live refresh)."""

from __future__ import annotations

from desk_app.db.changes import ANY, ChangeFeed

__all__ = ["ANY", "ChangeWatch"]


class ChangeWatch:
    """Wraps the backend's change feed; ``poll`` never blocks."""

    def __init__(self, feed: ChangeFeed) -> None:
        self._feed = feed

    def poll(self) -> set[str]:
        return self._feed.poll()

    def close(self) -> None:
        self._feed.close()
