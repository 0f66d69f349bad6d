"""Who is signed in at this window (issue 12): one per window, read on the GUI thread.

A screen reads ``actor`` when it starts a use case and hands that (immutable) ``Actor``
to the worker with the call, so a member switched meanwhile never acts for the one
before, and two counter PCs (two windows, two processes) never share one.

Every window starts with the shared counter sign-in (``SHARED_COUNTER``): the rights
every counter had before issue 12. With personal sign-in on (``staff_sign_in``), the
window starts locked instead and ``ui.signin.counter_lock`` switches to the member whose
PIN unlocks it.

Signals:
    changed(object): another ``Actor`` signed in (or the shared sign-in came back).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from desk_app.domain.access import SHARED_COUNTER, Actor

if TYPE_CHECKING:
    from desk_app.services.catalogue import CatalogueService


class SignedIn(QObject):
    changed = Signal(object)

    def __init__(self, actor: Actor = SHARED_COUNTER, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._actor = actor

    @property
    def actor(self) -> Actor:
        return self._actor

    def switch_to(self, actor: Actor) -> None:
        if actor != self._actor:
            self._actor = actor
            self.changed.emit(actor)


def settings_saver(
    catalogue: CatalogueService, signed_in: SignedIn
) -> Callable[[dict[str, str]], Mapping[str, str]]:
    """The store of an autosaved settings form: saves as whoever is signed in when the
    save runs (read on the database worker: a reference to an immutable ``Actor``)."""
    return lambda changes: catalogue.set_settings(changes, actor=signed_in.actor)
