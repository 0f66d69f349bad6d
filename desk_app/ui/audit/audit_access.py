"""Who may open the audit log at this window: the menu entry follows the member signed
in, greyed out with the reason for everyone but the owner (``Permission.VIEW_AUDIT``).

May import: PySide6, desk_app.domain, desk_app.texts, desk_app.ui.
"""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction

from desk_app.domain.access import Actor, may
from desk_app.domain.enums import Permission
from desk_app.domain.errors import NotPermitted
from desk_app.texts.access_words import refusal_text
from desk_app.ui.signed_in import SignedIn


class AuditPermissionGate(QObject):
    """Keeps ``action`` enabled only while the member signed in may read the log. A
    child of the action: it goes with it, and so does its connection."""

    def __init__(self, action: QAction, signed_in: SignedIn) -> None:
        super().__init__(action)
        self._action = action
        signed_in.changed.connect(self._on_signed_in_changed)
        self._on_signed_in_changed(signed_in.actor)

    def _on_signed_in_changed(self, actor: Actor) -> None:
        allowed = may(actor.role, Permission.VIEW_AUDIT)
        reason = "" if allowed else refusal_text(NotPermitted(Permission.VIEW_AUDIT, actor.role))
        self._action.setEnabled(allowed)
        self._action.setToolTip(reason)  # the menus show tool tips that are set
        self._action.setStatusTip(reason)
