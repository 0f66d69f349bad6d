"""The sections built when first opened have their modules imported on a thread after the
first day, so that opening one does not import them on the GUI thread (the fault-proxy
window test saw that as a freeze of a third of a second)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from desk_app.desktop.section_preload import SECTION_MODULES

ROOT = Path(__file__).resolve().parents[2]

# Waits (60 s at the most: a loaded machine) until the section modules are imported, and
# says which thread imported them and whether a section had been built by then.
_PROBE = """
import json, os, sys, threading, time
os.environ["QT_QPA_PLATFORM"] = "offscreen"
from PySide6.QtCore import QEventLoop
from PySide6.QtWidgets import QApplication
from desk_app.desktop.launch import Launch
from desk_app.desktop.section_preload import SECTION_MODULES
from desk_app.ui.widgets.lazy_section import LazySection

importers = {}

class NoteImporter:  # asked first for every module imported: notes who imports ours
    @staticmethod
    def find_spec(name, path=None, target=None):
        if name in SECTION_MODULES:
            importers[name] = threading.current_thread().name
        return None

app = QApplication(sys.argv[:1])
launch = Launch(app, sys.argv[1])
sys.meta_path.insert(0, NoteImporter)
launch.start()
deadline = time.monotonic() + 60
while len(importers) < len(SECTION_MODULES) and time.monotonic() < deadline:
    app.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents, 10)
built = [s.is_built() for s in launch.desktop.window.findChildren(LazySection)]
launch.close()
print(json.dumps({"importers": importers, "built": built}))
"""


def test_the_lazy_sections_modules_are_imported_on_a_thread_before_they_are_opened(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    url = f"sqlite:///{tmp_path / 'salon.sqlite3'}"
    done = subprocess.run(
        [sys.executable, "-c", _PROBE, url], capture_output=True, text=True, cwd=ROOT
    )
    assert done.returncode == 0, done.stderr
    found = json.loads(done.stdout.strip().splitlines()[-1])
    assert found["importers"] == {name: "section-preload" for name in SECTION_MODULES}
    assert found["built"] and not any(found["built"])  # only imported, no section built
