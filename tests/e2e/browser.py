"""A real browser for the customers' pages: Debian's headless ``chromium`` driven through
``chromedriver`` (selenium), never a browser downloaded by a test tool.

The flags keep chromium off the network (this machine allows loopback only) and out of
any profile but a fresh one; the browser's language decides the page's language like a
customer's phone would (``Accept-Language``).
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from selenium import webdriver
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service

CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"
PHONE = (390, 844)  # a common phone's CSS viewport
DESKTOP = (1366, 900)


def available() -> bool:
    return shutil.which(CHROMIUM) is not None and shutil.which(CHROMEDRIVER) is not None


def require() -> None:
    """Skip without a browser, except where the test command installed one
    (``DESK_APP_REQUIRE_BROWSER=1``): there a missing browser is a failure, never a
    silently skipped end-to-end test."""
    if available():
        return
    if os.environ.get("DESK_APP_REQUIRE_BROWSER") == "1":
        pytest.fail(
            f"{CHROMIUM} and {CHROMEDRIVER} are required (apt-get install chromium chromium-driver)"
        )
    pytest.skip("chromium/chromedriver not installed")


@contextmanager
def chromium(
    profile: Path, language: str = "de-DE", size: tuple[int, int] = DESKTOP
) -> Iterator[webdriver.Chrome]:
    options = Options()
    options.binary_location = CHROMIUM
    for flag in (
        "--headless=new",
        "--no-sandbox",  # the tests run as root
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-dev-shm-usage",
        f"--user-data-dir={profile}",
        f"--lang={language}",
        f"--window-size={size[0]},{size[1]}",
    ):
        options.add_argument(flag)
    options.add_experimental_option("prefs", {"intl.accept_languages": language})
    driver = webdriver.Chrome(options=options, service=Service(CHROMEDRIVER))
    try:
        driver.set_page_load_timeout(30)
        yield driver
    finally:
        driver.quit()
