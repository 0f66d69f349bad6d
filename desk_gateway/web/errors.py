"""Errors a route raises to answer with an RFC 9457 problem."""

from __future__ import annotations


class ApiError(Exception):
    def __init__(self, status: int, code: str, detail: str = "", retry_after: int | None = None):
        super().__init__(code)
        self.status, self.code, self.detail, self.retry_after = status, code, detail, retry_after


class PageLimited(Exception):
    """A customer page was asked for too often from one address."""

    def __init__(self, wait: int) -> None:
        super().__init__(wait)
        self.wait = wait


class CrossSitePost(Exception):
    """A customer page's form was posted from another site (``web.same_site``)."""
