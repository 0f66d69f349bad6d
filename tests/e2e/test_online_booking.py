"""Online booking end to end, as a customer meets it: Debian's chromium fills in the
salon's booking page on the real gateway process; the desktop command line syncs; the
confirmation arrives at a real SMTP server (aiosmtpd) or at the SMS provider's endpoint
(the gateway's signed webhook, served on loopback), and the customer's click on the
confirmation link in it is what confirms the consent (DESIGN.md 2, the source document's
online path).
"""

from __future__ import annotations

import itertools
import re
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from email.message import EmailMessage
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import requests
from pytest_httpserver import HTTPServer
from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webdriver import WebDriver
from werkzeug import Request, Response

from tests.e2e import browser
from tests.e2e.conftest import Desk, GatewayProcess, Mailbox

pytestmark = pytest.mark.slow


@pytest.fixture(autouse=True)
def _a_browser() -> None:
    browser.require()


PUBLIC_NAME = "haarwerk-mueller"
BERLIN = ZoneInfo("Europe/Berlin")


@dataclass
class SmsEndpoint:
    """The SMS provider as the gateway's webhook adapter talks to it: keeps every SMS."""

    server: HTTPServer
    received: list[dict[str, Any]] = field(default_factory=list)
    _ids: Iterator[int] = field(default_factory=itertools.count)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def handle(self, request: Request) -> Response:
        with self._lock:
            self.received.append(request.get_json())
            return Response(f'{{"id": "sms-{next(self._ids)}"}}', content_type="application/json")

    @property
    def url(self) -> str:
        return self.server.url_for("/send")


@pytest.fixture
def sms(httpserver: HTTPServer) -> SmsEndpoint:
    endpoint = SmsEndpoint(httpserver)
    httpserver.expect_request("/send", method="POST").respond_with_handler(endpoint.handle)
    return endpoint


@pytest.fixture
def gateway(tmp_path: Path, mailbox: Mailbox, sms: SmsEndpoint) -> Iterator[GatewayProcess]:
    process = GatewayProcess(
        tmp_path / "gw",
        mailbox.port,
        settings={
            "SMS_PROVIDER": "webhook",
            "SMS_WEBHOOK_URL": sms.url,
            "SMS_WEBHOOK_SECRET": "e2e-webhook-secret",
        },
    )
    process.directory.mkdir()
    process.create_token()
    process.start()
    yield process
    process.stop()


@pytest.fixture
def salon(desk: Desk, gateway: GatewayProcess) -> Desk:
    desk("settings", "set", "salon_name", "Haarwerk Müller")
    desk("settings", "set", "gateway_url", gateway.url)
    desk("settings", "set", "public_name", PUBLIC_NAME)
    desk("settings", "set", "online_booking", "on")
    # The first slot at least an hour away: with no lead time it can begin seconds after
    # it is chosen, and a booking message expires when its appointment begins (not_after),
    # so a run that chose the slot just before a quarter hour got no confirmation at all.
    desk("settings", "set", "booking_lead_minutes", "60")
    desk("staff", "add", "Jörg Weiß", "--role", "stylist")
    desk("services", "add", "Damenhaarschnitt", "--minutes", "45", "--price", "49,00")
    desk(*["hours", "set", *[f"{day}=09:00-18:00" for day in range(7)]])
    desk("sync", "--once")  # publishes the availability
    return desk


def _submit(driver: WebDriver, selector: str = "form button[type=submit]") -> None:
    """Press a form's button and wait until the browser shows the answer."""
    browser.press_and_wait(driver, selector)


def _choose_first_slot(driver: WebDriver, url: str) -> str:
    """Treatment, any staff member, the first day, the first time: the wished start (ISO)."""
    driver.get(url)
    driver.find_element(By.CSS_SELECTOR, "label[for^='treatment-']").click()
    _submit(driver)
    driver.find_element(By.CSS_SELECTOR, "label[for='staff-any']").click()
    driver.find_element(By.CSS_SELECTOR, "label[for^='day-']").click()
    _submit(driver)
    first_time = driver.find_element(By.CSS_SELECTOR, "input[name=start]")
    start = str(first_time.get_attribute("value"))
    driver.find_element(By.CSS_SELECTOR, f"label[for='{first_time.get_attribute('id')}']").click()
    _submit(driver)
    return start


def _fill_contact(driver: WebDriver, fields: dict[str, str], ticks: tuple[str, ...]) -> None:
    for name, value in fields.items():
        element = driver.find_element(By.ID, name)
        element.clear()
        element.send_keys(value)
    for box in ticks:
        checkbox = driver.find_element(By.ID, box)
        assert not checkbox.is_selected(), f"{box} must not be ticked in advance"
        driver.find_element(By.CSS_SELECTOR, f"label[for='{box}']").click()
        assert checkbox.is_selected()
    _submit(driver, "form[method=post] button[type=submit]")


def _text(mail: EmailMessage) -> str:
    part = mail.get_body(preferencelist=("plain",))
    assert part is not None
    return str(part.get_content())


def _link(text: str, kind: str) -> str | None:
    found = re.search(rf"http://127\.0\.0\.1:\d+/{kind}/[A-Za-z0-9_-]+", text)
    return found.group(0) if found else None


def _calendar_part(mail: EmailMessage) -> str:
    parts = [p for p in mail.iter_attachments() if p.get_content_type() == "text/calendar"]
    assert len(parts) == 1, [p.get_content_type() for p in mail.iter_attachments()]
    return str(parts[0].get_content())


def _appointments(desk: Desk, day: date) -> list[dict[str, Any]]:
    data = desk("appointments", "--date", day.isoformat(), "--json").json()
    assert isinstance(data, list)
    return data


def _customer_id(desk: Desk, query: str) -> int:
    [found] = desk("customers", "search", query, "--json").json()
    return int(found["id"])


def _consent(desk: Desk, customer_id: int) -> dict[str, Any]:
    data = desk("consent", "show", str(customer_id), "--json").json()
    assert isinstance(data, dict)
    return data


def _confirm_in_browser(driver: WebDriver, url: str) -> str:
    driver.get(url)
    _submit(driver, "form[method=post] button[type=submit]")
    return str(driver.find_element(By.TAG_NAME, "main").text)


def test_ticked_email_box_books_and_confirms_through_the_confirmation_mail(
    salon: Desk, gateway: GatewayProcess, mailbox: Mailbox, tmp_path: Path
) -> None:
    with browser.chromium(tmp_path / "profile") as driver:
        user_agent = str(driver.execute_script("return navigator.userAgent"))
        start = _choose_first_slot(driver, f"{gateway.url}/book/{PUBLIC_NAME}")
        _fill_contact(
            driver,
            {
                "first_name": "Zoë",
                "last_name": "Brückner",
                "email": "zoe.brueckner@example.org",
                "note": "Bitte nur Spitzen",
            },
            ("consent_email",),
        )
        assert "/sent" in driver.current_url, driver.find_element(By.TAG_NAME, "main").text

        salon("sync", "--once")
        starts_at = datetime.fromisoformat(start)
        [appointment] = _appointments(salon, starts_at.date())
        assert appointment["source"] == "online"
        assert datetime.fromisoformat(appointment["start"]) == starts_at

        # One mail: the booking confirmation with the details, the calendar file and the
        # double-opt-in link (not a second mail for the consent).
        [mail] = mailbox.wait_for(1)
        assert mail["To"] == "zoe.brueckner@example.org"
        body = _text(mail)
        assert "Damenhaarschnitt" in body and "Jörg Weiß" in body
        assert starts_at.astimezone(BERLIN).strftime("%H:%M") in body
        ics = _calendar_part(mail)
        assert "BEGIN:VEVENT" in ics and "Damenhaarschnitt" in ics.replace("\r\n ", "")
        confirm_url = _link(body, "c")
        assert confirm_url is not None, body
        assert _link(body, "m") is not None, body  # cancel or move

        customer = _customer_id(salon, "Brückner")
        email = _consent(salon, customer)["channels"]["email"]
        assert email["state"] == "pending"
        [declared] = [h for h in email["evidence"]["history"] if h["event"] == "declared"]
        assert declared["source"] == "online_booking"
        assert declared["ip"] == "127.0.0.1"
        assert declared["user_agent"] == user_agent

        assert "bestätigt" in _confirm_in_browser(driver, confirm_url)

    salon("sync", "--once")
    email = _consent(salon, customer)["channels"]["email"]
    assert email["state"] == "confirmed"
    assert email["source"] == "online_booking"
    assert email["evidence"]["ip"] == "127.0.0.1"
    assert email["evidence"]["user_agent"] == user_agent
    assert len(mailbox.messages) == 1


def test_without_the_tick_no_link_and_no_ledger_entry(
    salon: Desk, gateway: GatewayProcess, mailbox: Mailbox, tmp_path: Path
) -> None:
    with browser.chromium(tmp_path / "profile", language="en-GB") as driver:
        start = _choose_first_slot(driver, f"{gateway.url}/book/{PUBLIC_NAME}")
        _fill_contact(
            driver,
            {"first_name": "Ben", "last_name": "Okafor", "email": "ben@example.org"},
            (),
        )
    salon("sync", "--once")
    [appointment] = _appointments(salon, datetime.fromisoformat(start).date())
    assert appointment["source"] == "online"
    [mail] = mailbox.wait_for(1)
    body = _text(mail)
    assert _link(body, "c") is None, body
    assert "Your appointment" in mail["Subject"] or "appointment" in body.lower()
    consent = _consent(salon, _customer_id(salon, "Okafor"))
    assert all(channel["evidence"]["history"] == [] for channel in consent["channels"].values())


def test_ticked_sms_box_confirms_through_the_confirmation_sms(
    salon: Desk, gateway: GatewayProcess, sms: SmsEndpoint, tmp_path: Path
) -> None:
    with browser.chromium(tmp_path / "profile", size=browser.PHONE) as driver:
        user_agent = str(driver.execute_script("return navigator.userAgent"))
        _choose_first_slot(driver, f"{gateway.url}/book/{PUBLIC_NAME}")
        _fill_contact(
            driver,
            {"first_name": "Lena", "last_name": "Vogt", "phone": "0151 23456789"},
            ("consent_sms",),
        )
    salon("sync", "--once")
    texts = _wait_for_sms(sms, 1)
    [confirmation] = texts
    assert confirmation["to"] == "+4915123456789"
    confirm_url = _link(confirmation["text"], "c")
    assert confirm_url is not None, confirmation["text"]
    assert "Damenhaarschnitt" in confirmation["text"]

    answer = requests.post(confirm_url, headers={"User-Agent": user_agent}, timeout=10)
    assert answer.status_code == 200
    salon("sync", "--once")
    channel = _consent(salon, _customer_id(salon, "Vogt"))["channels"]["sms"]
    assert channel["state"] == "confirmed" and channel["source"] == "online_booking"
    assert len(sms.received) == 1


def _wait_for_sms(sms: SmsEndpoint, count: int, timeout: float = 15) -> list[dict[str, Any]]:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if len(sms.received) >= count:
            return list(sms.received)
        time.sleep(0.05)
    raise AssertionError(f"expected {count} SMS, got {len(sms.received)}")


def _post_form(gateway: GatewayProcess, start: str, last_name: str) -> requests.Response:
    """A browser's form submission of the contact step (what chromium sends)."""
    return requests.post(
        f"{gateway.url}/book/{PUBLIC_NAME}",
        data={
            "treatment": _treatment_id(gateway),
            "staff": "any",
            "start": start,
            "first_name": "Kim",
            "last_name": last_name,
            "email": f"{last_name.lower()}@example.org",
            "lang": "de",
            "website": "",
        },
        allow_redirects=False,
        timeout=10,
    )


def _treatment_id(gateway: GatewayProcess) -> str:
    page = requests.get(f"{gateway.url}/book/{PUBLIC_NAME}", timeout=10).text
    found = re.search(r'name="treatment" id="treatment-(\d+)"', page)
    assert found, page
    return found.group(1)


def _first_start(gateway: GatewayProcess) -> str:
    treatment = _treatment_id(gateway)
    days = requests.get(
        f"{gateway.url}/book/{PUBLIC_NAME}", params={"treatment": treatment}, timeout=10
    ).text
    day = re.search(r'name="day" id="day-([0-9-]+)"', days)
    assert day, days
    times = requests.get(
        f"{gateway.url}/book/{PUBLIC_NAME}",
        params={"treatment": treatment, "staff": "any", "day": day.group(1)},
        timeout=10,
    ).text
    start = re.search(r'name="start" id="start-\d+" value="([^"]+)"', times)
    assert start, times
    return start.group(1)


def test_two_submissions_for_one_slot_get_it_once(
    salon: Desk, gateway: GatewayProcess, mailbox: Mailbox
) -> None:
    start = _first_start(gateway)
    answers: list[requests.Response] = []
    threads = [
        threading.Thread(target=lambda n=n: answers.append(_post_form(gateway, start, f"Race{n}")))
        for n in range(4)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert sorted(a.status_code for a in answers) == [303, 422, 422, 422]
    for refused in (a for a in answers if a.status_code == 422):
        assert "vergeben" in refused.text or "nicht mehr frei" in refused.text, refused.text
    salon("sync", "--once")
    assert len(_appointments(salon, datetime.fromisoformat(start).date())) == 1
    assert len(mailbox.wait_for(1)) == 1


def test_counter_booking_racing_an_online_request_wins_and_the_customer_is_told(
    salon: Desk, gateway: GatewayProcess, mailbox: Mailbox
) -> None:
    start = _first_start(gateway)
    assert _post_form(gateway, start, "Online").status_code == 303
    # Before the desktop hears of it, the receptionist books the same time by phone.
    counter = salon(
        "customers", "add", "--first-name", "Paula", "--last-name", "Telefon", "--json"
    ).json()  # fmt: skip
    salon(
        "book", "--customer", str(counter["id"]), "--staff", "Jörg Weiß",
        "--service", "Damenhaarschnitt", "--start", start,
    )  # fmt: skip
    salon("sync", "--once")

    [appointment] = _appointments(salon, datetime.fromisoformat(start).date())
    assert appointment["customer_id"] == counter["id"]
    waiting = salon("online", "requests", "--all", "--json").json()
    [request] = [r for r in waiting if r["last_name"] == "Online"]
    assert (request["state"], request["reason"]) == ("refused", "slot_taken")

    # The gateway tells the customer, with the way back to the page.
    [told] = mailbox.wait_for(1)
    assert told["To"] == "online@example.org"
    assert f"{gateway.url}/book/{PUBLIC_NAME}" in _text(told)
