"""The application's icon for its windows (the task bar and the window switcher show it),
from the PNG sizes rendered from ``resources/icons/salon-desk.svg``: plain PNGs need no
image plug-in beyond what Qt has built in."""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtGui import QIcon

from desk_app.config.paths import icons_dir

ICON_SIZES = (16, 24, 32, 48, 64, 128, 256)
# packaging/linux/<this>.desktop; its icon is installed under the same name.
DESKTOP_ENTRY = "de.salondesk.SalonDesk"


def app_icon() -> QIcon:
    icon = QIcon()
    for size in ICON_SIZES:
        path = icons_dir() / f"salon-desk-{size}.png"
        if path.is_file():  # a missing size is left to the others (the self-test checks)
            icon.addFile(str(path), QSize(size, size))
    return icon
