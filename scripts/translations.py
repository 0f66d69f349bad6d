"""Translation sources: regenerate, check, compile (Qt's own lupdate/lrelease).

python scripts/translations.py update   # after changing visible strings
python scripts/translations.py check    # CI: fails on stale .ts or untranslated German
python scripts/translations.py compile  # .ts → .qm (done by the set-up scripts)
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TS_DIR = ROOT / "resources" / "translations"
LANGUAGES = ("de", "en")
COMPLETE = ("de",)  # must have no unfinished message
BIN = Path(sys.executable).parent


def ts_files(directory: Path = TS_DIR) -> list[Path]:
    return [directory / f"desk_app_{lang}.ts" for lang in LANGUAGES]


def lupdate(files: list[Path]) -> None:
    subprocess.run(
        [
            str(BIN / "pyside6-lupdate"),
            "-extensions",
            "py",
            str(ROOT / "desk_app"),
            "-ts",
            *map(str, files),
            "-locations",
            "none",
            "-source-language",
            "en",
            "-no-obsolete",
            "-silent",
        ],
        check=True,
    )


def unfinished(path: Path) -> list[str]:
    missing = []
    for message in ET.parse(path).getroot().iter("message"):
        translation = message.find("translation")
        if translation is None or translation.get("type") in ("unfinished", "vanished"):
            missing.append(message.findtext("source") or "")
    return missing


def check() -> int:
    problems = []
    with tempfile.TemporaryDirectory() as tmp:
        copies = []
        for path in ts_files():
            copy = Path(tmp) / path.name
            shutil.copy(path, copy)
            copies.append(copy)
        lupdate(copies)
        for original, copy in zip(ts_files(), copies, strict=True):
            if original.read_text(encoding="utf-8") != copy.read_text(encoding="utf-8"):
                problems.append(f"{original.name} is stale: run scripts/translations.py update")
    for lang in COMPLETE:
        for source in unfinished(TS_DIR / f"desk_app_{lang}.ts"):
            problems.append(f"untranslated ({lang}): {source}")
    for problem in problems:
        print(problem, file=sys.stderr)
    if not problems:
        print("translations: up to date, German complete")
    return 1 if problems else 0


def compile_all() -> int:
    subprocess.run([str(BIN / "pyside6-lrelease"), "-silent", *map(str, ts_files())], check=True)
    return 0


def main(argv: list[str]) -> int:
    command = argv[1] if len(argv) > 1 else "check"
    if command == "update":
        lupdate(ts_files())
        return 0
    if command == "compile":
        return compile_all()
    if command == "check":
        return check()
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
