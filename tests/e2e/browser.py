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
from selenium.common.exceptions import WebDriverException
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webdriver import WebDriver
from selenium.webdriver.support.ui import WebDriverWait

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


def press_and_wait(driver: WebDriver, selector: str) -> None:
    """Press the button ``selector`` and wait until the browser shows the next page.

    The old page is marked in its own JavaScript window object; a new document has a
    new one. (Waiting for an old element to go stale raced chromium's navigation: asked
    in the middle of it, chromedriver answers "Node with given id does not belong to
    the document" instead of "stale", which failed a CI run.) Errors while the page is
    swapped are asked again until the timeout.
    """
    driver.execute_script("window.__deskOldPage = true")
    driver.find_element(By.CSS_SELECTOR, selector).click()
    WebDriverWait(driver, 20, poll_frequency=0.1, ignored_exceptions=(WebDriverException,)).until(
        lambda d: d.execute_script(
            "return document.readyState === 'complete' && window.__deskOldPage !== true"
        ),
        f"no new page after pressing {selector}",
    )
