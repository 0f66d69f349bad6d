"""Customer search over 200,000 customers: keystroke → updated list, next to the raw SQL.

    python bench/customer_search.py [--customers 200000] [--json customer_search.json]

A fresh SQLite file (and, when DESK_APP_TEST_POSTGRES_URL is set, a fresh PostgreSQL
database) gets 200,000 customers with realistic German names – common surnames weighted
by Zipf's law plus a long tail, first names likewise, a few double names – mobile
numbers and email addresses. The bulk insert is not timed. SQLite gets no ANALYZE (the
app never runs one); PostgreSQL does (autovacuum would).

Then the real ``CustomersPage`` (offscreen, debounce 0) is "typed into": names, first
name + surname, phone fragments in several formattings and email prefixes, one key
event per character. For every keystroke, in the same run and on the same database:

* keystroke → list: from sending the key event to the model holding the first page of
  the new text (Qt event loop, debounce timer, database worker, model reset);
* service call: ``CustomerDirectory.page`` for that text, no Qt (SQLAlchemy + rows);
* raw SQL: the statements that service call ran, replayed on the DB-API connection.

Also scrolling (``fetchMore`` → next page) and one page deep in the list (row 100,000).
Reported: median and p95 per kind, as a table and as JSON.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import random
import statistics
import sys
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import psycopg  # noqa: E402
from PySide6.QtCore import (  # noqa: E402
    QCoreApplication,
    QEvent,
    QEventLoop,
    QModelIndex,
    QSettings,
    Qt,
    QTimer,
)
from PySide6.QtGui import QKeyEvent  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402
from sqlalchemy import Engine, event, insert, make_url, select, text  # noqa: E402

from desk_app.config.paths import templates_dir  # noqa: E402
from desk_app.db import migrate  # noqa: E402
from desk_app.db import models as m  # noqa: E402
from desk_app.db.engine import Database, create_database_engine  # noqa: E402
from desk_app.domain.contact import name_key, name_terms  # noqa: E402
from desk_app.services.container import build_services  # noqa: E402
from desk_app.services.customer_directory import CustomerDirectory, Position  # noqa: E402
from desk_app.ui.context import UiContext  # noqa: E402
from desk_app.ui.customers import customer_list_model  # noqa: E402
from desk_app.ui.customers.customers_page import CustomersPage  # noqa: E402
from desk_app.ui.tasks import TaskRunner  # noqa: E402

PAGE = customer_list_model.PAGE_SIZE


# ---- realistic names ----------------------------------------------------------------------
def _words(text: str) -> list[str]:
    return text.split()


COMMON_LAST = _words(
    """Müller Schmidt Schneider Fischer Weber Meyer Wagner Becker Schulz Hoffmann Schäfer Koch
    Bauer Richter Klein Wolf Schröder Neumann Schwarz Zimmermann Braun Krüger Hofmann Hartmann
    Lange Schmitt Werner Schmitz Krause Meier Lehmann Schmid Schulze Maier Köhler Herrmann König
    Walter Mayer Huber Kaiser Fuchs Peters Lang Scholz Möller Weiß Jung Hahn Schubert Vogel
    Friedrich Keller Günther Frank Berger Winkler Roth Beck Lorenz Baumann Franke Albrecht
    Schuster Simon Ludwig Böhm Winter Kraus Martin Schumacher Krämer Vogt Stein Jäger Otto Sommer
    Groß Seidel Heinrich Brandt Haas Schreiber Graf Schulte Dietrich Ziegler Kuhn Kühn Pohl Engel
    Horn Busch Bergmann Thomas Voigt Sauer Arnold Wolff Pfeiffer Öztürk Yılmaz Kaya Demir Şahin
    Çelik Kowalski Nowak Wiśniewski Nguyen Rossi Popović Ivanov Müller-Lüdenscheidt Schmitz-Kühn"""
)
ROOTS = _words(
    """Acker Adler Bach Baum Berg Birk Blum Brand Brück Busch Dorn Eber Eck Eichen Engel Falk
    Feld Fink Fried Gold Grün Hage Hahn Hart Hasel Heide Hein Hell Herz Hirsch Hof Holz Horn Kalt
    Kamp Kirch Klee Kolb Kranz Kreuz Kurz Lamb Lind Loh Mar Mohr Moos Neu Ober Ost Pfeif Rab Reich
    Ried Rosen Roth Sand Schell Schön Seel Sieg Sonn Stahl Stein Storch Strauß Tann Thal Uhl Vogt
    Wald Wasser Weid Wein Wester Wies Wild Wind Wittig Zeller"""
)
SUFFIXES = _words(
    "mann er berg feld bach hoff stein meier huber brink kamp hausen ke ling ner s ski"
)
FIRST = _words(
    """Anna Maria Ursula Monika Petra Elisabeth Sabine Renate Helga Karin Brigitte Ingrid Erika
    Andrea Gisela Claudia Susanne Gabriele Christa Christine Hildegard Birgit Stefanie Julia
    Nicole Sandra Katrin Martina Heike Lena Lea Hannah Emma Mia Sophie Marie Lina Emilia Clara
    Johanna Laura Leonie Lisa Jana Käthe Bärbel Özlem Ayşe Zoë Agnieszka Natalia Peter Michael
    Thomas Andreas Wolfgang Klaus Jürgen Günter Stefan Christian Uwe Werner Horst Frank Dieter
    Manfred Gerhard Hans Bernd Ralf Joachim Helmut Matthias Markus Sebastian Jan Tim Lukas Leon
    Finn Jonas Paul Ben Elias Noah Felix Maximilian Jörg Björn Sören Ümit Hüseyin Mehmet René
    François Dmitri"""
)
MOBILE = ["151", "152", "157", "160", "162", "163", "170", "171", "172", "173", "175", "176"]

# What a receptionist types (each word typed one character at a time).
TYPED = [
    "Müller",
    "Schmidt",
    "Schneider",
    "Öztürk",
    "Weiß",
    "Zimmermann",
    "Krüger",
    "Hoffmann",
    "Steinbach",
    "anna mül",
    "Jörg Sch",
    "Lüdenscheidt",
    "0151 23",
    "+49 170 45",
    "0176/88",
    "anna.schm",
    "k.weber@",
]


def _cumulative(weights: list[float]) -> list[float]:
    return list(itertools.accumulate(weights))


def customer_rows(count: int, seed: int = 20261127) -> Iterator[tuple[dict[str, Any], list[str]]]:
    """Customer column values and name terms; the same data for every backend."""
    rng = random.Random(seed)
    rare = sorted({root + suffix for root in ROOTS for suffix in SUFFIXES})
    last_names = COMMON_LAST + rare
    # About half the customers carry one of the common names, half the long tail.
    last_weights = _cumulative(
        [1.5 / (rank + 1) ** 0.7 for rank in range(len(COMMON_LAST))] + [0.012] * len(rare)
    )
    first_weights = _cumulative([1.0 / (rank + 1) ** 0.5 for rank in range(len(FIRST))])
    now = datetime.now(UTC)
    for number in range(1, count + 1):
        last = rng.choices(last_names, cum_weights=last_weights)[0]
        first = rng.choices(FIRST, cum_weights=first_weights)[0]
        if rng.random() < 0.03:
            first = f"{first}-{rng.choices(FIRST, cum_weights=first_weights)[0]}"
        digits = f"{rng.choice(MOBILE)}{rng.randrange(10**6, 10**8)}"
        has_phone, has_email = rng.random() < 0.85, rng.random() < 0.8
        local = f"{name_key(first)}.{name_key(last)}".replace(" ", ".")
        yield (
            {
                "id": number,
                "ref": str(uuid.UUID(int=rng.getrandbits(128), version=4)),
                "first_name": first,
                "last_name": last,
                "first_name_key": name_key(first),
                "last_name_key": name_key(last),
                "email": f"{local}{number}@example.org" if has_email else None,
                "phone": f"+49{digits}" if has_phone else None,
                "phone_digits": digits if has_phone else None,
                "street": "",
                "postal_code": "",
                "city": "",
                "notes": "",
                "language": "de",
                "objection_notice_given": False,
                "created_at": now,
                "updated_at": now,
            },
            sorted(name_terms(first, last)),
        )


def fill(db: Database, count: int) -> float:
    started = time.perf_counter()
    rows = customer_rows(count)
    while True:
        chunk = list(itertools.islice(rows, 20_000))
        if not chunk:
            break
        with db.write() as s:
            s.execute(insert(m.Customer), [values for values, _ in chunk])
            s.execute(
                insert(m.CustomerNameTerm),
                [{"customer_id": v["id"], "term": t} for v, terms in chunk for t in terms],
            )
    if db.backend == "postgresql":
        with db.engine.connect() as connection:
            connection.execute(text("ANALYZE"))
            connection.commit()
    return time.perf_counter() - started


# ---- measuring ----------------------------------------------------------------------------
@dataclass
class Series:
    name: str
    values_ms: list[float] = field(default_factory=list)

    def summary(self) -> dict[str, float | int]:
        values = sorted(self.values_ms)
        p95 = values[min(len(values) - 1, round(0.95 * (len(values) - 1)))]
        return {
            "n": len(values),
            "median_ms": round(statistics.median(values), 2),
            "p95_ms": round(p95, 2),
            "max_ms": round(values[-1], 2),
        }


class StatementRecorder:
    """The SQL a service call sends, to replay it without SQLAlchemy."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.statements: list[tuple[str, Any]] = []
        event.listen(engine, "before_cursor_execute", self._record)

    def _record(self, _conn: Any, _cursor: Any, statement: str, parameters: Any, *_: Any) -> None:
        self.statements.append((statement, parameters))

    def close(self) -> None:
        event.remove(self.engine, "before_cursor_execute", self._record)


def wait_for(model: Any, condition: Callable[[], bool], timeout: float = 30.0) -> None:
    """Run the event loop until ``condition`` holds after a page arrived. Event-driven:
    a polling loop would compete with the database worker for the interpreter."""
    if condition():
        return
    loop = QEventLoop()

    def check(_rows: int) -> None:
        if condition():
            loop.quit()

    model.page_loaded.connect(check)
    QTimer.singleShot(int(timeout * 1000), loop.quit)
    loop.exec()
    model.page_loaded.disconnect(check)
    if not condition():
        raise TimeoutError("the list did not update")


def key_event(widget: Any, char: str) -> None:
    for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
        QCoreApplication.sendEvent(
            widget, QKeyEvent(kind, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, char)
        )


def clear_search(page: CustomersPage) -> None:
    if not page.search_field().text():
        return
    model = page.model()
    page.search_field().clear()
    wait_for(model, lambda: model.query() == "" and not model.is_loading())


def run_backend(label: str, url: str, customers: int) -> dict[str, Any]:
    engine = create_database_engine(url)
    migrate.upgrade(engine)
    db = Database(engine)
    print(f"[{label}] inserting {customers:,} customers …", flush=True)
    insert_seconds = fill(db, customers)
    print(f"[{label}] inserted in {insert_seconds:.1f} s (not timed below)", flush=True)

    services = build_services(db, templates_dir())
    directory = CustomerDirectory(db)
    settings_dir = tempfile.mkdtemp()
    settings = QSettings(str(Path(settings_dir) / "s.ini"), QSettings.Format.IniFormat)
    ctx = UiContext(services, TaskRunner("db"), TaskRunner("gateway"), settings, "Europe/Berlin")
    page = CustomersPage(ctx, directory=directory)
    page.resize(1186, 708)
    page.show()
    page.set_search_delay(0)
    wait_for(page.model(), lambda: page.model().rowCount() > 0)

    keystroke = Series("keystroke → list (Qt)")
    service = Series("service call (no Qt)")
    raw = Series("raw SQL (same statements)")
    per_prefix: list[dict[str, Any]] = []
    raw_connection = engine.raw_connection()

    def replay(statements: list[tuple[str, Any]]) -> float:
        cursor = raw_connection.cursor()
        started = time.perf_counter()
        for statement, parameters in statements:
            if not statement.lstrip().upper().startswith(("SELECT", "WITH")):
                continue  # transaction control: the raw connection has its own
            cursor.execute(statement, parameters)
            cursor.fetchall()
        elapsed = time.perf_counter() - started
        cursor.close()
        return elapsed * 1000

    # Warm-up: every prefix once through the service, so all kinds start with warm caches.
    for word in TYPED:
        for end in range(1, len(word) + 1):
            directory.page(word[:end], None, PAGE)

    field_ = page.search_field()
    for word in TYPED:
        clear_search(page)
        field_.setFocus()
        for end in range(1, len(word) + 1):
            prefix = word[:end]
            loaded: list[float] = []

            def on_loaded(_rows: int, prefix: str = prefix, loaded: list[float] = loaded) -> None:
                if page.model().query() == prefix and not loaded:
                    loaded.append(time.perf_counter())

            # Connected before the waiting loop's own check, so it stamps first.
            page.model().page_loaded.connect(on_loaded)
            started = time.perf_counter()
            key_event(field_, word[end - 1])
            wait_for(page.model(), lambda loaded=loaded: bool(loaded))
            page.model().page_loaded.disconnect(on_loaded)
            ui_ms = (loaded[0] - started) * 1000
            rows_shown = page.model().rowCount()

            recorder = StatementRecorder(engine)
            started = time.perf_counter()
            rows = directory.page(prefix, None, PAGE)
            service_ms = (time.perf_counter() - started) * 1000
            recorder.close()
            raw_ms = replay(recorder.statements)
            if db.backend == "postgresql":
                raw_connection.rollback()

            assert len(rows) == rows_shown, (prefix, len(rows), rows_shown)
            keystroke.values_ms.append(ui_ms)
            service.values_ms.append(service_ms)
            raw.values_ms.append(raw_ms)
            per_prefix.append(
                {
                    "text": prefix,
                    "rows": len(rows),
                    "keystroke_ms": round(ui_ms, 2),
                    "service_ms": round(service_ms, 2),
                    "raw_sql_ms": round(raw_ms, 2),
                    "statements": len(recorder.statements),
                }
            )

    # Scrolling the whole list: the next keyset page, as the view asks for it.
    clear_search(page)
    scroll = Series("scroll: next page (Qt)")
    model = page.model()
    for _ in range(30):
        before = model.rowCount()
        started = time.perf_counter()
        model.fetchMore(QModelIndex())
        wait_for(model, lambda before=before: model.rowCount() > before)
        scroll.values_ms.append((time.perf_counter() - started) * 1000)

    # A page in the middle costs what the first costs (keyset, not OFFSET).
    deep_row = min(customers, 100_000)
    deep = Series(f"page at row {deep_row:,} (service)")
    first = Series("page at row 1 (service)")
    with db.read() as s:
        row = s.execute(
            select(m.Customer.last_name_key, m.Customer.first_name_key, m.Customer.id)
            .order_by(m.Customer.last_name_key, m.Customer.first_name_key, m.Customer.id)
            .offset(deep_row - 1)
            .limit(1)
        ).one()
    position: Position = (str(row[0]), str(row[1]), int(row[2]))
    for _ in range(20):
        started = time.perf_counter()
        directory.page("", position, PAGE)
        deep.values_ms.append((time.perf_counter() - started) * 1000)
        started = time.perf_counter()
        directory.page("", None, PAGE)
        first.values_ms.append((time.perf_counter() - started) * 1000)

    raw_connection.close()
    page.close()
    page.deleteLater()
    ctx.db.shutdown()
    ctx.gateway.shutdown()
    QCoreApplication.processEvents()
    db.dispose()
    series = [keystroke, service, raw, scroll, first, deep]
    return {
        "backend": label,
        "customers": customers,
        "insert_seconds": round(insert_seconds, 1),
        "page_size": PAGE,
        "summary": {s.name: s.summary() for s in series},
        "keystrokes": per_prefix,
    }


# ---- databases ----------------------------------------------------------------------------
def postgres_database(admin_url: str) -> tuple[str, Callable[[], None]]:
    name = f"bench_customers_{uuid.uuid4().hex[:8]}"
    dsn = make_url(admin_url).set(drivername="postgresql").render_as_string(hide_password=False)
    with psycopg.connect(dsn, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')

    def drop() -> None:
        with psycopg.connect(dsn, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    url = make_url(admin_url).set(database=name).render_as_string(hide_password=False)
    return url, drop


def print_table(results: list[dict[str, Any]]) -> None:
    print()
    print(f"{'backend':<11} {'what':<32} {'n':>5} {'median ms':>10} {'p95 ms':>8} {'max ms':>8}")
    for result in results:
        for name, s in result["summary"].items():
            print(
                f"{result['backend']:<11} {name:<32} {s['n']:>5} {s['median_ms']:>10.2f} "
                f"{s['p95_ms']:>8.2f} {s['max_ms']:>8.2f}"
            )
        slowest = sorted(result["keystrokes"], key=lambda k: -k["keystroke_ms"])[:5]
        listed = ", ".join(f"“{k['text']}” {k['keystroke_ms']:.0f} ms" for k in slowest)
        print(f"{'':<11} slowest keystrokes: {listed}")
    print()


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--customers", type=int, default=200_000)
    parser.add_argument("--json", type=Path, default=Path("customer_search.json"))
    args = parser.parse_args()
    app = QApplication.instance() or QApplication(sys.argv[:1])
    results = []
    with tempfile.TemporaryDirectory() as directory:
        url = f"sqlite:///{Path(directory) / 'customers.sqlite3'}"
        results.append(run_backend("sqlite", url, args.customers))
    admin = os.environ.get("DESK_APP_TEST_POSTGRES_URL")
    if admin:
        url, drop = postgres_database(admin)
        try:
            results.append(run_backend("postgresql", url, args.customers))
        finally:
            drop()
    else:
        print("PostgreSQL skipped: DESK_APP_TEST_POSTGRES_URL is not set", flush=True)
    print_table(results)
    report = {
        "benchmark": "customer_search",
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": {"cpus": os.cpu_count(), "python": sys.version.split()[0]},
        "typed": TYPED,
        "results": results,
    }
    args.json.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"written: {args.json}")
    del app
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
