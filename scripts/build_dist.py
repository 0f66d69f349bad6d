"""Build what users install and install it the way they do, for the end-to-end tests.

python scripts/build_dist.py DIR

Builds the sdist and from it the wheel (``python -m build``), builds a second wheel straight
from the source tree (what ``pip install .`` does) and fails unless both hold the same files;
then installs the wheel built from the sdist into the fresh virtual environment ``DIR/venv``.
Prints that environment's ``bin`` directory (for ``DESK_E2E_BIN``), figures on stderr.
Run it with the development environment's interpreter (it needs ``build``).
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
import venv
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def say(text: str) -> None:
    print(text, file=sys.stderr, flush=True)


def run(*command: str | Path) -> None:
    subprocess.run([str(part) for part in command], check=True, stdout=sys.stderr)


def only(directory: Path, pattern: str) -> Path:
    [found] = directory.glob(pattern)
    return found


def wheel_files(wheel: Path) -> set[str]:
    with zipfile.ZipFile(wheel) as archive:
        return set(archive.namelist())


def main(target: Path) -> int:
    started = time.monotonic()
    from_sdist, from_tree = target / "from-sdist", target / "from-tree"
    run(sys.executable, "-m", "build", "-q", "--outdir", from_sdist, ROOT)
    # setuptools reuses build/ of the tree: a file deleted since would stay in the wheel.
    shutil.rmtree(ROOT / "build", ignore_errors=True)
    run(sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", from_tree, ROOT)
    wheel, sdist = only(from_sdist, "*.whl"), only(from_sdist, "*.tar.gz")
    differ = wheel_files(wheel) ^ wheel_files(only(from_tree, "*.whl"))
    if differ:
        say(f"the wheels built from the sdist and from the tree differ: {sorted(differ)}")
        return 1
    built = time.monotonic()

    environment = target / "venv"
    venv.create(environment, with_pip=True)
    run(environment / "bin" / "python", "-m", "pip", "install", "-q", wheel)
    say(
        f"wheel {wheel.name}: {wheel.stat().st_size / 1024:.0f} KiB, "
        f"{len(wheel_files(wheel))} files; sdist {sdist.stat().st_size / 1024:.0f} KiB; "
        f"built in {built - started:.1f} s, installed in a fresh venv in "
        f"{time.monotonic() - built:.1f} s"
    )
    print(environment / "bin")
    return 0


if __name__ == "__main__":
    if len(sys.argv) != 2:
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    sys.exit(main(Path(sys.argv[1]).resolve()))
