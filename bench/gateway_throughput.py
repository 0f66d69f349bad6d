"""Throughput: 5,000 emails desktop → gateway → SMTP, next to plain smtplib in the same run.

    python bench/gateway_throughput.py [--messages 5000] [--json results.json]

Everything runs on loopback: an aiosmtpd server in this process, the gateway as its own
process (``desk-gateway serve``), the desktop's sync service in this process against a
fresh SQLite database whose customers are the demo salon's (``desk_app.services.sample_data``).
The baseline sends the same mails straight to the same SMTP server with smtplib over one
connection (building each mail, as the gateway does).
Reported: messages per second of both, and their ratio (target: ≥ 50 %).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import smtplib
import socket
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import requests
from aiosmtpd.controller import Controller
from sqlalchemy import insert, select

if __package__ in (None, ""):  # run as a script: the repository root, not bench/, on the path
    sys.path[0] = str(Path(__file__).resolve().parents[1])

from desk_app.bootstrap import open_services
from desk_app.config.paths import templates_dir
from desk_app.db import models as m
from desk_app.gateway.client import GatewayClient
from desk_app.services.messages import MessageTemplates
from desk_app.services.sample_data.customers import salon_customers
from desk_app.services.sync import SyncService
from desk_gateway.email_transport import OutgoingEmail, build_mime

ROOT = Path(__file__).resolve().parents[1]
SEED = 7  # the demo salon's customers
Customers = list[dict[str, Any]]


def recipients(messages: int) -> Customers:
    """The first ``messages`` demo salon customers with an email address."""
    rows = salon_customers(random.Random(SEED), 2 * messages + 100, datetime.now(UTC))
    with_email = [row for row in rows if row["email"]][:messages]
    if len(with_email) < messages:
        raise SystemExit(f"only {len(with_email)} customers with an email address")
    return with_email


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class Counter:
    def __init__(self) -> None:
        self.count = 0
        self.lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):
        with self.lock:
            self.count += 1
        return "250 OK"

    def wait_for(self, target: int, timeout: float) -> float:
        deadline = time.perf_counter() + timeout
        while time.perf_counter() < deadline:
            if self.count >= target:
                return time.perf_counter()
            time.sleep(0.005)
        raise RuntimeError(f"only {self.count} of {target} mails arrived")


def body(n: int) -> str:
    return (
        f"Hallo Kundin {n},\n\nIhr Termin bei Haarwerk Müller ist gebucht:\n\n"
        "  Damenhaarschnitt bei Jörg Weiß\n  Dienstag, 5. März 2030 um 10:00 Uhr\n\n"
        "Wenn Sie den Termin nicht wahrnehmen können, sagen Sie bitte rechtzeitig ab.\n"
    )


def baseline(counter: Counter, port: int, customers: Customers) -> float:
    start_count = counter.count
    started = time.perf_counter()
    client = smtplib.SMTP("127.0.0.1", port, timeout=30)
    for n, customer in enumerate(customers):
        mail = OutgoingEmail(
            sender="Haarwerk Müller <salon@example.org>",
            to=customer["email"],
            subject="Ihr Termin bei Haarwerk Müller",
            text=body(n) + "\n--\nAbmelden: http://127.0.0.1/u/baseline",
            message_id=f"<baseline-{n}@example.org>",
            unsubscribe_url="http://127.0.0.1/u/baseline",
        )
        client.send_message(build_mime(mail))
    client.quit()
    finished = counter.wait_for(start_count + len(customers), timeout=600)
    return finished - started


def prepare_desktop(directory: Path, customers: Customers) -> object:
    """A desktop database with a booking confirmation to each customer waiting in the outbox."""
    services = open_services(f"sqlite:///{directory / 'desk.sqlite3'}")
    now = datetime.now(UTC)
    with services.db.write() as s:
        staff = m.Staff(name="Jörg Weiß", role="stylist")
        service = m.Treatment(name="Damenhaarschnitt", minutes=30, price_cents=4900)
        s.add_all([staff, service])
        s.flush()
        s.execute(insert(m.Customer), customers)
        ids = list(s.scalars(select(m.Customer.id).order_by(m.Customer.id)))
        start = now + timedelta(days=30)
        s.execute(
            insert(m.Appointment),
            [
                {
                    "customer_id": cid,
                    "staff_id": staff.id,
                    "service_id": service.id,
                    "starts_at": start + timedelta(minutes=30 * n),
                    "ends_at": start + timedelta(minutes=30 * n + 30),
                    "status": "booked",
                    "source": "phone",
                    "notify": True,
                    "note": "",
                    "created_at": now,
                    "updated_at": now,
                }
                for n, cid in enumerate(ids)
            ],
        )
        appointments = list(s.scalars(select(m.Appointment.id).order_by(m.Appointment.id)))
        s.execute(
            insert(m.OutboxMessage),
            [
                {
                    "client_id": str(uuid.uuid4()),
                    "customer_id": cid,
                    "appointment_id": aid,
                    "channel": "email",
                    "category": "transactional",
                    "kind": "booking_confirmation",
                    "to_address": customer["email"],
                    "subject": "Ihr Termin bei Haarwerk Müller",
                    "body": body(n) + "\nKeine Nachrichten mehr erhalten: $unsubscribe_url\n",
                    "payload": {},
                    "status": "queued",
                    "attempts": 0,
                    "created_at": now,
                    "updated_at": now,
                }
                for n, (customer, cid, aid) in enumerate(
                    zip(customers, ids, appointments, strict=True)
                )
            ],
        )
    return services


def pipeline(
    counter: Counter, smtp_port: int, customers: Customers, directory: Path
) -> dict[str, float]:
    gw_port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("DESK_")}
    env.update(
        DESK_GATEWAY_DATABASE_URL=f"sqlite:///{directory / 'gateway.sqlite3'}",
        DESK_GATEWAY_PUBLIC_URL=f"http://127.0.0.1:{gw_port}",
        DESK_GATEWAY_SMTP_HOST="127.0.0.1",
        DESK_GATEWAY_SMTP_PORT=str(smtp_port),
        DESK_GATEWAY_SMTP_SECURITY="none",
        DESK_GATEWAY_MAIL_FROM="Haarwerk Müller <salon@example.org>",
        DESK_GATEWAY_SMS_PROVIDER="none",
        PYTHONPATH=str(ROOT),  # the gateway of this checkout, wherever it runs
        # The link key, if the gateway keeps it in a file: next to the database.
        DESK_GATEWAY_SECRET_KEY_FILE=str(directory / "desk-gateway.key"),
    )
    gateway_cli = [sys.executable, "-m", "desk_gateway"]
    token = subprocess.run(
        [*gateway_cli, "token", "create", "--name", "bench"],
        env=env, capture_output=True, text=True, check=True, cwd=directory,
    ).stdout.strip().splitlines()[-1]  # fmt: skip
    log = (directory / "gateway.log").open("wb")
    server = subprocess.Popen(
        [*gateway_cli, "serve", "--port", str(gw_port), "--log-level", "warning"],
        env=env, stdout=log, stderr=subprocess.STDOUT, cwd=directory,
    )  # fmt: skip
    try:
        url = f"http://127.0.0.1:{gw_port}"
        deadline = time.monotonic() + 30
        while True:
            try:
                if requests.get(url + "/healthz", timeout=1).ok:
                    break
            except requests.ConnectionError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.1)
        services = prepare_desktop(directory, customers)
        client = GatewayClient(url, token)
        sync = SyncService(
            services.db,  # type: ignore[attr-defined]
            client,
            url,
            services.outbox,  # type: ignore[attr-defined]
            MessageTemplates(templates_dir()),
            lambda: datetime.now(UTC),
        )
        start_count = counter.count
        started = time.perf_counter()
        report = sync.run_once()
        handed_over = time.perf_counter()
        messages = len(customers)
        if not report.ok or report.accepted != messages:
            raise RuntimeError(f"sync failed: {report}")
        finished = counter.wait_for(start_count + messages, timeout=900)
        client.close()
        return {"total": finished - started, "desktop_flush": handed_over - started}
    finally:
        server.terminate()
        server.wait(timeout=30)
        log.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--messages", type=int, default=5000)
    parser.add_argument("--json", type=Path, help="also write the results to this file")
    args = parser.parse_args()
    counter = Counter()
    smtp_port = free_port()
    controller = Controller(counter, hostname="127.0.0.1", port=smtp_port)
    controller.start()
    try:
        with tempfile.TemporaryDirectory() as tmp:
            customers = recipients(args.messages)
            base_seconds = baseline(counter, smtp_port, customers)
            timings = pipeline(counter, smtp_port, customers, Path(tmp))
    finally:
        controller.stop()
    base_rate = args.messages / base_seconds
    rate = args.messages / timings["total"]
    result = {
        "messages": args.messages,
        "baseline_smtplib_seconds": round(base_seconds, 2),
        "baseline_messages_per_second": round(base_rate, 1),
        "gateway_seconds": round(timings["total"], 2),
        "desktop_flush_seconds": round(timings["desktop_flush"], 2),
        "gateway_messages_per_second": round(rate, 1),
        "ratio": round(rate / base_rate, 3),
        "target_ratio": 0.5,
    }
    print(f"baseline smtplib:        {base_rate:8.1f} mails/s ({base_seconds:.2f} s)")
    print(f"desktop→gateway→SMTP:    {rate:8.1f} mails/s ({timings['total']:.2f} s, "
          f"desktop hand-over done after {timings['desktop_flush']:.2f} s)")  # fmt: skip
    print(f"ratio: {rate / base_rate:.0%} of the baseline (target ≥ 50 %)")
    if args.json:
        args.json.write_text(json.dumps(result, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
