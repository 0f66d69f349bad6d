"""What the online requests section says while it has nothing to show: what it is for,
and, while online booking is off, where to switch it on (the shared
``widgets.empty_state.EmptyState`` with the section's own words).

May import: PySide6, desk_app.ui.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QLabel, QWidget

from desk_app.ui.widgets.empty_state import EmptyState as SharedEmptyState


class EmptyState(SharedEmptyState):
    def __init__(
        self, open_settings: Callable[[], None] | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("requestsEmptyState")
        self._about = self.tr(
            "Customers book on your website. A booking that fits goes straight into the "
            "calendar, marked “Online”, and its confirmation is sent. A request lands "
            "here when it needs you: the time was taken meanwhile, more than one "
            "customer has the same email address or phone number, or the service can no "
            "longer be booked online. Enter books the selected request, Del refuses it."
        )
        self.switched_off = QLabel(
            self.tr(
                "Online booking is switched off. Switch it on in the settings, tab "
                "“Online booking” (Ctrl+,): choose the public name of your booking page "
                "there and put the link it shows on your website."
            )
        )
        self.switched_off.setObjectName("emptySwitchedOff")
        self.switched_off.setWordWrap(True)
        self.add_detail(self.switched_off)
        self.settings_button = self.action_button
        self.settings_button.setObjectName("emptyOpenSettings")
        if open_settings is not None:
            self.action_triggered.connect(lambda: open_settings())
        self._can_open_settings = open_settings is not None

    def show_for(self, online_on: bool, showing_all: bool) -> None:
        headline = (
            self.tr("No online requests yet.")
            if showing_all
            else self.tr("No online request waits for you.")
        )
        button = not online_on and self._can_open_settings
        super().show_state(
            headline,
            self._about,
            self.tr("Open the &settings") if button else None,
            "Ctrl+," if button else None,
        )
        self.switched_off.setVisible(not online_on)
