"""Translation sources: regenerate, check, compile (Qt's own lupdate/lrelease).

python scripts/translations.py update   # after changing visible strings
python scripts/translations.py check    # CI: fails on stale .ts or .qm, or untranslated German
python scripts/translations.py compile  # .ts → .qm, then commit the .qm files

The compiled .qm files are committed: the wheel and the sdist ship them, and building
either must not need Qt's tools.
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


def lrelease(source: Path, target: Path) -> None:
    subprocess.run(
        [str(BIN / "pyside6-lrelease"), "-silent", str(source), "-qm", str(target)], check=True
    )


def qm_file(ts: Path) -> Path:
    return ts.with_suffix(".qm")


def unfinished(path: Path) -> list[str]:
    missing = []
    for message in ET.parse(path).getroot().iter("message"):
        translation = message.find("translation")
        if translation is None or translation.get("type") in ("unfinished", "vanished"):
            missing.append(message.findtext("source") or "")
    return missing


def plurals_without_forms(path: Path) -> list[str]:
    """Plural messages (``%n``) without their forms: Qt would show the English source,
    "1 entries", so English needs its forms too."""
    missing = []
    for message in ET.parse(path).getroot().iter("message"):
        translation = message.find("translation")
        if message.get("numerus") != "yes" or translation is None:
            continue
        forms = [form.text or "" for form in translation.iter("numerusform")]
        if translation.get("type") == "unfinished" or not all(f.strip() for f in forms):
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
            # Compiled from the committed .ts, not from the refreshed copy: the .qm must match
            # what is committed beside it.
            fresh = Path(tmp) / qm_file(original).name
            lrelease(original, fresh)
            committed = qm_file(original)
            if not committed.is_file() or committed.read_bytes() != fresh.read_bytes():
                problems.append(f"{committed.name} is stale: run scripts/translations.py compile")
    for lang in COMPLETE:
        for source in unfinished(TS_DIR / f"desk_app_{lang}.ts"):
            problems.append(f"untranslated ({lang}): {source}")
    for path in ts_files():
        for source in plurals_without_forms(path):
            problems.append(f"plural forms missing ({path.name}): {source}")
    for problem in problems:
        print(problem, file=sys.stderr)
    if not problems:
        print("translations: .ts and .qm up to date, German complete")
    return 1 if problems else 0


def compile_all() -> int:
    for ts in ts_files():
        lrelease(ts, qm_file(ts))
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
