"""Every screen at the sizes receptionists' screens give, in German and English: no text is
clipped or elided unless its widget says it elides (``tests/support/clipping.py``).

The sizes are logical pixels: 1024×640 (the window's minimum), 1280×720 (a full-HD
laptop at 150 %, the scaling Windows recommends there), 1366×768 (the common counter
laptop at 100 %) and 1920×1080. Scaling changes the pixels per logical pixel, so the
logical sizes are what a layout has to hold at; font rounding may differ, so the German
screens run once more at 200 % in a process of their own. The window's own minimum must
fit 1024×640; screens below that (full HD at 200 %: 960×540) are not supported.

One window per language on one demo database; each screen is brought up once and the
window resized through the sizes (about 16 s per language).

The salon is as busy as ``scripts/screenshots.py``'s, since how much room a screen
leaves depends on its data: hundreds of customers (the list's count), online requests
waiting (the sidebar's count, in bold), and the customer shown has missed appointments
(the card's longest badge). With fewer, the customers screen at 1024 px had room to
spare here while the matrix found "Termin buchen" cut off.
"""

from __future__ import annotations

import functools
import os
import subprocess
import sys
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import TypeVar

import pytest
import shiboken6
from PySide6.QtCore import QSize, Qt, QTimer
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QDialog,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QWidget,
)
from pytestqt.qtbot import QtBot

from desk_app.bootstrap import open_services
from desk_app.db.models import OutboxMessage
from desk_app.desktop import gui
from desk_app.domain.access import SHARED_COUNTER
from desk_app.domain.campaigns import CampaignType, ChannelChoice
from desk_app.domain.enums import Category, Channel, OutboxStatus
from desk_app.gateway.port import GatewayEvent
from desk_app.services.booking_slots import BookingRequest
from desk_app.services.campaign_rows import AudienceFilters, CampaignDraft
from desk_app.services.container import Services
from desk_app.ui.audit.audit_view import AuditLogDialog
from desk_app.ui.help_overlay import HelpOverlay
from desk_app.ui.marketing.marketing_page import (
    AUTOMATIONS_TAB,
    CAMPAIGNS_TAB,
    COMPOSER_TAB,
    OVERVIEW_TAB,
)
from desk_app.ui.settings.dialog import SettingsDialog
from tests.support.clipping import clipped_texts
from tests.support.layout_checks import focus_out_of_sight, misaligned_form_rows

W = TypeVar("W", bound=QWidget)

SIZES = tuple(
    (int(w), int(h))
    for w, _, h in (
        size.partition("x")
        for size in os.environ.get(
            "DESK_APP_LAYOUT_SIZES", "1024x640,1280x720,1366x768,1920x1080"
        ).split(",")
    )
)
MINIMUM = QSize(1024, 640)
CUSTOMERS = 300  # as scripts/screenshots.py's salon: a count of three digits


@pytest.fixture(scope="module")
def salon_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A demo salon: staff, services, customers with visits and consents."""
    url = f"sqlite:///{tmp_path_factory.mktemp('layouts') / 'salon.sqlite3'}"
    services = open_services(url)
    services.demo.fill(customers=CUSTOMERS)
    _request_online(services)
    services.catalogue.set_settings({"owner_email": "chefin@salon-demo.de"}, actor=SHARED_COUNTER)
    # A campaign (its result cards; its emails in the outbox) and an SMS (the preview's
    # phone): issue 15's screens with something to show.
    services.campaigns.send(
        CampaignDraft(
            name="Herbstaktion",
            type=CampaignType.PROMOTION,
            channel=ChannelChoice.EMAIL,
            filters=AudienceFilters(),
            subject="Ihre Herbstfarbe wartet",
            body="Hallo {{ first_name }},\n\n15 % auf Färben bis Ende Oktober.",
        ),
        actor=SHARED_COUNTER,
    )
    customer = next(c for c in services.customers.all() if c.phone)
    with services.db.write() as s:
        s.add(
            OutboxMessage(
                customer_id=customer.id,
                channel=Channel.SMS.value,
                category=Category.TRANSACTIONAL.value,
                kind="booking_reminder",
                to_address=customer.phone,
                body="Hallo, morgen um 09:00 Uhr Damenhaarschnitt im Salon. Absagen: 030 123 – "
                "Abmelden: $unsubscribe_url",
            )
        )
    services.db.dispose()
    yield url


def _request_online(services: Services) -> None:
    """Online booking on, and requests from the booking page as the gateway reports them:
    one for a time taken meanwhile waits for the receptionist's decision (the sidebar
    counts it), one from a customer known by email and another's phone."""
    services.catalogue.set_settings(
        {"online_booking": "on", "public_name": "haarwerk-mueller"}, actor=SHARED_COUNTER
    )
    staff = services.catalogue.list_staff()[0]
    cut = services.catalogue.treatment_by_name("Herrenhaarschnitt")
    now = datetime.now(UTC).replace(microsecond=0)
    people = services.customers.all()
    by_email = next(c for c in people if c.email and c.phone)
    by_phone = next(c for c in people if c.phone and c.id != by_email.id)
    taken = (now + timedelta(days=30)).replace(hour=9, minute=0, second=0)
    services.booking.book(
        BookingRequest(
            customer_id=by_phone.id,
            staff_id=staff.id,
            service_id=cut.id,
            starts_at=taken,
            notify=False,
            override=True,  # whatever day of the week it is
        )
    )
    wishes = [
        (taken, staff.id, "Lena", "Vogt", "lena.vogt@example.org", None),
        (
            taken + timedelta(hours=2),
            staff.id,
            by_email.first_name,
            by_email.last_name,
            by_email.email,
            by_phone.phone,
        ),
    ]
    with services.db.write() as session:
        for number, (start, staff_id, first, last, email, phone) in enumerate(wishes, 1):
            data = {
                "request_id": f"00000000-0000-0000-0000-{number:012d}",
                "treatment_id": cut.id,
                "staff_id": staff_id,
                "staff_chosen": True,
                "starts_at": start.isoformat(),
                "ends_at": (start + timedelta(minutes=cut.minutes)).isoformat(),
                "first_name": first,
                "last_name": last,
                "email": email,
                "phone": phone,
                "note": "",
                "language": "de",
                "notify_after_objection": False,
                "consent": {"email": None, "sms": None},
                "objection_notice_shown": True,
                "ip": "203.0.113.7",
                "user_agent": "Mozilla/5.0",
                "submitted_at": now.isoformat(),
            }
            event = GatewayEvent(number, "booking.requested", now, data=data)
            services.online_booking.apply_event(session, event)
    assert services.online_booking.requests(), "no request waits: the sidebar shows no count"


def _customer_to_ask(desktop: gui.Desktop) -> int:
    """A customer with an email address, a phone number and no consent (the consent
    panel's usual case) whose card is as wide as a card gets: with missed appointments,
    its badge counts them ("1 no-show · 0 late cancellations")."""
    services = desktop.services
    candidates = [
        customer
        for customer in services.customers.all()
        if customer.email
        and customer.phone
        and services.consent.status(customer.id).status.state(Channel.EMAIL).value == "none"
    ]
    assert candidates, "the demo salon has nobody to ask for consent"
    for customer in candidates:
        missed = services.booking.attendance(customer.id)
        if missed.no_shows or missed.late_cancellations:
            return int(customer.id)
    raise AssertionError("nobody to ask for consent has missed an appointment")


class Screens:
    """Brings up each screen of one running window and says which widget to check."""

    def __init__(self, qtbot: QtBot, desktop: gui.Desktop) -> None:
        self.qtbot = qtbot
        self.desktop = desktop
        self.window = desktop.window

    def settle(self) -> None:
        """Until nothing is left to happen: no debounce timer running (the composer asks
        the database after a pause in typing), no answer from the database on its way;
        twice in a row, since an answer may start the next timer."""
        runners = (self.desktop.ctx.db_tasks, self.desktop.ctx.gateway_tasks)
        timers = [
            timer
            for timer in self.window.findChildren(QTimer)
            if timer.isSingleShot() and timer.interval() <= 1000
        ]

        def quiet() -> bool:
            QApplication.processEvents()
            running = any(shiboken6.isValid(t) and t.isActive() for t in timers)
            return not running and not any(r._pending for r in runners)

        for _ in range(2):
            self.qtbot.waitUntil(quiet, timeout=15000)
            self.qtbot.wait(5)

    def window_screens(self) -> Iterator[tuple[str, QWidget]]:
        window = self.window
        calendar = window.page("calendar")
        window.show_section("calendar")
        for mode in ("day", "week"):
            calendar.set_mode(mode)  # type: ignore[attr-defined]
            self.settle()
            yield f"calendar-{mode}", window
        calendar.set_mode("day")  # type: ignore[attr-defined]

        customers = window.page("customers")
        window.show_section("customers")
        customers.show_customer(self.customer)  # type: ignore[attr-defined]
        self.settle()
        yield "customer", window
        form = customers.form()  # type: ignore[attr-defined]
        scroll = next(a for a in customers.findChildren(QScrollArea) if a.widget() is form)
        scroll.ensureWidgetVisible(form.consent_panel())
        self.settle()
        yield "customer-consent", window
        child(customers, QPushButton, "new_customer").click()
        self.settle()
        yield "customer-new", window
        customers.show_customer(self.customer)  # type: ignore[attr-defined]
        self.settle()
        customers.search_field().setText("Zzyzx Unbekannt")  # type: ignore[attr-defined]
        self.settle()
        yield "customers-no-match", window
        customers.search_field().clear()  # type: ignore[attr-defined]
        self.settle()

        marketing = window.page("marketing")
        window.show_section("marketing")
        marketing.show_tab(COMPOSER_TAB)  # type: ignore[attr-defined]
        composer = marketing.composer()  # type: ignore[attr-defined]
        for kind in CampaignType:
            composer.set_campaign_type(kind)
            self.settle()  # the audience is asked after a pause in typing
            yield f"composer-{kind.value}", window
        composer.set_campaign_type(CampaignType.PROMOTION)
        content = composer.content_panel()
        content.editor("subject").setText("{{ first_name }}, Ihre Herbstfarbe wartet")
        content.editor("body").setPlainText("Hallo {{ first_name }},\n15 % bis Ende Oktober.")
        filters = ("lastVisitAfterBox", "staffBox", "minVisitsBox")
        for name in filters:
            child(composer, QCheckBox, name).setChecked(True)
        content.show_tab("email")
        self.settle()
        yield "composer-filters-email", window
        for name in filters:
            child(composer, QCheckBox, name).setChecked(False)
        content.show_tab("preview")
        self.settle()
        yield "composer-preview", window
        for name, tab in (
            ("campaigns", CAMPAIGNS_TAB),
            ("dashboard", OVERVIEW_TAB),
            ("automations", AUTOMATIONS_TAB),
        ):
            marketing.show_tab(tab)  # type: ignore[attr-defined]
            self.settle()
            yield name, window
        marketing.show_tab(COMPOSER_TAB)  # type: ignore[attr-defined]

        for section in ("outbox", "online"):
            window.show_section(section)
            self.settle()
            yield section, window
            if section == "outbox":
                yield from self.outbox_previews()

        calendar.set_date(date(2031, 1, 6))  # type: ignore[attr-defined]
        window.show_section("calendar")
        self.settle()
        yield "calendar-nothing-booked", window
        calendar.go_today()  # type: ignore[attr-defined]

    def outbox_previews(self) -> Iterator[tuple[str, QWidget]]:
        """An email and an SMS in the preview, then a filter that leaves nothing."""
        outbox = self.window.page("outbox")
        model = outbox.model()  # type: ignore[attr-defined]
        for channel in (Channel.EMAIL, Channel.SMS):
            row = next(r for r in range(model.rowCount()) if model.row_at(r).channel is channel)
            outbox.table().selectRow(row)  # type: ignore[attr-defined]
            self.settle()
            yield f"outbox-{channel.value}", self.window
        outbox.set_status_filter(OutboxStatus.EXPIRED)  # type: ignore[attr-defined]
        self.settle()
        yield "outbox-empty", self.window
        outbox.set_status_filter(None)  # type: ignore[attr-defined]

    def dialogs(self) -> Iterator[tuple[str, QDialog]]:
        window = self.window
        window.action("settings").trigger()
        dialog = window.findChildren(SettingsDialog)[-1]
        self.qtbot.waitUntil(dialog.tabs.isEnabled, timeout=15000)
        for index in range(dialog.tabs.count()):
            dialog.tabs.setCurrentIndex(index)
            self.settle()
            yield f"settings-{index}", dialog
        dialog.close()

        calendar = window.page("calendar")
        window.show_section("calendar")
        calendar.new_booking()  # type: ignore[attr-defined]
        self.settle()
        booking = calendar.booking_dialog()  # type: ignore[attr-defined]
        assert booking is not None
        yield "booking", booking
        child(booking, QCheckBox, "repeat").setChecked(True)  # the series' fields too
        self.settle()
        yield "booking-repeat", booking
        child(booking, QLineEdit, "customer_search").setText("Lisa Brandt")
        child(booking, QPushButton, "new_customer").click()
        self.settle()
        yield "booking-new-customer", booking
        booking.reject()
        self.settle()

        window.show_help()  # F1
        self.settle()
        help_overlay = child(window, HelpOverlay, "help_overlay")
        yield "help", help_overlay
        help_overlay.close()

        window.action("audit_log").trigger()  # File ▸ Audit log, as the owner opens it
        self.settle()
        audit_log = window.findChildren(AuditLogDialog)[-1]
        assert audit_log.model().rowCount() > 0  # the demo's own set-up is in the log
        yield "audit-log", audit_log
        audit_log.close()

        window.show_section("customers")
        customers = window.page("customers")
        customers.show_customer(self.customer)  # type: ignore[attr-defined]
        self.settle()
        panel = customers.form().consent_panel()  # type: ignore[attr-defined]
        opened: list[QDialog] = []
        panel.dialog_opened.connect(opened.append)
        panel.checkbox().click()
        self.settle()
        assert opened, "the consent dialog did not open"
        yield "consent", opened[0]
        opened[0].reject()

    @functools.cached_property
    def customer(self) -> int:
        return _customer_to_ask(self.desktop)


def _widest(widget: QWidget) -> str:
    """Which children make ``widget`` as wide as it is: the widest visible child, down."""
    steps = []
    while True:
        children = [
            c
            for c in widget.findChildren(QWidget, options=Qt.FindChildOption.FindDirectChildrenOnly)
            if not c.isWindow()
        ]
        if not children:
            return " > ".join(steps)
        widget = max(children, key=lambda c: c.minimumSizeHint().width())
        steps.append(
            f"{type(widget).__name__}#{widget.objectName()} {widget.minimumSizeHint().width()}"
        )


def child(parent: QWidget, kind: type[W], name: str) -> W:
    found = parent.findChild(kind, name)
    assert found is not None, f"no {kind.__name__} {name!r}"
    return found


def _check(label: str, widget: QWidget, found: list[str]) -> None:
    found += [f"{label}: {clip}" for clip in clipped_texts(widget)]
    found += [f"{label}: {defect}" for defect in misaligned_form_rows(widget)]
    found += [f"{label}: {defect}" for defect in focus_out_of_sight(widget)]
    shots = os.environ.get("DESK_APP_LAYOUT_SHOTS")  # to look at what the check saw
    if shots:
        name = label.replace(" ", "_").replace("×", "x")
        widget.grab().save(str(Path(shots) / f"{name}.png"))


def _each_size(screens: Screens, found: list[str], language: str) -> None:
    """Each screen once brought up (its data loaded), then the window at every size."""
    window = screens.window
    for name, widget in screens.window_screens():
        for width, height in SIZES:
            window.resize(width, height)
            screens.settle()
            _check(f"{language} {width}×{height} {name}", widget, found)
        window.resize(*SIZES[0])


def _dialogs(screens: Screens, found: list[str], language: str) -> None:
    """Each dialog as it opens and at its own minimum size, which must fit 1024×640."""
    for name, dialog in screens.dialogs():
        _check(f"{language} {name} {dialog.width()}×{dialog.height()}", dialog, found)
        minimum = dialog.minimumSizeHint().expandedTo(dialog.minimumSize())
        if minimum.width() > MINIMUM.width() or minimum.height() > MINIMUM.height() - 40:
            found.append(f"{language} {name}: needs at least {minimum.toTuple()}")
        opened = dialog.size()
        dialog.resize(minimum)
        screens.settle()
        _check(
            f"{language} {name} at its minimum {dialog.width()}×{dialog.height()}", dialog, found
        )
        dialog.resize(opened)


@pytest.fixture
def isolated_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    return tmp_path


@pytest.mark.parametrize("language", ["en", "de"])
def test_every_screen_shows_its_texts_in_full(
    qapp: QApplication,
    qtbot: QtBot,
    salon_url: str,
    isolated_home: Path,
    monkeypatch: pytest.MonkeyPatch,
    language: str,
) -> None:
    monkeypatch.setenv("DESK_APP_LANGUAGE", language)
    # With the demo gateway: a gateway to test-send through, and its notice in the status bar.
    desktop = gui.start_desktop(qapp, salon_url, demo_gateway=True)
    found: list[str] = []
    try:
        window = desktop.window
        qtbot.addWidget(window)
        window.show()
        qtbot.waitExposed(window)
        needed = window.minimumSizeHint().expandedTo(window.minimumSize())
        if needed.width() > MINIMUM.width() or needed.height() > MINIMUM.height():
            found.append(f"{language}: the window needs at least {needed.toTuple()}")
            for key in ("calendar", "customers", "marketing", "outbox", "online"):
                page = window.page(key)
                found.append(
                    f"{language}: the {key} section needs at least "
                    f"{page.minimumSizeHint().toTuple()}: {_widest(page)}"
                )
        screens = Screens(qtbot, desktop)
        _each_size(screens, found, language)
        window.resize(MINIMUM)
        _dialogs(screens, found, language)
    finally:
        desktop.close()
    print("\n".join(["", *found, f"{len(found)} findings ({language})"]))
    assert not found, f"{len(found)} texts do not fit; the first: {found[:5]}"


def test_the_checker_finds_a_clipped_button_and_spares_an_eliding_label(qtbot: QtBot) -> None:
    """The check itself: a button narrower than its text fails, a label that elides on
    purpose (and says so) does not, a text that fits does not."""
    from PySide6.QtWidgets import QLabel, QPushButton, QVBoxLayout

    host = QWidget()
    qtbot.addWidget(host)
    layout = QVBoxLayout(host)
    clipped = QPushButton("Tagesliste drucken")
    clipped.setFixedWidth(60)
    eliding = QLabel("a long name in a narrow list " * 4)
    eliding.setProperty("elides", True)
    eliding.setMinimumWidth(1)
    fits = QLabel("Kalender")
    for widget in (clipped, eliding, fits):
        layout.addWidget(widget)
    host.resize(200, 120)
    host.show()
    qtbot.waitExposed(host)
    clips = clipped_texts(host)
    assert [c.text for c in clips] == ["Tagesliste drucken"]
    eliding.setProperty("elides", False)
    assert [c.text for c in clipped_texts(host)] == ["Tagesliste drucken", eliding.text()]


def test_at_200_percent_the_german_texts_fit_too() -> None:
    """Scaling changes the pixels per logical pixel, and with them how fonts are hinted
    and rounded: the German screens once more at the smallest size, in a process of its
    own (the scale factor is read when Qt starts)."""
    root = Path(__file__).resolve().parents[2]
    env = {
        **os.environ,
        "QT_SCALE_FACTOR": "2",
        "DESK_APP_LAYOUT_SIZES": "1024x640",
        "PYTHONPATH": str(root),
    }
    test = f"{Path(__file__).relative_to(root)}::test_every_screen_shows_its_texts_in_full[de]"
    command = [sys.executable, "-m", "pytest", "-q", "-s", "-n", "0", "-p", "no:cacheprovider"]
    run = subprocess.run(
        [*command, test], cwd=root, env=env, capture_output=True, text=True, timeout=600
    )
    assert run.returncode == 0, run.stdout[-4000:] + run.stderr[-2000:]
    assert "0 findings (de)" in run.stdout


def test_the_checks_find_an_arrow_over_a_text_a_long_message_an_indented_hint_and_a_hidden_focus(
    qtbot: QtBot,
) -> None:
    """The other checks themselves, each on the defect the screenshots showed once."""
    from PySide6.QtWidgets import (
        QFormLayout,
        QLabel,
        QMainWindow,
        QMenu,
        QToolButton,
        QVBoxLayout,
    )

    window = QMainWindow()
    qtbot.addWidget(window)
    central = QWidget()
    window.setCentralWidget(central)
    layout = QVBoxLayout(central)
    arrow = QToolButton()
    arrow.setText("Platzhalter einfügen")
    arrow.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
    arrow.setMenu(QMenu(arrow))
    layout.addWidget(arrow, 0, Qt.AlignmentFlag.AlignLeft)  # as wide as it asks to be
    form_host = QWidget()
    form = QFormLayout(form_host)
    form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
    wide = QLineEdit()
    wide.setMinimumWidth(600)  # too wide beside its label: it goes below it
    form.addRow("Bezeichnung der Kampagne:", wide)
    hint = QLabel("Werbung: nur an Kunden mit bestätigter Einwilligung")
    hint.setWordWrap(True)
    form.addRow("", hint)
    form.addRow("Bezeichnung:", QLineEdit())  # beside its label: the field column stays
    layout.addWidget(form_host)
    scroll = QScrollArea()
    scroll.setWidgetResizable(True)
    tall = QWidget()
    tall_layout = QVBoxLayout(tall)
    tall_layout.addSpacing(2000)
    field = QLineEdit()
    tall_layout.addWidget(field)
    scroll.setWidget(tall)
    layout.addWidget(scroll)
    window.statusBar().showMessage("Demo-Gateway: " + "http://127.0.0.1:60339/mailbox " * 6)
    window.resize(700, 500)
    window.show()
    qtbot.waitExposed(window)
    field.setFocus()
    scroll.verticalScrollBar().setValue(0)

    clips = {c.text for c in clipped_texts(window)}
    assert "Platzhalter einfügen" in clips
    assert window.statusBar().currentMessage() in clips
    assert len(misaligned_form_rows(window)) == 1
    assert focus_out_of_sight(window) == ["the focused QLineEdit# is out of sight"]

    # Mended, none of them is found.
    arrow.setPopupMode(QToolButton.ToolButtonPopupMode.MenuButtonPopup)
    window.statusBar().showMessage("Demo-Gateway")
    wide.setMinimumWidth(100)
    scroll.ensureWidgetVisible(field)
    qtbot.wait(10)
    assert not clipped_texts(window)
    assert not misaligned_form_rows(window)
    assert not focus_out_of_sight(window)
