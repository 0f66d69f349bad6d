"""Render every screen and dialog to PNG files, offscreen, with demo data: German and
English, light and dark, at the window sizes receptionists' screens give and at 150 % and
200 % scaling; every picture checked for clipped or elided text as it is taken.

    python scripts/screenshots.py [--out shots] [--languages de,en] [--themes light,dark]
        [--sizes 1024x640,1366x768,1920x1080] [--scales 1.5,2] [--scaled-sizes 1024x640]
    python scripts/screenshots.py --readme     # the README's pictures, into docs/screenshots/

One command, one folder of PNGs to look at::

    shots/de/1024x640/calendar-day.png        (100 %, light)
    shots/de/1024x640-dark/calendar-day.png   (100 %, the operating system's dark scheme)
    shots/de/1024x640@2x/calendar-day.png     (200 %: QT_SCALE_FACTOR=2, twice the pixels)

Each language and each scale runs in a process of its own (Qt reads the scale factor
and the app its language once, at start). Every run builds a throwaway demo salon
(SQLite file and demo gateway in a temporary folder) per size and colour scheme, opens
the real window and grabs (``QWidget.grab()``): the calendar's day and week, the
appointment (booking) dialog and its inline new-customer form, the customers list, a
customer's form, its consent panel, a new customer's form, the consent dialog, the
marketing composer (its filters ticked with the email text, then the preview and a test
send), the campaign list after a send, automations, dashboard, the outbox, the online
requests (with the "who is it?" question), every settings tab (online booking among
them) and the keyboard help (F1). The scaled runs use the logical sizes of
``--scaled-sizes`` (1024×640 at 200 % needs a 2048×1280 screen), light only. Nothing on
this computer's real data is touched. 1024×640 is the smallest window the app supports.

The stage is the visual check's (``tests/visual/stage.py``): the clock stands still
(``tests/visual/frozen_clock.py``), the demo data is seeded, the font is DejaVu Sans, the
caret does not blink; a second run draws the same pictures unless the screens changed.
Each picture's texts are checked as it is taken (``tests/support/clipping.py``); the
clipped ones are listed at the end (``CLIPPED …``) and the exit code is 1.
``tests/ui/test_layouts_hold.py`` checks the screens at every size in the suite, and
``scripts/visual_check.py`` compares the main screens with their references.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from desk_app.services.container import Services

SIZES = "1024x640,1366x768,1920x1080"
MINIMUM = (1024, 640)
OWNER_EMAIL = "chefin@salon-demo.de"
ROOT = Path(__file__).resolve().parents[1]
# The README shows these few, German and English at 1366×768, 100 %: small enough to keep
# in the repository, and made by the same run as everything else so they cannot drift.
README_SHOTS = (
    "calendar-day",
    "booking-dialog",
    "consent-dialog",
    "marketing-composer",
    "marketing-dashboard",
    "outbox",
)
README_DARK_SHOTS = ("calendar-day",)  # into 1366x768-dark
README_DIR = ROOT / "docs" / "screenshots"
THEMES = ("light", "dark")  # tests/visual/stage.THEMES: Qt's colour schemes


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "shots")
    parser.add_argument("--languages", type=_languages, default=["de", "en"])
    parser.add_argument("--sizes", type=_sizes, default=_sizes(SIZES), help=f"e.g. {SIZES}")
    parser.add_argument(
        "--themes", type=_themes, default=list(THEMES), help="light, dark (at 100 %%)"
    )
    parser.add_argument(
        "--scales", type=_scales, default=[1.5, 2.0], help="device pixel ratios beyond 100 %%"
    )
    parser.add_argument("--scaled-sizes", type=_sizes, default=_sizes("1024x640"))
    parser.add_argument(
        "--only", type=_names, default=None, help="save only these screens (e.g. calendar-day)"
    )
    parser.add_argument(
        "--readme",
        action="store_true",
        help=f"the README's pictures: {', '.join(README_SHOTS)} at 1366x768 into {README_DIR}",
    )
    parser.add_argument("--one", action="store_true", help=argparse.SUPPRESS)  # a child run
    args = parser.parse_args()
    if args.readme:
        args.out, args.sizes, args.scales = README_DIR, _sizes("1366x768"), []
        args.only, args.themes = list(README_SHOTS), ["light"]
    if args.one:
        return _render_here(args.out, args.sizes, args.themes, args.only)
    runs = [(language, 1.0, args.sizes, args.themes) for language in args.languages]
    runs += [
        (language, scale, args.scaled_sizes, ["light"])
        for language in args.languages
        for scale in args.scales
    ]
    if args.readme:  # and the calendar in the dark, to show the colour scheme
        runs += [(language, 1.0, args.sizes, ["dark"]) for language in args.languages]
    failed = 0
    for language, scale, sizes, themes in runs:
        env = {**os.environ, "DESK_APP_LANGUAGE": language, "QT_SCALE_FACTOR": f"{scale:g}"}
        command = [
            sys.executable, __file__, "--one", "--out", str(args.out / language),
            "--sizes", ",".join(f"{w}x{h}" for w, h in sizes), "--themes", ",".join(themes),
        ]  # fmt: skip
        only = README_DARK_SHOTS if args.readme and themes == ["dark"] else args.only
        if only:
            command += ["--only", ",".join(only)]
        print(
            f"{language} at {scale:g}×, {' and '.join(themes)}: "
            f"{', '.join(f'{w}×{h}' for w, h in sizes)}",
            flush=True,
        )
        failed += subprocess.run(command, env=env, check=False).returncode != 0
    print(f"PNGs under {args.out}")
    if failed:
        print(f"{failed} runs found clipped text or failed (see above)")
    return 1 if failed else 0


def _render_here(
    out: Path, sizes: list[tuple[int, int]], themes: list[str], only: list[str] | None
) -> int:
    """One language (``DESK_APP_LANGUAGE``) at one scale (``QT_SCALE_FACTOR``), each size
    and colour scheme in its own folder: ``1024x640``, ``1024x640-dark``, or
    ``1024x640@2x`` when scaled. On the visual check's stage: the frozen clock, the font,
    no caret blink. Exit code 1 if a screen has clipped text."""
    screen = ROOT / "tests" / "offscreen-screen.json"
    os.environ["QT_QPA_PLATFORM"] = f"offscreen:configfile={screen}"
    scale = float(os.environ.get("QT_SCALE_FACTOR") or 1)
    suffix = "" if scale == 1 else f"@{scale:g}x"
    sys.path.insert(0, str(ROOT))
    from tests.visual.frozen_clock import frozen_clock

    clipped: list[str] = []
    with frozen_clock():
        for width, height in sizes:
            for theme in themes:
                with tempfile.TemporaryDirectory() as tmp:
                    os.environ["XDG_DATA_HOME"] = str(Path(tmp) / "data")
                    os.environ["XDG_CONFIG_HOME"] = str(Path(tmp) / "config")
                    folder = f"{width}x{height}{'' if theme == 'light' else '-' + theme}{suffix}"
                    clipped += render(out / folder, Path(tmp), (width, height), only, theme)
    for line in clipped:
        print(f"CLIPPED {line}")
    return 1 if clipped else 0


def _languages(text: str) -> list[str]:
    languages = [part.strip() for part in text.split(",") if part.strip()]
    unknown = set(languages) - {"de", "en"}
    if unknown or not languages:
        raise argparse.ArgumentTypeError(f"languages are de and en, not {sorted(unknown)}")
    return languages


def _themes(text: str) -> list[str]:
    themes = [part.strip() for part in text.split(",") if part.strip()]
    unknown = set(themes) - set(THEMES)
    if unknown or not themes:
        raise argparse.ArgumentTypeError(f"themes are light and dark, not {sorted(unknown)}")
    return themes


def _scales(text: str) -> list[float]:
    try:
        scales = [float(part) for part in text.split(",") if part.strip()]
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a list of scales: {text!r} (e.g. 1.5,2)") from None
    if any(scale < 1 for scale in scales):
        raise argparse.ArgumentTypeError("a scale is at least 1")
    return scales


def _names(text: str) -> list[str]:
    return [part.strip() for part in text.split(",") if part.strip()]


def _sizes(text: str) -> list[tuple[int, int]]:
    sizes = []
    for part in text.split(","):
        width, _, height = part.strip().lower().partition("x")
        if not (width.isdigit() and height.isdigit()):
            raise argparse.ArgumentTypeError(f"not a size: {part!r} (e.g. 1366x768)")
        if int(width) < MINIMUM[0] or int(height) < MINIMUM[1]:
            raise argparse.ArgumentTypeError(f"{part}: the window is at least 1024x640")
        sizes.append((int(width), int(height)))
    return sizes


def render(
    out: Path,
    tmp: Path,
    size: tuple[int, int],
    only: list[str] | None = None,
    theme: str = "light",
) -> list[str]:
    """Every screen at ``size`` in ``theme`` into ``out``; the clipped texts found."""
    sys.path.insert(0, str(ROOT))
    from PySide6.QtWidgets import QApplication, QWidget

    from desk_app.bootstrap import open_services
    from desk_app.desktop import gui
    from tests.support.clipping import clipped_texts
    from tests.visual import stage

    out.mkdir(parents=True, exist_ok=True)
    database = f"sqlite:///{tmp / 'salon.sqlite3'}"
    seed = open_services(database)
    seed.demo.fill(customers=300)
    _fill_outbox(seed)
    _fill_online(seed)
    from desk_app.domain.access import SHARED_COUNTER

    # where the test send goes
    seed.catalogue.set_setting("owner_email", OWNER_EMAIL, actor=SHARED_COUNTER)
    asked = _customer_to_ask(seed)
    seed.db.dispose()

    app = QApplication.instance() or QApplication([])
    assert isinstance(app, QApplication)
    stage.fix_the_look(app)
    desktop = gui.start_desktop(app, database, demo_gateway=True)
    stage.stop_the_clockwork(desktop)
    window = desktop.window
    stage.use_color_scheme(app, stage.THEMES[theme])
    clipped: list[str] = []

    def settle(ms: int = 0) -> None:
        """Until the database and gateway answers have arrived and no short timer runs
        (``ms``: the old fixed pauses, no longer needed)."""
        stage.settle(app, desktop)

    def shot(name: str, widget: QWidget) -> None:
        if only is not None and name not in only:
            return  # every screen is still walked: later ones depend on earlier steps
        path = out / f"{name}.png"
        widget.grab().save(str(path))
        print(path)
        clipped.extend(f"{path}: {clip}" for clip in clipped_texts(widget))

    window.show()
    stage.size_window(app, desktop, size)
    settle(800)
    steps: list[tuple[str, Callable[[], QWidget]]] = [
        ("calendar-week", lambda: _calendar(window, "week")),
        ("calendar-day", lambda: _calendar(window, "day")),
        ("outbox", lambda: _section(window, "outbox")),
    ]
    for name, prepare in steps:
        prepare()
        settle(800)
        shot(name, window)
    _booking_shots(window, settle, shot)
    _customer_shots(window, asked, settle, shot)
    _marketing_shots(window, settle, shot)
    _online_shots(window, settle, shot)
    _help_shot(window, settle, shot)
    desktop.close()
    return clipped


def _fill_outbox(s: Services) -> None:
    """A few consent requests and booking confirmations, so the outbox has something."""
    from datetime import timedelta

    from desk_app.domain.enums import Channel, ConsentSource
    from desk_app.services.booking import BookingRequest
    from tests.visual.frozen_clock import FROZEN_AT

    staff = s.catalogue.list_staff()
    cut = s.catalogue.treatment_by_name("Herrenhaarschnitt")
    declared = 0
    for customer in s.customers.all()[:40]:
        usable = s.consent.usable_channels(customer.id)
        state = s.consent.status(customer.id).status
        if Channel.EMAIL in usable and state.state(Channel.EMAIL).value == "none":
            s.consent.declare(customer.id, [Channel.EMAIL], ConsentSource.PHONE, "Tanja Groß", True)
            declared += 1
        if declared >= 4:
            break
    start = FROZEN_AT.replace(minute=0, second=0, microsecond=0) + timedelta(days=21)
    for n, customer in enumerate(s.customers.all()[50:56]):
        s.booking.book(
            BookingRequest(
                customer_id=customer.id,
                staff_id=staff[1].id,
                service_id=cut.id,
                starts_at=start + timedelta(minutes=30 * n),
                override=True,
            )
        )


def _fill_online(s: Services) -> None:
    """Online booking switched on with a public name, and a few requests from the booking
    page as the gateway reports them: one whose time was taken meanwhile, one that two
    customers match, two that were booked by themselves."""
    import uuid
    from datetime import timedelta

    from desk_app.domain.access import SHARED_COUNTER
    from desk_app.gateway.port import GatewayEvent
    from tests.visual.frozen_clock import FROZEN_AT

    s.catalogue.set_settings(
        {"online_booking": "on", "public_name": "haarwerk-mueller"}, actor=SHARED_COUNTER
    )
    staff = s.catalogue.list_staff()
    cut = s.catalogue.treatment_by_name("Herrenhaarschnitt")
    people = s.customers.all()
    by_email = next(c for c in people if c.email and c.phone)
    by_phone = next(c for c in people if c.phone and c.id != by_email.id)
    taken = s.booking.between(FROZEN_AT + timedelta(days=20), FROZEN_AT + timedelta(days=23))[0]
    day = (FROZEN_AT + timedelta(days=30)).replace(hour=9, minute=0, second=0)
    wishes = [
        (taken.starts_at, taken.staff_id, "Lena", "Vogt", "lena.vogt@example.org", None),
        (day, staff[0].id, by_email.first_name, by_email.last_name, by_email.email, by_phone.phone),
        (day + timedelta(hours=2), staff[0].id, "Jonas", "Krüger", "jonas@example.org", None),
        (day + timedelta(hours=4), staff[-1].id, "Emma", "Schulz", None, "+4915198765432"),
    ]
    with s.db.write() as session:
        for number, (start, staff_id, first, last, email, phone) in enumerate(wishes, 1):
            data = {
                "request_id": str(uuid.UUID(int=number)),  # the same on every run
                "treatment_id": cut.id,
                "staff_id": staff_id,
                "staff_chosen": number % 2 == 1,
                "starts_at": start.isoformat(),
                "ends_at": (start + timedelta(minutes=cut.minutes)).isoformat(),
                "first_name": first,
                "last_name": last,
                "email": email,
                "phone": phone,
                "note": "Bitte mit Nackenrasur" if number == 2 else "",
                "language": "de",
                "notify_after_objection": False,
                "consent": {"email": None, "sms": None},
                "objection_notice_shown": True,
                "ip": "203.0.113.7",
                "user_agent": "Mozilla/5.0",
                "submitted_at": FROZEN_AT.isoformat(),
            }
            event = GatewayEvent(number, "booking.requested", FROZEN_AT, data=data)
            s.online_booking.apply_event(session, event)


def _online_shots(window: object, settle: Callable[..., None], shot: Callable[..., None]) -> None:
    """The online requests (a list with reasons, the details, the "who is it?" question)
    and the settings' "Online booking" tab."""
    from desk_app.ui.settings.dialog import SettingsDialog

    page = window.page("online")  # type: ignore[attr-defined]
    window.show_section("online")  # type: ignore[attr-defined]
    settle(1200)
    shot("online-requests", window)
    rows = page.model().rows()
    matched = next((r for r in rows if r.reason == "two_candidates"), None)
    if matched is not None:
        page.select_request(matched.id)
        page.book_selected()
        settle(1000)
        dialog = page.candidate_dialog()
        if dialog is not None:
            shot("online-candidates", dialog)
            dialog.reject()
    page.show_all(True)
    settle(1000)
    shot("online-requests-all", window)
    for dialog in window.findChildren(SettingsDialog):  # type: ignore[attr-defined]
        dialog.close()
    window.action("settings").trigger()  # type: ignore[attr-defined]
    settle(1500)
    dialog = window.findChildren(SettingsDialog)[-1]  # type: ignore[attr-defined]
    for index in range(dialog.tabs.count()):  # every tab, whatever it is called
        dialog.tabs.setCurrentIndex(index)
        settle(300)
        shot(f"settings-{index + 1}-{_tab_name(dialog, index)}", dialog)
    dialog.close()


def _tab_name(dialog: object, index: int) -> str:
    """The settings tab's attribute on the dialog ("salon", "online", …), for the file name."""
    tab = dialog.tabs.widget(index)  # type: ignore[attr-defined]
    names = [name for name, value in vars(dialog).items() if value is tab]
    return names[0] if names else "tab"


def _calendar(window: object, mode: str) -> object:
    window.show_section("calendar")  # type: ignore[attr-defined]
    window.page("calendar").set_mode(mode)  # type: ignore[attr-defined]
    return window


def _booking_shots(window: object, settle: Callable[..., None], shot: Callable[..., None]) -> None:
    """The appointment (phone-booking) dialog as Ctrl+N opens it on the calendar, then with
    a name typed that nobody has and "New customer" pressed: the inline form."""
    from PySide6.QtWidgets import QLineEdit, QPushButton

    calendar = _calendar(window, "day").page("calendar")  # type: ignore[attr-defined]
    calendar.new_booking()
    settle(800)
    dialog = calendar.booking_dialog()
    if dialog is None:
        return
    shot("booking-dialog", dialog)
    search = dialog.findChild(QLineEdit, "customer_search")
    if search is not None:
        search.setText("Lisa Brandt")
    button = dialog.findChild(QPushButton, "new_customer")
    if button is not None:
        button.click()
        settle(800)
        shot("booking-new-customer", dialog)
    dialog.reject()
    settle(200)


def _help_shot(window: object, settle: Callable[..., None], shot: Callable[..., None]) -> None:
    """The keyboard shortcuts (F1)."""
    from desk_app.ui.help_overlay import HelpOverlay

    window.show_help()  # type: ignore[attr-defined]
    settle(400)
    overlay = window.findChild(HelpOverlay)  # type: ignore[attr-defined]
    shot("help-shortcuts", overlay)
    overlay.close()


def _section(window: object, key: str) -> object:
    window.show_section(key)  # type: ignore[attr-defined]
    return window


def _customer_to_ask(services: object) -> int:
    """A customer with an email address and no consent yet: the dialog's usual case."""
    from desk_app.domain.enums import Channel

    for customer in services.customers.all():  # type: ignore[attr-defined]
        status = services.consent.status(customer.id).status  # type: ignore[attr-defined]
        if customer.email and customer.phone and status.state(Channel.EMAIL).value == "none":
            return int(customer.id)
    return 1


def _customer_shots(
    window: object, customer_id: int, settle: Callable[..., None], shot: Callable[..., None]
) -> None:
    """The customers list with a customer's form, the form scrolled to its consent panel,
    the consent dialog, and the form of a new customer."""
    from PySide6.QtWidgets import QCheckBox, QPushButton, QScrollArea

    page = window.page("customers")  # type: ignore[attr-defined]
    window.show_section("customers")  # type: ignore[attr-defined]
    page.show_customer(customer_id)
    settle(1200)
    shot("customers", window)
    panel = page.form().consent_panel()
    scroll = next(w for w in page.findChildren(QScrollArea) if w.widget() is page.form())
    scroll.ensureWidgetVisible(panel)
    settle(300)
    shot("customer-consent", window)
    opened: list[object] = []
    panel.dialog_opened.connect(opened.append)
    panel.checkbox().click()  # what the receptionist does: the dialog, never a tick
    settle(1000)
    if opened:
        dialog = opened[0]
        boxes = dialog.findChildren(QCheckBox)  # type: ignore[attr-defined]
        if boxes:
            boxes[0].click()  # the email channel: its statement text appears
            settle(800)
        shot("consent-dialog", dialog)
        dialog.reject()  # type: ignore[attr-defined]
        settle(300)
    page.findChild(QPushButton, "new_customer").click()
    settle(600)
    shot("customer-new", window)


def _marketing_shots(
    window: object, settle: Callable[..., None], shot: Callable[..., None]
) -> None:
    """The composer (a promotion written, who is left out, the preview, a test sent to the
    owner), the campaign list right after the send, automations, dashboard."""
    from PySide6.QtWidgets import QCheckBox, QLineEdit, QMessageBox, QPushButton

    from desk_app.domain.campaigns import CampaignType
    from desk_app.ui.marketing.marketing_page import AUTOMATIONS_TAB, OVERVIEW_TAB

    def wait_for(done: Callable[[], bool], seconds: float = 15) -> None:
        for _ in range(int(seconds * 10)):
            if done():
                return
            settle(100)
        raise SystemExit("screenshots: the marketing page did not settle")

    page = window.page("marketing")  # type: ignore[attr-defined]
    window.show_section("marketing")  # type: ignore[attr-defined]
    composer = page.composer()
    composer.set_campaign_type(CampaignType.PROMOTION)
    name = composer.findChild(QLineEdit, "campaignName")
    name.setText("Herbstaktion 2026")
    content = composer.content_panel()
    content.editor("subject").setText("{{ first_name }}, Ihre Herbstfarbe wartet")
    content.editor("body").setPlainText(
        "Hallo {{ first_name }},\n\n"
        "bis Ende Oktober gibt es 15 % auf jede Coloration bei {{ salon_name }}.\n"
        "Einfach anrufen oder online buchen.\n\n"
        "Herzliche Grüße\nIhr Team von {{ salon_name }}"
    )
    wait_for(lambda: not composer.is_busy())
    for name in ("lastVisitAfterBox", "staffBox", "minVisitsBox"):
        box = composer.findChild(QCheckBox, name)
        if box is not None:
            box.setChecked(True)
    content.show_tab("email")
    wait_for(lambda: not composer.is_busy())
    settle(400)
    shot("marketing-composer-filters", window)
    for name in ("lastVisitAfterBox", "staffBox", "minVisitsBox"):
        box = composer.findChild(QCheckBox, name)
        if box is not None:
            box.setChecked(False)
    wait_for(lambda: not composer.is_busy())
    composer.audience_lists().show_excluded()
    content.show_tab("preview")
    sent_tests: list[str] = []
    composer.test_sent.connect(sent_tests.append)
    composer.test_failed.connect(sent_tests.append)
    composer.test_button().click()
    wait_for(lambda: bool(sent_tests))
    settle(400)
    shot("marketing-composer", window)

    opened: list[QMessageBox] = []
    composer.confirmation_opened.connect(opened.append)
    sent: list[object] = []
    composer.campaign_sent.connect(sent.append)
    composer.send_button().click()
    wait_for(lambda: bool(opened))
    confirm = opened[0].findChild(QPushButton, "confirmSend")
    assert confirm is not None
    confirm.click()
    wait_for(lambda: bool(sent))
    campaigns = page.campaigns()
    wait_for(lambda: campaigns.selected_campaign() is not None)
    settle(800)
    shot("marketing-campaigns", window)

    for shot_name, tab in (
        ("marketing-automations", AUTOMATIONS_TAB),
        ("marketing-dashboard", OVERVIEW_TAB),
    ):
        page.show_tab(tab)
        settle(1500)
        shot(shot_name, window)


if __name__ == "__main__":
    sys.exit(main())
