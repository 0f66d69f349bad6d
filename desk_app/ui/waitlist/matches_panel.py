"""Freed times that fit someone on the waitlist, shown above the calendar at once (not a
dialog: the counter keeps working). Each freed time lists who waits for it, the first
in line first; Enter (or "Book") books the selected customer into it through the
counter's booking path (on the freed time's own line, its first in line). The panel
hides itself when nothing fits. A customer who objected to the salon's messages carries
a hint: the offers reach them only because they asked for them on this entry, or none
do and they are to be called.

May import: PySide6, desk_app.services (rows), desk_app.ui.
"""

from __future__ import annotations

from zoneinfo import ZoneInfo

from PySide6.QtCore import QLocale, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desk_app.domain.waitlist import OfferReach
from desk_app.services.waitlist import OpeningRow, WaitlistEntryRow
from desk_app.ui.context import UiContext
from desk_app.ui.style.tone import Tone, set_tone
from desk_app.ui.widgets.operation import Operation
from desk_app.ui.widgets.qt_dates import to_qdate

OPENING_ROLE = Qt.ItemDataRole.UserRole + 1
ENTRY_ROLE = Qt.ItemDataRole.UserRole + 2


class _MatchTree(QTreeWidget):
    """Enter books the selected customer (the tree says ``book_requested``)."""

    book_requested = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.book_requested.emit()
            return
        super().keyPressEvent(event)


class WaitlistMatchesPanel(QFrame):
    """Signals:
    booked(int): a waiting customer was booked into a freed time (the appointment id).
    shown_changed(int): the panel was refreshed; how many freed times it shows.
    """

    booked = Signal(int)
    shown_changed = Signal(int)

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("waitlistMatches")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        # The palette's accent, not ``palette.ACCENT``'s text: it follows a switch of the
        # colour scheme (``tone.restyle_all``).
        self.setStyleSheet(
            "#waitlistMatches { border: 2px solid palette(accent); border-radius: 4px; }"
        )
        self._ctx = ctx
        self._zone = ZoneInfo(ctx.time_zone)
        zone = ctx.time_zone
        self._loads = Operation(
            self, ctx.db_tasks, failed=self._show_error, time_zone=zone, skip_outdated=True
        )
        self._books = Operation(
            self, ctx.db_tasks, failed=self._show_error, time_zone=zone, exclusive=True
        )
        self.title = QLabel()
        self.title.setObjectName("waitlistMatchesTitle")
        font = self.title.font()
        font.setBold(True)
        self.title.setFont(font)
        self.tree = _MatchTree()
        self.tree.setObjectName("waitlistMatchTree")
        self.tree.setHeaderHidden(True)
        self.tree.setTabKeyNavigation(False)
        self.book_button = QPushButton(self.tr("&Book selected"))
        self.book_button.setObjectName("waitlistBook")
        self.book_button.setToolTip(self.tr("Book the selected waiting customer (Enter)"))
        self.error = QLabel()
        self.error.setObjectName("waitlistMatchesError")
        self.error.setWordWrap(True)
        set_tone(self.error, Tone.ERROR_BOX)
        self.error.hide()
        head = QHBoxLayout()
        head.addWidget(self.title, 1)
        head.addWidget(self.book_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 4, 6, 4)
        layout.addLayout(head)
        layout.addWidget(self.tree)
        layout.addWidget(self.error)
        self.tree.book_requested.connect(self.book_selected)
        self.tree.itemDoubleClicked.connect(self._on_tree_item_double_clicked)
        self.book_button.clicked.connect(self.book_selected)
        self.hide()

    # ---- public -------------------------------------------------------------------------
    def refresh(self) -> None:
        """Ask again which freed times fit someone (after any change of the calendar)."""
        waitlist = self._ctx.services.waitlist
        self._loads.run(waitlist.open_matches, self._on_loaded)

    def book_selected(self) -> None:
        item = self.tree.currentItem()
        if item is not None and item.data(0, ENTRY_ROLE) is None and item.childCount():
            item = item.child(0)  # the freed time's own line: its first in line
        if item is None or item.data(0, ENTRY_ROLE) is None:
            return
        opening_id, entry_id = int(item.data(0, OPENING_ROLE)), int(item.data(0, ENTRY_ROLE))
        waitlist, actor = self._ctx.services.waitlist, self._ctx.signed_in.actor
        self.error.hide()
        self._books.run(lambda: waitlist.book(opening_id, entry_id, actor=actor), self._on_booked)

    # ---- answers ------------------------------------------------------------------------
    def _on_loaded(self, openings: list[OpeningRow]) -> None:
        self.tree.clear()
        locale = QLocale()
        first_entry: QTreeWidgetItem | None = None
        for opening in openings:
            local = opening.starts_at.astimezone(self._zone)
            when = locale.toString(to_qdate(local.date()), QLocale.FormatType.ShortFormat)
            head = QTreeWidgetItem(
                [
                    self.tr("{when} {time} · {staff}: %n waiting", "", len(opening.waiting)).format(
                        when=when, time=local.strftime("%H:%M"), staff=opening.staff_name
                    )
                ]
            )
            head.setData(0, OPENING_ROLE, opening.id)
            self.tree.addTopLevelItem(head)
            for place, entry in enumerate(opening.waiting, start=1):
                who = self.tr("{place}. {customer} – {service}").format(
                    place=place, customer=entry.customer_name, service=entry.service_name
                )
                hint, why = self._reach_hint(entry)
                child = QTreeWidgetItem([f"{who} · {hint}" if hint else who])
                child.setToolTip(0, why)
                child.setData(0, OPENING_ROLE, opening.id)
                child.setData(0, ENTRY_ROLE, entry.id)
                head.addChild(child)
                first_entry = first_entry or child
            head.setExpanded(True)
        self.title.setText(
            self.tr("Freed times someone on the waitlist wants: %n", "", len(openings))
        )
        if first_entry is not None:
            self.tree.setCurrentItem(first_entry)
        # As tall as its rows (at most eight): the day below keeps its room.
        rows = sum(1 + len(o.waiting) for o in openings)
        line = max(self.tree.sizeHintForRow(0), self.tree.fontMetrics().height())
        self.tree.setFixedHeight(min(rows, 8) * line + 2 * self.tree.frameWidth() + 2)
        self.setVisible(bool(openings))
        self.shown_changed.emit(len(openings))

    def _reach_hint(self, entry: WaitlistEntryRow) -> tuple[str, str]:
        """The hint on a waiting customer's line and its tooltip ("" when offers go as
        usual): staff who know the customer objected would otherwise wonder why offers
        reach them, or wait in vain for an answer to one."""
        if entry.reach == OfferReach.ASKED:
            return self.tr("offers only: asked for on this entry"), self.tr(
                "The customer objected to the salon's messages. The automatic offers still go "
                "to them because they asked for them on this entry."
            )
        if entry.reach == OfferReach.BLOCKED:
            return self.tr("no offers: objected, please call"), self.tr(
                "The customer objected to the salon's messages and has not asked for offers at "
                "the counter since (an entry from the booking page does not count): no "
                "automatic offer goes to them. Call them, and take the wish again at the "
                "counter if they want offers."
            )
        return "", ""

    def _on_booked(self, appointment_id: int) -> None:
        self.booked.emit(appointment_id)
        self.refresh()

    def _on_tree_item_double_clicked(self, item: QTreeWidgetItem, _column: int) -> None:
        if item.data(0, ENTRY_ROLE) is not None:
            self.book_selected()

    def _show_error(self, text: str) -> None:
        self.error.setText(text)
        self.error.show()
