"""Online booking end to end at a large salon: the snapshot computed from a real database
and published to the real gateway process, and the booking page's responses.

    python bench/online_booking_page.py [--staff 40] [--treatments 60] [--weeks 8]
                                        [--requests 20] [--json results.json]

The desktop database (SQLite file) holds 40 bookable staff, 60 treatments, opening hours
Monday-Saturday with a lunch break and about 70 % of the next 8 weeks booked, all through
the ORM tables the desktop uses. Measured in one run, each against a baseline in the same
run on the same machine:

* compute: ``OnlineAvailabilityService.snapshot()`` (read the calendar, free time per
  staff member) vs reading the same appointments alone (the SQL floor of it);
* publish: ``PUT /v1/availability`` with that snapshot vs the same PUT of the salon's
  snapshot with online booking switched off (same endpoint, no content);
* the page: the first response of ``GET /book/<name>?treatment=…&staff=any`` after the
  publish (the days with free times over all staff) and the median of ``--requests`` more,
  and the times of one day, vs ``GET /healthz`` of the same process.

Everything talks to loopback only: the gateway runs as its own process.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from datetime import time as clock
from pathlib import Path
from typing import Any

import requests
from sqlalchemy import insert, select

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.measure import median, timed  # noqa: E402
from desk_app.bootstrap import open_services  # noqa: E402
from desk_app.db import models as m  # noqa: E402
from desk_app.domain.access import SHARED_COUNTER  # noqa: E402
from desk_app.domain.scheduling import OpeningInterval  # noqa: E402
from desk_app.gateway.client import GatewayClient  # noqa: E402
from desk_app.services.container import Services  # noqa: E402

PUBLIC_NAME = "bench-salon"


def free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def build_salon(directory: Path, staff: int, treatments: int, weeks: int) -> Services:
    services = open_services(f"sqlite:///{directory / 'desk.sqlite3'}")
    rng = random.Random(10)
    week = [OpeningInterval(d, clock(9), clock(13)) for d in range(6)]
    week += [OpeningInterval(d, clock(14), clock(19)) for d in range(5)]
    services.catalogue.set_opening_hours(week)
    services.catalogue.set_settings(
        {"online_booking": "on", "public_name": PUBLIC_NAME, "booking_horizon_weeks": str(weeks)},
        actor=SHARED_COUNTER,
    )
    now = datetime.now(UTC)
    with services.db.write() as s:
        s.add_all(m.Staff(name=f"Stylist {n:02d}", role="stylist") for n in range(staff))
        s.add_all(
            m.Treatment(name=f"Leistung {n:02d}", minutes=15 * rng.randint(1, 8), price_cents=2500)
            for n in range(treatments)
        )
        s.add(m.Customer(first_name="Bench", last_name="Kundin", first_name_key="bench",
                         last_name_key="kundin"))  # fmt: skip
        s.flush()
        customer = s.scalar(select(m.Customer.id))
        treatment = s.scalar(select(m.Treatment.id))
        rows = []
        for staff_id in s.scalars(select(m.Staff.id)):
            moment = now.replace(minute=0, second=0, microsecond=0) + timedelta(hours=1)
            end = now + timedelta(weeks=weeks)
            while moment < end:
                length = timedelta(minutes=15 * rng.randint(2, 6))
                if rng.random() < 0.7:
                    rows.append(
                        {
                            "customer_id": customer,
                            "staff_id": staff_id,
                            "service_id": treatment,
                            "starts_at": moment,
                            "ends_at": moment + length,
                            "status": "booked",
                            "source": "counter",
                            "notify": False,
                            "note": "",
                            "created_at": now,
                            "updated_at": now,
                        }  # fmt: skip
                    )
                moment += length
        s.execute(insert(m.Appointment), rows)
    print(f"desktop: {staff} staff, {treatments} treatments, {len(rows):,} appointments")
    return services


def start_gateway(directory: Path) -> tuple[subprocess.Popen[bytes], str, str]:
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("DESK_")}
    env.update(
        DESK_GATEWAY_DATABASE_URL=f"sqlite:///{directory / 'gateway.sqlite3'}",
        DESK_GATEWAY_PUBLIC_URL=f"http://127.0.0.1:{port}",
        DESK_GATEWAY_SMTP_HOST="127.0.0.1",
        DESK_GATEWAY_SMTP_PORT=str(free_port()),
        DESK_GATEWAY_SMTP_SECURITY="none",
        DESK_GATEWAY_MAIL_FROM="Bench <bench@example.org>",
        DESK_GATEWAY_SECRET_KEY_FILE=str(directory / "gateway.key"),
        DESK_GATEWAY_PAGE_RATE_PER_MINUTE="100000",
        PYTHONPATH=str(ROOT),
    )
    cli = [sys.executable, "-m", "desk_gateway"]
    token = subprocess.run(
        [*cli, "token", "create", "--name", "bench"],
        env=env, capture_output=True, text=True, check=True, cwd=directory,
    ).stdout.strip().splitlines()[-1]  # fmt: skip
    log = (directory / "gateway.log").open("wb")
    server = subprocess.Popen(
        [*cli, "serve", "--port", str(port), "--log-level", "warning"],
        env=env, stdout=log, stderr=subprocess.STDOUT, cwd=directory,
    )  # fmt: skip
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            if requests.get(url + "/healthz", timeout=1).ok:
                return server, url, token
        except requests.ConnectionError:
            time.sleep(0.1)
    server.kill()
    raise RuntimeError((directory / "gateway.log").read_text())


def get_ms(session: requests.Session, url: str, **params: str) -> float:
    started = time.perf_counter()
    answer = session.get(url, params=params, timeout=60)
    elapsed = (time.perf_counter() - started) * 1000
    if answer.status_code != 200:
        raise RuntimeError(f"{url} {params}: {answer.status_code}")
    return elapsed


def run(options: argparse.Namespace) -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as raw:
        directory = Path(raw)
        services = build_salon(directory, options.staff, options.treatments, options.weeks)
        compute_ms = [timed(services.online_availability.snapshot)[0] for _ in range(3)]
        snapshot = services.online_availability.snapshot()
        assert snapshot is not None
        with services.db.read() as s:
            floor_ms = [
                timed(
                    lambda: s.execute(
                        select(
                            m.Appointment.staff_id, m.Appointment.starts_at, m.Appointment.ends_at
                        )
                    ).all()
                )[0]  # fmt: skip
                for _ in range(3)
            ]
        size = len(json.dumps(snapshot).encode())
        off = {**snapshot, "enabled": False, "treatments": [], "staff": [], "free": []}
        server, url, token = start_gateway(directory)
        try:
            client = GatewayClient(url, token, timeout=(3, 120))
            publish_ms, starts = timed(lambda: client.publish_availability(snapshot))
            empty_ms = median(
                [timed(lambda: client.publish_availability(off))[0] for _ in range(3)]
            )
            publish_again = [
                timed(lambda: client.publish_availability(snapshot))[0] for _ in range(3)
            ]
            page = f"{url}/book/{PUBLIC_NAME}"
            treatment = str(snapshot["treatments"][0]["id"])
            session = requests.Session()
            first_ms = get_ms(session, page, treatment=treatment, staff="any")
            days_ms = [get_ms(session, page, treatment=treatment, staff="any")
                       for _ in range(options.requests)]  # fmt: skip
            first_day = (datetime.now(UTC) + timedelta(days=2)).date().isoformat()
            times_ms = [get_ms(session, page, treatment=treatment, staff="any", day=first_day)
                        for _ in range(options.requests)]  # fmt: skip
            health_ms = [get_ms(session, url + "/healthz") for _ in range(options.requests)]
            client.close()
        finally:
            server.terminate()
            server.wait(timeout=20)
        services.db.dispose()
    health = median(health_ms)
    return {
        "staff": options.staff, "treatments": options.treatments, "weeks": options.weeks,
        "snapshot_bytes": size, "published_starts": starts,
        "compute_ms": median(compute_ms), "compute_sql_floor_ms": median(floor_ms),
        "compute_vs_floor": round(median(compute_ms) / max(median(floor_ms), 0.1), 1),
        "publish_ms": round(publish_ms, 1), "publish_again_ms": median(publish_again),
        "publish_empty_ms": empty_ms,
        "publish_vs_empty": round(median(publish_again) / max(empty_ms, 0.1), 1),
        "page_first_ms": round(first_ms, 1), "page_days_ms": median(days_ms),
        "page_times_ms": median(times_ms), "healthz_ms": health,
        "page_days_vs_healthz": round(median(days_ms) / max(health, 0.1), 1),
        "page_times_vs_healthz": round(median(times_ms) / max(health, 0.1), 1),
    }  # fmt: skip


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--staff", type=int, default=40)
    parser.add_argument("--treatments", type=int, default=60)
    parser.add_argument("--weeks", type=int, default=8)
    parser.add_argument("--requests", type=int, default=20)
    parser.add_argument("--json", type=Path)
    options = parser.parse_args()
    result = run(options)
    for key, value in result.items():
        print(f"{key:>24}: {value}")
    if options.json:
        options.json.write_text(json.dumps(result, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
