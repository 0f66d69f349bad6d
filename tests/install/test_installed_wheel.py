"""What ``pip install`` of the wheel puts on a machine is what the end-to-end tests run.

``scripts/test.sh`` builds the sdist and from it the wheel, installs that into a fresh
virtual environment and names its ``bin`` directory in ``DESK_E2E_BIN``; the end-to-end
tests then start those commands (``tests/e2e/conftest.py``). These tests prove that the
children really import the installed package, and that it is complete. Without
``DESK_E2E_BIN`` (a plain ``pytest`` in the development environment) the checks that are
about the installation are skipped; the translation check runs either way.
"""

from __future__ import annotations

import json
import subprocess
import sysconfig
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest

from tests.e2e.conftest import (
    CHECKOUT,
    INSTALLED_BIN_VARIABLE,
    child_environment,
    command,
    installed_bin,
    working_directory,
)

needs_installation = pytest.mark.skipif(
    installed_bin() is None,
    reason=f"{INSTALLED_BIN_VARIABLE} is not set: scripts/test.sh sets it to a fresh venv",
)
PACKAGE_DIRS = ("desk_app", "desk_gateway", "desk_sql")


def run_python(code: str, cwd: Path, *args: str, **variables: str) -> Any:
    """Run ``code`` in the children's interpreter as the end-to-end tests start it; its
    output is JSON."""
    done = subprocess.run(
        [*command("python"), "-c", code, *args],
        env=child_environment(**variables),
        cwd=working_directory(cwd),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


WHERE_FROM = """
import json, sysconfig, desk_app, desk_gateway, desk_sql
from desk_app.config.paths import resources_dir
print(json.dumps({
    "modules": [desk_app.__file__, desk_gateway.__file__, desk_sql.__file__],
    "resources": str(resources_dir()),
    "purelib": sysconfig.get_path("purelib"),
}))
"""


@needs_installation
def test_the_children_run_the_installed_wheel_not_the_checkout(tmp_path: Path) -> None:
    bin_dir = installed_bin()
    assert bin_dir is not None
    found = run_python(WHERE_FROM, tmp_path)
    purelib = Path(found["purelib"]).resolve()
    assert purelib.is_relative_to(bin_dir.parent), "not the interpreter of DESK_E2E_BIN"
    assert purelib != Path(sysconfig.get_path("purelib")).resolve(), "the development venv"
    for location in [*found["modules"], found["resources"]]:
        path = Path(location).resolve()
        assert path.is_relative_to(purelib), path
        assert not path.is_relative_to(CHECKOUT), path
    for program in ("desk-app", "desk-gateway"):
        shebang = (bin_dir / program).read_text(encoding="utf-8").splitlines()[0]
        # Not resolved: every venv's python is a link to the same base interpreter.
        interpreter = Path(shebang.removeprefix("#!"))
        assert (interpreter.parent, interpreter.name[:6]) == (bin_dir, "python"), shebang


INSTALLED_FILES = """
import json
from importlib.metadata import distribution
dist = distribution("salon-desk")
print(json.dumps({
    "files": [str(f) for f in dist.files or []],
    "direct_url": dist.read_text("direct_url.json"),
}))
"""


def tracked_files() -> set[str]:
    """Files of the packages and of resources/ in the checkout, as the wheel names them."""
    listed = subprocess.run(
        ["git", "ls-files", *PACKAGE_DIRS, "resources"],
        cwd=CHECKOUT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    return {
        "desk_app/" + name if name.startswith("resources/") else name
        for name in listed
        if (CHECKOUT / name).is_file()  # not deleted in the working tree
    }


@needs_installation
def test_the_installed_wheel_holds_every_file_of_the_packages_and_resources(
    tmp_path: Path,
) -> None:
    installed = run_python(INSTALLED_FILES, tmp_path)
    direct_url = json.loads(installed["direct_url"] or "{}")
    assert not direct_url.get("dir_info", {}).get("editable"), "an editable install"
    missing = tracked_files() - set(installed["files"])
    assert missing == set()


TRANSLATE = """
import json, sys
from PySide6.QtCore import QCoreApplication, QTranslator
from desk_app.config.paths import translations_dir
app = QCoreApplication([])
translator = QTranslator()
loaded = translator.load("desk_app_de", str(translations_dir()))
app.installTranslator(translator)
context, source = sys.argv[1:3]
print(json.dumps({"loaded": loaded, "text": QCoreApplication.translate(context, source)}))
"""


def a_german_translation() -> tuple[str, str, str]:
    """Some finished entry of the German .ts: context, English source, German text."""
    root = ET.parse(CHECKOUT / "resources" / "translations" / "desk_app_de.ts").getroot()
    for context in root.iter("context"):
        for message in context.iter("message"):
            translation = message.find("translation")
            source = message.findtext("source") or ""
            if (
                translation is not None
                and translation.get("type") is None
                and message.get("numerus") is None
                and translation.text
                and translation.text != source
            ):
                return context.findtext("name") or "", source, translation.text
    raise AssertionError("no finished German translation")


def test_the_installed_translations_load_offscreen(tmp_path: Path) -> None:
    context, source, german = a_german_translation()
    result = run_python(TRANSLATE, tmp_path, context, source, QT_QPA_PLATFORM="offscreen")
    assert result == {"loaded": True, "text": german}
