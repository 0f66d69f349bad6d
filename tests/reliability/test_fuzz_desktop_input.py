"""What people type, through the desktop's services and command line, on SQLite and
PostgreSQL: names, phone, email, notes, staff and service names, campaign subjects and
templates, CSV import files — with control characters, NUL, U+2028, lone surrogates,
10 kB fields, umlauts, digits in names and spreadsheet formula cells.

For every case the answer is either success or a domain error (``InvalidField`` & co.),
never a crash; nothing is half-written (a refused action leaves every table as it was, an
accepted one adds exactly its records); nothing with a forbidden character is stored
(``desk_app.domain.text_safety``); a CSV export of what was accepted has no cell that a
spreadsheet would run, and importing that export again gives the same customers.

Findings are collected over all cases and reported together with the smallest example.
"""

from __future__ import annotations

import csv
import io
import os
import re
import subprocess
import sys
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path
from typing import Any, TypeVar

import pytest
from hypothesis import HealthCheck, Phase, example, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from desk_app.config.paths import templates_dir
from desk_app.db import models as m
from desk_app.db.engine import Database, create_database_engine
from desk_app.domain.access import SHARED_COUNTER
from desk_app.domain.campaigns import CampaignType, ChannelChoice
from desk_app.domain.enums import Channel, ConsentEvent, ConsentSource, StaffRole
from desk_app.domain.errors import DomainError, ImportRejected
from desk_app.services.campaign_rows import CampaignDraft
from desk_app.services.container import Services, build_services
from desk_app.services.customer_csv import CsvImporter, export_customers
from desk_app.services.rows import CustomerInput
from tests import databases
from tests.conftest import Clock
from tests.reliability.adversarial_support.typing_strategies import (
    FORMULAS,
    emails,
    forbidden_in,
    phones,
    plain_name,
    spreadsheet_executes,
    typed_text,
)
from tests.reliability.conftest import Record
from tests.services.support import add_customer, add_ledger_entry, ledger_rows, make_salon

pytestmark = pytest.mark.slow

ENTRY_EXAMPLES = 60
CAMPAIGN_EXAMPLES = 40
IMPORT_EXAMPLES = 40
CLI_EXAMPLES = 3

DERANDOMIZE = os.environ.get("DESK_APP_FUZZ_RANDOM") != "1"
FUZZ_SETTINGS: dict[str, Any] = {
    "deadline": None,
    "database": None,
    "derandomize": DERANDOMIZE,
    "phases": [Phase.explicit, Phase.generate],
    "suppress_health_check": list(HealthCheck),
}
TABLES = [table for table in m.Base.metadata.sorted_tables]
# A customer row and what the database derives from it (search keys, the audience read model).
CUSTOMER_TABLES = {"customers", "customer_name_terms", "customer_search_keys", "audience_facts"}
SINGLE_LINE = ("first_name", "last_name", "email", "phone", "street", "postal_code", "city")
T = TypeVar("T")


# ---- bookkeeping --------------------------------------------------------------------------------
def snapshot(db: Database) -> dict[str, int]:
    """Row counts of every table of the desktop's schema."""
    with db.read() as s:
        return {
            t.name: int(s.execute(select(func.count()).select_from(t)).scalar_one()) for t in TABLES
        }


@dataclass
class Findings:
    cases: int = 0
    outcomes: Counter[str] = field(default_factory=Counter)
    bad: dict[str, str] = field(default_factory=dict)  # kind: smallest example

    def note(self, kind: str, example: str) -> None:
        self.outcomes[kind.split(":")[0]] += 1
        shown = _short(example)
        if kind not in self.bad or len(shown) < len(self.bad[kind]):
            self.bad[kind] = shown

    def count(self, prefix: str) -> int:
        return self.outcomes[prefix]

    def report(self) -> str:
        return "\n".join(
            f"- {kind}\n    e.g. {example}" for kind, example in sorted(self.bad.items())
        )


def _short(text: str, limit: int = 400) -> str:
    """Runs of one character collapsed ("x" * 10,000 → "x×10000"), then cut."""
    text = re.sub(r"(.)\1{7,}", lambda m: f"{m.group(1)}×{len(m.group(0))}", text, flags=re.S)
    text = re.sub(r"((?:\\u2028|a\\u2028|a\u2028){4,})", lambda m: f"[{m.group(0)[:12]}…]", text)
    return text if len(text) <= limit else text[:limit] + "…"


def attempt(action: Callable[[], T]) -> tuple[str, T | BaseException]:
    """("ok", result), ("refused", domain error) or ("crash", anything else)."""
    try:
        return "ok", action()
    except DomainError as exc:
        return "refused", exc
    except Exception as exc:  # noqa: BLE001 - a crash is what this test looks for
        return "crash", exc


def crash_kind(where: str, exc: BaseException) -> str:
    cause = exc.__cause__ or exc.__context__
    detail = f" ({type(cause).__name__})" if cause is not None else ""
    message = re.sub(r"\d+", "N", str(exc).splitlines()[0] if str(exc) else "")[:120]
    return f"crash: {where}: {type(exc).__name__}{detail}: {message}"


def delta(before: dict[str, int], after: dict[str, int]) -> dict[str, int]:
    return {k: after[k] - before[k] for k in after if after[k] != before[k]}


def describe_changes(changes: dict[str, int]) -> str:
    return ", ".join(f"{k} {v:+d}" for k, v in sorted(changes.items())) or "nothing"


# ---- 1. typing into the customer, staff and service forms ---------------------------------------
@dataclass(frozen=True)
class Typed:
    customer: CustomerInput
    staff: str
    service: str
    category: str


typed = st.builds(
    Typed,
    customer=st.builds(
        CustomerInput,
        first_name=plain_name | typed_text,
        last_name=plain_name | typed_text,
        email=st.none() | emails,
        phone=st.none() | phones,
        street=st.just("") | typed_text,
        postal_code=st.just("") | typed_text,
        city=st.just("") | typed_text,
        notes=st.just("") | typed_text,
    ),
    staff=plain_name | typed_text,
    service=plain_name | typed_text,
    category=st.just("") | typed_text,
)


def _customer_fields_dirty(data: CustomerInput) -> list[str]:
    dirty = [f for f in SINGLE_LINE if forbidden_in(getattr(data, f) or "")]
    if forbidden_in(data.notes, multiline=True):
        dirty.append("notes")
    return dirty


def _check_entry(services: Services, findings: Findings, case: Typed) -> None:
    db = services.db
    data = case.customer
    before = snapshot(db)
    outcome, result = attempt(lambda: services.customers.create(data, allow_duplicate=True))
    after = snapshot(db)
    changes = delta(before, after)
    dirty = _customer_fields_dirty(data)
    if outcome == "crash":
        findings.note(crash_kind("customers.create", result), repr(data))  # type: ignore[arg-type]
    if outcome != "ok" and changes:
        findings.note(
            "half-written: refused customer left rows", f"{describe_changes(changes)}: {data!r}"
        )
    if outcome == "ok":
        if set(changes) - CUSTOMER_TABLES or changes.get("customers") != 1:
            findings.note(
                "half-written: customer added more than itself", describe_changes(changes)
            )
        stored = services.customers.get(result.id)  # type: ignore[union-attr]
        if stored != result:
            findings.note("read back differs from what was stored", f"{result!r} vs {stored!r}")
        if dirty:
            findings.note(
                f"accepted forbidden characters: customer {', '.join(dirty)}",
                repr({f: getattr(data, f) for f in dirty}),
            )
    for what, add, text in (
        (
            "staff",
            lambda: services.catalogue.add_staff(
                case.staff, StaffRole.STYLIST, actor=SHARED_COUNTER
            ),
            case.staff,
        ),
        (
            "service",
            lambda: services.catalogue.add_treatment(case.service, 30, 2500, case.category),
            case.service + case.category,
        ),
    ):
        before = snapshot(db)
        outcome, result = attempt(add)
        changes = delta(before, snapshot(db))
        if outcome == "crash":
            findings.note(crash_kind(f"add {what}", result), repr(text))  # type: ignore[arg-type]
        elif outcome == "ok" and forbidden_in(text):
            findings.note(f"accepted forbidden characters: {what} name", repr(text))
        if outcome != "ok" and changes:
            findings.note(f"half-written: refused {what} left rows", describe_changes(changes))


def test_typed_master_data_is_stored_clean_or_refused(
    services: Services, backend: str, reliability: Record
) -> None:
    findings = Findings()

    @settings(max_examples=ENTRY_EXAMPLES, **FUZZ_SETTINGS)
    @given(case=typed)
    @example(  # the classics, every run: NUL, U+2028, a lone surrogate, 10 kB, a formula
        Typed(
            CustomerInput("Anna\x00", "Mül\u2028ler", notes="x" * 10_000, city="\ud800"),
            staff="Jörg\x00Weiß",
            service='=HYPERLINK("http://evil.example","Klick")',
            category="\u2029",
        )
    )
    def run(case: Typed) -> None:
        findings.cases += 1
        _check_entry(services, findings, case)

    run()
    _record(reliability, "customer, staff and service entry", backend, findings)


# ---- 2. campaign subjects and templates ---------------------------------------------------------
template_text = st.one_of(
    typed_text,
    st.lists(
        st.sampled_from(("Hallo {{ first_name }}", ", ", "{{ salon_name }}", "\n", "20 % ab"))
        | typed_text,
        max_size=5,
    ).map("".join),
)


def _confirmed_customer(services: Services, clock: Clock) -> None:
    salon = make_salon(services)
    customer = add_customer(services, "Anna", "Müller", "anna@example.org", "0151 12345678")
    [declared] = services.consent.declare(
        customer.id, [Channel.EMAIL], ConsentSource.PHONE, salon.reception.name, True
    )
    at = ledger_rows(services.db, customer.id)[-1].at + timedelta(minutes=5)
    add_ledger_entry(
        services.db, customer.id, ConsentEvent.CONFIRMED, at, Channel.EMAIL, declared.request_id
    )


def test_campaign_subjects_and_templates_are_queued_clean_or_refused(
    services: Services, clock: Clock, backend: str, reliability: Record
) -> None:
    _confirmed_customer(services, clock)
    findings = Findings()

    @settings(max_examples=CAMPAIGN_EXAMPLES, **FUZZ_SETTINGS)
    @given(name=plain_name | typed_text, subject=template_text, body=template_text)
    @example(name="Winter", subject="Hallo\r\nBcc: all@example.org", body="20 %\x00 ab")
    @example(name="Winter\u2028", subject="Hallo {{ first_name }}\u2028", body="Text\ud800")
    def run(name: str, subject: str, body: str) -> None:
        findings.cases += 1
        clock.advance(days=40)  # out of the frequency cap of the previous example
        draft = CampaignDraft(
            name=name,
            type=CampaignType.PROMOTION,
            channel=ChannelChoice.EMAIL,
            subject=subject,
            body=body,
        )
        before = snapshot(services.db)
        outcome, result = attempt(lambda: services.campaigns.send(draft, actor=SHARED_COUNTER))
        changes = delta(before, snapshot(services.db))
        if outcome == "crash":
            findings.note(crash_kind("campaigns.send", result), repr(draft))  # type: ignore[arg-type]
        if outcome != "ok" and changes:
            findings.note(
                "half-written: refused campaign left rows",
                f"{describe_changes(changes)}: {draft!r}",
            )
        if outcome == "ok":
            # The campaign, its one message and the audit log's entry for the send.
            if changes != {"campaigns": 1, "outbox": 1, "audit_log": 1}:
                findings.note("half-written: campaign queued", describe_changes(changes))
            with services.db.read() as s:
                row = s.scalars(select(m.OutboxMessage).order_by(m.OutboxMessage.id.desc())).first()
            assert row is not None
            dirty = [
                f
                for f, text, multi in (
                    ("name", name, False),
                    ("subject", row.subject or "", False),
                    ("text", row.body or "", True),
                )
                if forbidden_in(text, multiline=multi)
            ]
            if dirty:
                findings.note(
                    f"accepted forbidden characters: campaign {', '.join(dirty)}",
                    repr(draft),
                )

    run()
    _record(reliability, "campaign subjects and templates", backend, findings)


# ---- 3. CSV import and export -------------------------------------------------------------------
HEADER = ("Vorname", "Nachname", "E-Mail", "Telefon", "Straße", "PLZ", "Ort", "Notizen")
csv_row = st.tuples(
    plain_name | typed_text,
    plain_name | typed_text,
    st.just("") | emails,
    st.just("") | phones,
    st.just("") | typed_text,
    st.just("") | typed_text,
    st.just("") | typed_text,
    st.just("") | typed_text | st.sampled_from(FORMULAS),
)


def _csv_bytes(rows: list[tuple[str, ...]], delimiter: str, broken: bool = False) -> bytes:
    """As a spreadsheet program saves it (UTF-8 with BOM). ``broken``: a lone surrogate
    becomes the bytes a careless editor writes for it (not UTF-8 any more); otherwise
    it is left out."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, delimiter=delimiter)
    writer.writerow(HEADER)
    writer.writerows(rows)
    text = buffer.getvalue()
    if broken:
        return b"\xef\xbb\xbf" + text.encode("utf-8", "surrogatepass")
    return b"\xef\xbb\xbf" + text.encode("utf-8", "ignore")


def _customer_tuples(services: Services) -> set[tuple[Any, ...]]:
    keys = ("first_name", "last_name", "email", "phone", "street", "postal_code", "city", "notes")
    return {tuple(getattr(c, k) for k in keys) for c in services.customers.all()}


def _check_import(
    services: Services,
    findings: Findings,
    path: Path,
    rows: list[tuple[str, ...]],
    skip: bool,
    broken: bool = False,
) -> None:
    before = snapshot(services.db)
    before_customers = _customer_tuples(services)
    importer = CsvImporter(services.customers, services.db)
    outcome, result = attempt(lambda: importer.import_file(path, skip_invalid=skip))
    changes = delta(before, snapshot(services.db))
    example = f"skip_invalid={skip} rows={rows!r}"
    if outcome == "crash":
        findings.note(crash_kind("customers import", result), example)  # type: ignore[arg-type]
    if outcome != "ok":
        if changes:
            findings.note(
                "half-written: refused import left rows", f"{describe_changes(changes)}: {example}"
            )
        return
    report = result
    added = _customer_tuples(services) - before_customers
    if changes.get("customers", 0) != report.imported or len(added) != report.imported:  # type: ignore[union-attr]
        findings.note(
            "import wrote other than it reported",
            f"reported {report.imported}, changes {describe_changes(changes)}: {example}",  # type: ignore[union-attr]
        )
    if set(changes) - CUSTOMER_TABLES:
        findings.note("half-written: import touched other tables", describe_changes(changes))
    # What the file says (a valid UTF-8 file; lone surrogates were left out when writing).
    said = {tuple(v.encode("utf-8", "ignore").decode().strip() for v in row[:2]) for row in rows}
    for values in added:
        if not broken and tuple(values[:2]) not in said:
            findings.note(
                "import stored other names than the file has",
                f"stored {values[:2]!r}, file {sorted(said)!r}",
            )
        dirty = [f for f, v in zip(SINGLE_LINE, values, strict=False) if forbidden_in(v or "")]
        if forbidden_in(values[-1] or "", multiline=True):
            dirty.append("notes")
        if dirty:
            findings.note(f"accepted forbidden characters: import {', '.join(dirty)}", repr(values))


def _check_export_and_reimport(
    services: Services, other: Services, findings: Findings, path: Path
) -> int:
    count = export_customers(services.customers, path)
    text = path.read_text(encoding="utf-8-sig")
    for row in csv.reader(io.StringIO(text, newline=""), delimiter=";"):
        for cell in row:
            if spreadsheet_executes(cell):
                findings.note("export has a cell a spreadsheet would run", repr(cell))
    outcome, result = attempt(lambda: CsvImporter(other.customers, other.db).import_file(path))
    if outcome == "crash":
        findings.note(crash_kind("re-import of the export", result), "")  # type: ignore[arg-type]
    elif outcome == "refused":
        shown = result.rejected[:5] if isinstance(result, ImportRejected) else result
        findings.note("re-import of the export refused", repr(shown))
    else:
        exported, back = _customer_tuples(services), _customer_tuples(other)
        if exported != back:
            findings.note(
                "re-import of the export gives other data",
                f"only before: {sorted(exported - back)[:2]!r}; "
                f"only after: {sorted(back - exported)[:2]!r}",
            )
    return count


@pytest.fixture
def other_services(
    backend: str, tmp_path: Path, sqlite_template: Path, postgres_template: str | None, clock: Clock
) -> Any:
    directory = tmp_path / "reimport"
    directory.mkdir()
    with databases.fresh_database(
        backend, "reimport", directory, sqlite_template, postgres_template
    ) as url:
        database = Database(create_database_engine(url))
        try:
            yield build_services(database, templates_dir(), clock=clock)
        finally:
            database.dispose()


def test_csv_import_is_all_or_nothing_and_its_export_is_safe(
    services: Services, other_services: Services, tmp_path: Path, backend: str, reliability: Record
) -> None:
    findings = Findings()
    path = tmp_path / "import.csv"

    @settings(max_examples=IMPORT_EXAMPLES, **FUZZ_SETTINGS)
    @given(
        rows=st.lists(csv_row, min_size=1, max_size=5),
        delimiter=st.sampled_from((";", ",")),
        skip=st.booleans(),
        broken=st.sampled_from((False, False, False, True)),
    )
    @example(
        rows=[("Anna\x00", "Müller", "", "", "", "", "", '=HYPERLINK("http://evil.example")')],
        delimiter=";",
        skip=False,
        broken=False,
    )
    @example(
        rows=[
            ("Ben", "Öztürk", "", "", "", "", "", "+cmd|' /C calc'!A0"),
            ("Cem", "Yılmaz", "", "", "", "", "", "@SUM(1+1)"),
            ("Dora", "Weiß\u2028", "", "", "", "", "", ""),
        ],
        delimiter=",",
        skip=True,
        broken=False,
    )
    def run(rows: list[tuple[str, ...]], delimiter: str, skip: bool, broken: bool) -> None:
        findings.cases += 1
        path.write_bytes(_csv_bytes(rows, delimiter, broken))
        _check_import(services, findings, path, rows, skip, broken)

    run()
    exported = _check_export_and_reimport(
        services, other_services, findings, tmp_path / "export.csv"
    )
    _record(
        reliability,
        "CSV import, export and re-import",
        backend,
        findings,
        exported=exported,
        formula_cells=findings.count("export has a cell a spreadsheet would run"),
    )


# ---- 4. the command line ------------------------------------------------------------------------
def _argv_safe(text: str) -> str:
    """What can be passed as a process argument: no NUL; undecodable bytes come through as
    surrogates (os.fsencode), other lone surrogates cannot be passed at all."""
    out = []
    for char in text.replace("\x00", ""):
        try:
            os.fsencode(char)
        except UnicodeEncodeError:
            continue
        out.append(char)
    return "".join(out)


def _desk(database: str, tmp_path: Path, *args: str) -> subprocess.CompletedProcess[bytes]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("DESK_APP_")}
    env.update(
        QT_QPA_PLATFORM="offscreen",
        DESK_APP_LANGUAGE="en",
        PYTHONIOENCODING="utf-8",
        XDG_DATA_HOME=str(tmp_path / "data"),
        XDG_CONFIG_HOME=str(tmp_path / "config"),
    )
    return subprocess.run(
        [sys.executable, "-m", "desk_app", "--database", database, *map(os.fsencode, args)],  # type: ignore[list-item]
        env=env,
        capture_output=True,
        timeout=120,
        check=False,
    )


cli_command = st.one_of(
    st.builds(
        lambda first, last, email, notes: (
            "customers",
            "add",
            "--first-name",
            first,
            "--last-name",
            last,
            "--email",
            email,
            "--notes",
            notes,
        ),
        typed_text,
        typed_text,
        emails,
        typed_text,
    ),  # fmt: skip
    st.builds(lambda name: ("staff", "add", name, "--role", "stylist"), typed_text),
    st.builds(
        lambda name: ("services", "add", name, "--minutes", "30", "--price", "25"), typed_text
    ),
    st.builds(
        lambda rows: ("customers", "import", "@file", rows),
        st.lists(csv_row, min_size=1, max_size=3),
    ),
)


def test_command_line_answers_hostile_input_with_exit_0_or_1(
    database_url: str, db: Database, tmp_path: Path, backend: str, reliability: Record
) -> None:
    findings = Findings()
    path = tmp_path / "kunden.csv"

    @settings(max_examples=CLI_EXAMPLES, **FUZZ_SETTINGS)
    @given(command=cli_command)
    @example(
        ("customers", "import", "@file", [("Anna\x00", "Mül\ud800ler", "", "", "", "", "", "=1+1")])
    )
    def run(command: tuple[Any, ...]) -> None:
        findings.cases += 1
        if command[2] == "@file":
            path.write_bytes(_csv_bytes(command[3], ";", broken=True))
            args = (*command[:2], str(path))
        else:
            args = tuple(_argv_safe(a) for a in command)
        before = snapshot(db)
        done = _desk(database_url, tmp_path, *args)
        changes = delta(before, snapshot(db))
        stderr = done.stderr.decode("utf-8", "replace")
        example = f"desk-app {' '.join(map(repr, args))[:300]} → {done.returncode}: {stderr[-300:]}"
        if done.returncode not in (0, 1):
            findings.note(f"crash: {' '.join(args[:2])} exit {done.returncode}", example)
        elif done.returncode == 1 and ("Traceback" in stderr or not stderr.strip()):
            findings.note("exit 1 without a clear message", example)
        if done.returncode != 0 and changes:
            findings.note(
                "half-written: failed command left rows", f"{describe_changes(changes)}: {example}"
            )

    run()
    _record(
        reliability, "desk-app command line with hostile arguments and files", backend, findings
    )


# ---- reporting ----------------------------------------------------------------------------------
def _record(reliability: Record, what: str, backend: str, findings: Findings, **extra: int) -> None:
    reliability(
        f"hypothesis: {what} ({backend})",
        "control characters, NUL, U+2028, lone surrogates, 10 kB fields, umlauts, formulas",
        cases=findings.cases,
        crashes=findings.count("crash"),
        half_written=findings.count("half-written"),
        forbidden_characters_stored=findings.count("accepted forbidden characters"),
        **extra,
    )
    assert not findings.bad, f"{what} on {backend}:\n" + findings.report()
