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
import json
import os
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

if __package__ in (None, ""):  # run as a script: the repository root, not bench/, on the path
    sys.path[0] = str(Path(__file__).resolve().parents[1])
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import (
    QCoreApplication,
    QEvent,
    QEventLoop,
    QModelIndex,
    QSettings,
    Qt,
    QTimer,
)
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication
from sqlalchemy import insert, select, text

from bench.database import chunks, postgres_admin_url, scratch_postgres_database
from bench.measure import StatementRecorder, machine, replay
from desk_app.config.paths import templates_dir
from desk_app.db import migrate
from desk_app.db import models as m
from desk_app.db.customer_search_keys import TABLE as KEYS
from desk_app.db.customer_search_keys import key_rows
from desk_app.db.engine import Database, create_database_engine
from desk_app.services.container import build_services
from desk_app.services.customer_directory import CustomerDirectory, Position
from desk_app.services.sample_data.customers import directory_customers
from desk_app.ui.context import UiContext
from desk_app.ui.customers import customer_list_model
from desk_app.ui.customers.customers_page import CustomersPage
from desk_app.ui.tasks import TaskRunner

SEED = 20261127
PAGE = customer_list_model.PAGE_SIZE


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


def keys_of(values: dict[str, Any]) -> list[dict[str, Any]]:
    return key_rows(
        values["id"],
        values["first_name"],
        values["last_name"],
        values["first_name_key"],
        values["last_name_key"],
        values["email"],
        values["phone_digits"],
    )


def fill(db: Database, count: int) -> tuple[float, float]:
    """Bulk-inserts the customers, their name terms and search keys; the seconds it took
    in all, and the part of it that went into the search keys (made and inserted)."""
    started = time.perf_counter()
    keys_seconds = 0.0
    customers = directory_customers(random.Random(SEED), count, datetime.now(UTC))
    for chunk in chunks(customers):
        with db.write() as s:
            s.execute(insert(m.Customer), [values for values, _ in chunk])
            s.execute(
                insert(m.CustomerNameTerm),
                [{"customer_id": v["id"], "term": t} for v, terms in chunk for t in terms],
            )
            keys_started = time.perf_counter()
            keys = [row for v, _ in chunk for row in keys_of(v)]
            s.execute(insert(KEYS), keys)
            keys_seconds += time.perf_counter() - keys_started
    if db.backend == "postgresql":
        with db.engine.connect() as connection:
            connection.execute(text("ANALYZE"))
            connection.commit()
    return time.perf_counter() - started, keys_seconds


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
    insert_seconds, keys_seconds = fill(db, customers)
    print(
        f"[{label}] inserted in {insert_seconds:.1f} s, {keys_seconds:.1f} s of it the search"
        " keys (not timed below)",
        flush=True,
    )

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
            raw_ms = replay(raw_connection, recorder.statements, db.backend)

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
    ctx.db_tasks.shutdown()
    ctx.gateway_tasks.shutdown()
    QCoreApplication.processEvents()
    db.dispose()
    series = [keystroke, service, raw, scroll, first, deep]
    return {
        "backend": label,
        "customers": customers,
        "insert_seconds": round(insert_seconds, 1),
        "insert_search_keys_seconds": round(keys_seconds, 1),
        "page_size": PAGE,
        "summary": {s.name: s.summary() for s in series},
        "keystrokes": per_prefix,
    }


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


# ---- for the bench runner (python -m bench.run) --------------------------------------------
SCALES = {"chain": 200_000, "small": 5_000}
SEARCH_TARGET = "≤ 30 ms p95, every prefix"


def _p95(values: list[float]) -> float:
    return Series("", values).summary()["p95_ms"] if values else 0.0


def _rows_for(result: dict[str, Any]) -> list[dict[str, Any]]:
    backend, summary, keys = result["backend"], result["summary"], result["keystrokes"]
    raw_p95 = summary["raw SQL (same statements)"]["p95_ms"]
    short = [k for k in keys if len(k["text"]) <= 3]
    phone = [k for k in keys if k["text"].startswith("0176/")]

    def row(what: str, ms: float, baseline: float) -> dict[str, Any]:
        return {
            "what": what,
            "measured_ms": ms,
            "baseline": baseline,
            "baseline_what": "the same SQL replayed on the DB-API cursor, p95, same run",
            "ratio": round(ms / baseline, 2) if baseline else None,
            "target": SEARCH_TARGET,
            "backend": backend,
        }

    rows = [
        row(
            "customer search, service call (no Qt), p95",
            summary["service call (no Qt)"]["p95_ms"],
            raw_p95,
        ),
        row(
            "customer search, keystroke → list, p95",
            summary["keystroke → list (Qt)"]["p95_ms"],
            raw_p95,
        ),
        row(
            "customer search, 1–3 letters, p95",
            _p95([k["keystroke_ms"] for k in short]),
            _p95([k["raw_sql_ms"] for k in short]),
        ),
    ]
    if phone:
        rows.append(
            row(
                "customer search, „0176/…“, p95",
                _p95([k["keystroke_ms"] for k in phone]),
                _p95([k["raw_sql_ms"] for k in phone]),
            )
        )
    return rows


def run(scale: str = "chain") -> list[dict[str, Any]]:
    """Rows for bench/RESULTS.md: keystroke → list p95 (all, short prefixes, a phone
    prefix) beside the raw SQL of the same searches. (Peak memory with the customers list
    open is bench/startup.py's row: a process of its own, not this one's bulk load.)"""
    customers = SCALES[scale]
    app = QApplication.instance() or QApplication(sys.argv[:1])
    rows: list[dict[str, Any]] = []
    with tempfile.TemporaryDirectory() as directory:
        url = f"sqlite:///{Path(directory) / 'customers.sqlite3'}"
        rows += _rows_for(run_backend("sqlite", url, customers))
    admin = postgres_admin_url()
    if admin:
        with scratch_postgres_database(admin, "bench_customers") as url:
            rows += _rows_for(run_backend("postgresql", url, customers))
    del app
    return rows


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
    admin = postgres_admin_url()
    if admin:
        with scratch_postgres_database(admin, "bench_customers") as url:
            results.append(run_backend("postgresql", url, args.customers))
    print_table(results)
    report = {
        "benchmark": "customer_search",
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": machine(),
        "typed": TYPED,
        "results": results,
    }
    args.json.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"written: {args.json}")
    del app
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
