"""The owner's audit view: entries in words, filters, pages beyond the first as the table
scrolls, the CSV export of what the filters show, and the refusal for anyone else (SQLite;
the queries run on both backends in tests/services/test_audit_log.py)."""

from __future__ import annotations

import csv
import os
import stat
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QDate, QModelIndex, Qt
from PySide6.QtWidgets import QApplication, QFileDialog
from pytestqt.qtbot import QtBot

from desk_app.domain.access import Actor
from desk_app.domain.enums import AuditAction, Channel, ConsentSource, StaffRole
from desk_app.services.audit import AuditFilter
from desk_app.services.container import Services
from desk_app.texts import i18n
from desk_app.ui.audit.audit_access import AuditPermissionGate
from desk_app.ui.audit.audit_model import Column
from desk_app.ui.audit.audit_view import AuditLogDialog
from desk_app.ui.context import UiContext
from desk_app.ui.main_window import MainWindow
from tests.conftest import Clock
from tests.services.staff_support import Team, make_team
from tests.services.support import add_customer
from tests.support.clipping import clipped_texts

pytestmark = pytest.mark.parametrize("backend", ["sqlite"], indirect=True)
PAGE = 4  # small pages: a dozen entries take several
# This checkout's translations (an editable install may map the package's elsewhere).
TRANSLATIONS = Path(__file__).resolve().parents[2] / "resources" / "translations"


@pytest.fixture
def team(services: Services, ctx: UiContext) -> Team:
    """The four members (12 entries: each added, given a PIN, signed in), a consent
    recorded by reception, five settings savings by the manager; the owner at the window."""
    team = make_team(services)
    anna = add_customer(services)
    services.consent.declare(
        anna.id, [Channel.EMAIL, Channel.SMS], ConsentSource.PHONE, None, True, actor=team.reception
    )
    for n in range(5):
        services.catalogue.set_setting("frequency_cap", str(n + 1), actor=team.manager)
    ctx.signed_in.switch_to(team.owner)
    return team


def _open(
    qtbot: QtBot, ctx: UiContext, clock: Clock, alive: list[object], page_size: int = PAGE
) -> AuditLogDialog:
    dialog = AuditLogDialog(ctx, today=clock.now.date(), page_size=page_size)
    qtbot.addWidget(dialog)
    alive.append(dialog)
    with qtbot.waitSignal(dialog.loaded, timeout=10_000):
        pass  # the first page arrives through the event loop, which runs here
    return dialog


def _texts(dialog: AuditLogDialog, column: Column) -> list[str]:
    model = dialog.model()
    return [model.text(row, column) for row in model.rows()]


def _reload(qtbot: QtBot, dialog: AuditLogDialog, change: object) -> None:
    with qtbot.waitSignal(dialog.loaded, timeout=10_000):
        change()  # type: ignore[operator]


def _everything(qtbot: QtBot, dialog: AuditLogDialog) -> None:
    """Scroll to the end, as the table asks: a page at a time."""
    model = dialog.model()
    while model.has_more():
        shown = model.rowCount()
        model.fetchMore(QModelIndex())  # nothing while the table's own request is on its way
        qtbot.waitUntil(lambda shown=shown: model.rowCount() > shown or not model.has_more())


def test_the_owner_reads_filters_pages_and_exports_the_log(
    qtbot: QtBot,
    ctx: UiContext,
    services: Services,
    team: Team,
    clock: Clock,
    alive: list[object],
    tmp_path: Path,
) -> None:
    dialog = _open(qtbot, ctx, clock, alive)
    model = dialog.model()
    assert model.rowCount() == PAGE  # the first page only
    _everything(qtbot, dialog)
    everything = services.audit.entries(team.owner, AuditFilter(), limit=1000).rows
    assert [r.id for r in model.rows()] == [r.id for r in everything]  # newest first
    assert len(everything) == 12 + 1 + 5
    # Words, never the stored codes or JSON.
    cells = [model.text(r, c) for r in model.rows() for c in Column]
    assert not any("{" in cell or "customer:" in cell or "_" in cell for cell in cells)
    consent = next(r for r in model.rows() if r.action is AuditAction.CONSENT_DECLARED)
    assert [model.text(consent, c) for c in Column][1:] == [
        "Tanja Groß",
        "Reception",
        "Consent recorded",
        "Customer Anna Müller",
        "Email, SMS, by phone, asked by Tanja Groß",
    ]
    assert _texts(dialog, Column.DETAILS)[0] == "Frequency cap: 5"  # the settings form's name

    # By member, then by action as well.
    manager = dialog.filters.member.findData(team.manager.member_id)
    _reload(qtbot, dialog, lambda: dialog.filters.member.setCurrentIndex(manager))
    _everything(qtbot, dialog)
    assert set(_texts(dialog, Column.MEMBER)) == {"Murat Kaya"} and model.rowCount() == 6
    signed_in = dialog.filters.action.findData(AuditAction.SIGNED_IN.value)
    _reload(qtbot, dialog, lambda: dialog.filters.action.setCurrentIndex(signed_in))
    assert _texts(dialog, Column.ACTION) == ["Signed in"]
    assert _texts(dialog, Column.SUBJECT) == ["Staff member Murat Kaya"]

    # By what an entry concerns: a customer found by the counter's search rule.
    _reload(qtbot, dialog, lambda: dialog.filters.member.setCurrentIndex(0))
    _reload(qtbot, dialog, lambda: dialog.filters.action.setCurrentIndex(0))
    _reload(qtbot, dialog, lambda: dialog.filters.text.setText("anna mü"))
    assert _texts(dialog, Column.ACTION) == ["Consent recorded"]

    # Days after the last entry: an empty state that says why.
    _reload(qtbot, dialog, lambda: dialog.filters.text.clear())
    tomorrow = clock.now.date().toordinal() + 1
    later = date.fromordinal(tomorrow)
    _reload(qtbot, dialog, lambda: dialog.filters.since.setDate(QDate(later)))
    assert model.rowCount() == 0 and dialog.empty.isVisibleTo(dialog)
    assert "No entries match these filters" in dialog.empty.text()
    assert not dialog.table.isVisibleTo(dialog)
    # Its button is the way back: every entry again, the filters as they start.
    button = dialog.empty.action_button
    _reload(qtbot, dialog, lambda: qtbot.mouseClick(button, Qt.MouseButton.LeftButton))
    assert model.rowCount() > 0 and dialog.table.isVisibleTo(dialog)
    assert not dialog.filters.is_narrowed()

    # The export writes what the filters show: the manager's settings savings.
    settings = dialog.filters.action.findData(AuditAction.SETTINGS_CHANGED.value)
    _reload(qtbot, dialog, lambda: dialog.filters.action.setCurrentIndex(settings))
    target = tmp_path / "audit.csv"
    dialog.export_button.click()
    chooser = dialog.findChild(QFileDialog)
    assert chooser is not None and chooser.defaultSuffix() == "csv"
    with qtbot.waitSignal(dialog.exported, timeout=10_000) as exported:
        chooser.fileSelected.emit(str(target))  # what "Save" in the chooser does
    assert exported.args == [5]
    assert stat.S_IMODE(os.stat(target).st_mode) == 0o600
    with target.open(encoding="utf-8-sig", newline="") as handle:
        header, *rows = list(csv.reader(handle, delimiter=";"))
    assert header[:7] == [
        "id",
        "at_utc",
        "member_id",
        "member_name",
        "member_role",
        "action",
        "subject",
    ]
    assert [(r[3], r[5], r[6]) for r in rows] == [
        ("Murat Kaya", "settings_changed", "settings")
    ] * 5
    assert [r[0] for r in rows] == sorted((r[0] for r in rows), key=int, reverse=True)
    assert "5 entries saved to audit.csv." in dialog.message.text()


def test_a_reception_member_neither_opens_nor_reads_the_log(
    qtbot: QtBot,
    ctx: UiContext,
    services: Services,
    team: Team,
    clock: Clock,
    alive: list[object],
) -> None:
    window = MainWindow("Salon")
    qtbot.addWidget(window)
    alive.append(window)
    action = window.action("audit_log")
    AuditPermissionGate(action, ctx.signed_in)
    assert action.isEnabled() and action.statusTip() == ""

    # The owner has the log open; reception signs in at this window: the rows go.
    dialog = _open(qtbot, ctx, clock, alive)
    assert dialog.model().rowCount() == PAGE
    with qtbot.waitSignal(dialog.loaded, timeout=10_000):
        ctx.signed_in.switch_to(team.reception)
    refusal = "The role “Reception” may not read the audit log. Ask the owner."
    assert dialog.model().rowCount() == 0 and dialog.empty.text() == refusal
    assert not dialog.filters.isEnabled() and not dialog.export_button.isEnabled()
    assert not action.isEnabled() and action.toolTip() == refusal == action.statusTip()
    action.trigger()  # greyed out: does nothing (and would open nothing without a hook)

    # A role the window believes but the database does not: the service refuses.
    forged = Actor(team.reception.member_id, team.reception.name, StaffRole.OWNER)
    with qtbot.waitSignal(dialog.loaded, timeout=10_000):
        ctx.signed_in.switch_to(forged)
    assert dialog.model().rowCount() == 0 and dialog.empty.text() == refusal

    # The owner again: the menu entry and the rows are back.
    with qtbot.waitSignal(dialog.loaded, timeout=10_000):
        ctx.signed_in.switch_to(team.owner)
    assert dialog.model().rowCount() == PAGE and dialog.filters.isEnabled()
    assert action.isEnabled() and action.statusTip() == "" and action.toolTip() != refusal


def test_the_view_fits_small_and_laptop_screens_in_both_languages(
    qapp: QApplication,
    qtbot: QtBot,
    ctx: UiContext,
    team: Team,
    clock: Clock,
    alive: list[object],
    tmp_path: Path,
) -> None:
    shots = Path(os.environ.get("DESK_APP_LAYOUT_SHOTS") or tmp_path)
    titles = {}
    for language in ("en", "de"):  # one team for both: the fixture is the slow part
        i18n.install_translators(qapp, language, TRANSLATIONS)
        dialog = _open(qtbot, ctx, clock, alive, page_size=100)
        dialog.show()
        qtbot.waitExposed(dialog)
        for width, height in ((1024, 640), (1366, 768)):
            dialog.resize(width, height)
            QApplication.processEvents()
            assert clipped_texts(dialog) == [], (language, width)
            shot = shots / f"audit-{language}-{width}x{height}.png"
            assert dialog.grab().save(str(shot))
        header = dialog.model().headerData(Column.SUBJECT, Qt.Orientation.Horizontal)
        titles[language] = (dialog.windowTitle(), header)
        dialog.close()
    assert titles == {"en": ("Audit log", "Concerns"), "de": ("Protokoll", "Betrifft")}
