"""Screenshots of the online booking page as customers see it: Debian's headless chromium
at phone and desktop width, German and English, every step of a booking.

    python scripts/booking_page_screenshots.py [--out shots/booking]

Builds a throwaway demo salon (SQLite file in a temporary folder), starts the demo
gateway in this process, publishes the salon's availability the way the desktop's sync
does, and lets chromium render: the treatments, staff and days, the times of the first
free day, the contact form with its consent boxes, and the form sent back with errors.
Nothing on this computer's real data is touched; nothing leaves loopback.
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
import tempfile
from pathlib import Path
from urllib.parse import urlencode

import requests

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from desk_app.bootstrap import open_services  # noqa: E402
from desk_app.desktop.demo_gateway import start_demo_gateway  # noqa: E402
from desk_app.gateway.client import GatewayClient  # noqa: E402
from desk_app.services.demo import DEMO_PUBLIC_NAME  # noqa: E402

WIDTHS = {"phone": 390, "desktop": 1280}
CHROMIUM_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--hide-scrollbars",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
)


def shoot(target: str, png: Path, width: int, profile: Path) -> None:
    subprocess.run(
        [
            "chromium", *CHROMIUM_FLAGS, f"--user-data-dir={profile}",
            f"--window-size={width},1800", f"--screenshot={png}", target,
        ],
        capture_output=True, timeout=120, check=True,
    )  # fmt: skip


def first(pattern: str, html: str) -> str:
    found = re.search(pattern, html)
    if found is None:
        raise SystemExit(f"the page has nothing matching {pattern!r}")
    return found.group(1)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "shots" / "booking")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as raw:
        tmp = Path(raw)
        services = open_services(f"sqlite:///{tmp / 'desk.sqlite3'}")
        services.demo.fill(customers=40)
        gateway = start_demo_gateway(tmp)
        try:
            snapshot = services.online_availability.snapshot()
            assert snapshot is not None
            with GatewayClient(gateway.url, gateway.token) as client:
                client.publish_availability(snapshot)
            page = f"{gateway.url}/book/{DEMO_PUBLIC_NAME}"
            treatment = first(r'id="treatment-(\d+)"', requests.get(page, timeout=10).text)
            days = requests.get(page, params={"treatment": treatment}, timeout=10).text
            day = first(r'id="day-([0-9-]+)"', days)
            times = requests.get(
                page, params={"treatment": treatment, "staff": "any", "day": day}, timeout=10
            ).text
            start = first(r'name="start" id="start-\d+" value="([^"]+)"', times)
            contact = requests.get(
                page, params={"treatment": treatment, "staff": "any", "start": start}, timeout=10
            ).text
            version = first(r'name="statement_version" value="([^"]+)"', contact)
            steps = {
                "1-treatments": {},
                "2-staff-and-day": {"treatment": treatment},
                "3-times": {"treatment": treatment, "staff": "any", "day": day},
                "4-contact": {"treatment": treatment, "staff": "any", "start": start},
            }
            for lang in ("de", "en"):
                refused = requests.post(
                    page,
                    data={
                        "treatment": treatment,
                        "staff": "any",
                        "start": start,
                        "first_name": "",
                        "last_name": "Brückner",
                        "email": "zoe@",
                        "consent_sms": "1",
                        "statement_version": version,
                        "lang": lang,
                        "website": "",
                    },  # fmt: skip
                    timeout=10,
                )
                error_file = tmp / f"error-{lang}.html"
                # The refused form as the browser got it (its own style sheets inline).
                error_file.write_text(refused.text, encoding="utf-8")
                for label, width in WIDTHS.items():
                    for name, params in steps.items():
                        target = f"{page}?{urlencode({'lang': lang, **params})}"
                        png = args.out / f"{name}-{lang}-{label}.png"
                        shoot(target, png, width, tmp / "profile")
                    png = args.out / f"5-errors-{lang}-{label}.png"
                    shoot(error_file.as_uri(), png, width, tmp / "profile")
        finally:
            gateway.stop()
            services.db.dispose()
    print(f"screenshots in {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
