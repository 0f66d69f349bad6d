"""A section of the main window built the first time it is needed.

Building a page starts its first load on the database worker; for a section nobody has
opened yet that is work the counter waits behind at start (the marketing section's
audience preview takes seconds at chain scale). The page is built when the section is
first shown or refreshed, or when code asks for it (``content``).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QTimer
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QVBoxLayout, QWidget


class LazySection(QWidget):
    def __init__(self, build: Callable[[], QWidget], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._build: Callable[[], QWidget] | None = build
        self._content: QWidget | None = None
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)

    def is_built(self) -> bool:
        return self._content is not None

    def content(self) -> QWidget:
        """The page, built now if it was not yet (its constructor starts its first load)."""
        if self._content is None:
            assert self._build is not None
            build, self._build = self._build, None
            self._content = build()
            self._layout.addWidget(self._content)
            self._content.show()  # a child added to a shown widget stays hidden otherwise
        return self._content

    def refresh(self) -> None:
        """Reloads a built page; a page not built yet loads when it is built."""
        if self._content is None:
            self.content()
            return
        refresh = getattr(self._content, "refresh", None)
        if callable(refresh):
            refresh()

    def showEvent(self, event: QShowEvent) -> None:
        # Shown without a refresh (the window refreshes a section it switches to right
        # after showing it, which builds it): build once the event loop comes back.
        super().showEvent(event)
        if self._content is None:
            QTimer.singleShot(0, self, self._build_if_shown)

    def _build_if_shown(self) -> None:
        if self._content is None and self.isVisible():
            self.content()
