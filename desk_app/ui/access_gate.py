"""What the signed-in member may not do is greyed out, with the reason (issue 12).

One helper for every screen: ``AccessGate.guard`` ties an action or a widget to the
``Permission`` the service checks for it; the gate enables it only while the member
signed in at this window may, and otherwise shows the refusal the service would give
(tooltip and status-bar tip), following ``SignedIn.changed`` at once, so a member
switched at the counter gets their own rights without a restart. ``RefusedPage`` shows
a short explanation in place of a page a role may not use at all.

The window only helps: the services refuse too (``services.access_guard``), with the
role as stored, so a stale window never lets anything through.

May import: PySide6, desk_app.domain, desk_app.texts, desk_app.ui.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QLabel, QStackedWidget, QVBoxLayout, QWidget

from desk_app.domain.access import Actor, may
from desk_app.domain.enums import Permission
from desk_app.domain.errors import NotPermitted
from desk_app.texts.access_words import refusal_text
from desk_app.ui.signed_in import SignedIn


def refusal(actor: Actor, permission: Permission) -> str:
    """Why ``actor`` may not do ``permission`` (the words of the service's refusal);
    empty when they may. The shared sign-in may everything here (its role is the owner's):
    once the salon signs in personally, the service refuses it and says so."""
    if may(actor.role, permission):
        return ""
    return refusal_text(NotPermitted(permission, actor.role))


# The window's own actions (menu entries and shortcuts, by ``ui.shortcuts`` key) and the
# permission the service checks for what each opens.
WINDOW_ACTIONS: dict[str, Permission] = {
    "settings": Permission.CHANGE_SETTINGS,
    "new_booking": Permission.BOOK,
}


@dataclass
class _Guarded:
    target: QAction | QWidget
    permission: Permission
    tool_tip: str  # the target's own tips, shown again when the member may
    status_tip: str
    applies: Callable[[], bool] | None  # whether it makes sense at all, rights aside


class AccessGate(QObject):
    """Enables guarded actions and widgets by the rights of whoever is signed in.

    A target's enabled state belongs to the gate alone: guard only what nothing else
    enables or disables; a target that is also greyed for its own reasons (an entry for
    the appointment under the cursor) says so through ``applies``, and its owner calls
    ``refresh`` when that may have changed. The gate is a child of the targets' owner, so
    it goes with it.
    """

    def __init__(self, signed_in: SignedIn, parent: QObject) -> None:
        super().__init__(parent)
        self._signed_in = signed_in
        self._guarded: list[_Guarded] = []
        signed_in.changed.connect(self._on_signed_in_changed)

    def guard(
        self,
        target: QAction | QWidget,
        permission: Permission,
        applies: Callable[[], bool] | None = None,
    ) -> None:
        """Enable ``target`` only while the member may ``permission`` (and ``applies``,
        if given, says it makes sense now)."""
        guarded = _Guarded(target, permission, target.toolTip(), target.statusTip(), applies)
        self._guarded.append(guarded)
        self._apply(guarded, self._signed_in.actor)

    def refresh(self) -> None:
        """Apply again: what the ``applies`` of the targets read has changed."""
        self._on_signed_in_changed(self._signed_in.actor)

    def refusal(self, permission: Permission) -> str:
        """Why the member signed in now may not (empty: they may)."""
        return refusal(self._signed_in.actor, permission)

    def _apply(self, guarded: _Guarded, actor: Actor) -> None:
        reason = refusal(actor, guarded.permission)
        applies = guarded.applies is None or guarded.applies()
        guarded.target.setEnabled(applies and not reason)
        guarded.target.setToolTip(reason or guarded.tool_tip)
        guarded.target.setStatusTip(reason or guarded.status_tip)

    def _on_signed_in_changed(self, actor: Actor) -> None:
        for guarded in self._guarded:
            self._apply(guarded, actor)


def guard_window(
    signed_in: SignedIn, window: QObject, action: Callable[[str], QAction]
) -> AccessGate:
    """Guard the window's actions of ``WINDOW_ACTIONS`` (``action``: the window's, by key)."""
    gate = AccessGate(signed_in, window)
    for key, permission in WINDOW_ACTIONS.items():
        gate.guard(action(key), permission)
    return gate


def permitted(
    gate: AccessGate,
    permission: Permission,
    opener: Callable[[], None],
    refused: Callable[[str], None],
) -> Callable[[], None]:
    """``opener``, run only while the member may ``permission``; else ``refused`` is told
    why (for the ways in that are no guarded action, like a button on another page)."""

    def open_if_permitted() -> None:
        reason = gate.refusal(permission)
        if reason:
            refused(reason)
        else:
            opener()

    return open_if_permitted


class RefusedPage(QStackedWidget):
    """``content``, or in its place a short explanation while the member signed in may
    not ``permission`` (a page a role has no use for at all, like marketing for the
    reception). ``title``: what the page is for, shown above the reason."""

    def __init__(
        self,
        signed_in: SignedIn,
        permission: Permission,
        content: QWidget,
        title: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._permission = permission
        self._explanation = QLabel()
        self._explanation.setObjectName("refused")
        self._explanation.setWordWrap(True)
        self._explanation.setTextFormat(Qt.TextFormat.PlainText)
        self._explanation.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._title = title
        notice = QWidget()
        layout = QVBoxLayout(notice)
        layout.setContentsMargins(48, 48, 48, 48)
        layout.addWidget(self._explanation)
        self.addWidget(content)
        self.addWidget(notice)
        self._content, self._notice = content, notice
        signed_in.changed.connect(self._on_signed_in_changed)
        self._on_signed_in_changed(signed_in.actor)

    def is_refused(self) -> bool:
        return self.currentWidget() is self._notice

    def explanation(self) -> str:
        return self._explanation.text() if self.is_refused() else ""

    def _on_signed_in_changed(self, actor: Actor) -> None:
        reason = refusal(actor, self._permission)
        self._explanation.setText(f"{self._title}\n\n{reason}" if reason else "")
        self.setCurrentWidget(self._notice if reason else self._content)
