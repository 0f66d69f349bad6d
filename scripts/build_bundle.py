"""Build the desktop bundle (PyInstaller, one folder; on macOS also the .app) and run its
self-test outside any virtual environment, as on a salon's PC that has nothing but the
bundle. scripts/test.sh runs it on Linux, .github/workflows/bundles.yml on all three.

python scripts/build_bundle.py DIR [--wheel WHEEL]

Installs the wheel (``--wheel``: one built already, as scripts/test.sh does; else one is
built here) with its ``[bundle]`` extra (the pinned PyInstaller) into the fresh virtual
environment ``DIR/venv``, builds ``packaging/pyinstaller/salon-desk.spec`` into
``DIR/dist/salon-desk``, on Linux validates the desktop entry and the AppStream metadata
(desktop-file-validate, appstreamcli, where installed) and runs
``desk-app --self-test`` with a new, nearly empty environment (as ``env -i``: no virtual
environment, no PYTHONPATH, a home of its own; QT_QPA_PLATFORM=offscreen) while the
environment it was built from is moved away. Prints the bundle's size and the
self-test's start time; exits non-zero if anything failed.
Run it with any Python 3.11+ (the development environment's is fine).
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import time
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SPEC = ROOT / "packaging" / "pyinstaller" / "salon-desk.spec"
LINUX = ROOT / "packaging" / "linux"
APP_ID = "de.salondesk.SalonDesk"
SELF_TEST_TIMEOUT_S = 300
WINDOWS, MACOS = sys.platform == "win32", sys.platform == "darwin"
EXE = ".exe" if WINDOWS else ""


def say(text: str) -> None:
    print(text, file=sys.stderr, flush=True)


def run(*command: str | Path, cwd: Path | None = None) -> None:
    subprocess.run([str(part) for part in command], check=True, stdout=sys.stderr, cwd=cwd)


def cpu_seconds() -> float:
    """CPU time of the finished child processes so far (the figure a loaded machine
    distorts least); 0 where it cannot be read (Windows)."""
    try:
        import resource
    except ImportError:
        return 0.0
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    return used.ru_utime + used.ru_stime


def folder_megabytes(folder: Path) -> float:
    total = sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink())
    return total / 1_000_000


def build_wheel(target: Path) -> Path:
    # setuptools reuses build/ of the tree: a file deleted since would stay in the wheel.
    shutil.rmtree(ROOT / "build", ignore_errors=True)
    run(sys.executable, "-m", "build", "-q", "--wheel", "--outdir", target, ROOT)
    [wheel] = target.glob("*.whl")
    return wheel


def validate_metadata(bundle: Path) -> list[str]:
    """What the desktop entry and AppStream validators say is wrong (as placed in the
    bundle's share/ by the spec); a validator not installed is said, not failed."""
    problems = []
    desktop = bundle / "share" / "applications" / f"{APP_ID}.desktop"
    metainfo = bundle / "share" / "metainfo" / f"{APP_ID}.metainfo.xml"
    for path in (desktop, metainfo):
        if not path.is_file():
            problems.append(f"{path} is missing from the bundle")
    checks = (
        ("desktop-file-validate", [str(desktop)]),
        # --no-net: no screenshot or URL is fetched (CI may be offline).
        ("appstreamcli", ["validate", "--no-net", "--pedantic", str(metainfo)]),
    )
    for tool, arguments in checks:
        if shutil.which(tool) is None:
            say(f"{tool} is not installed: not checked")
            continue
        done = subprocess.run([tool, *arguments], capture_output=True, text=True)
        if done.returncode != 0:
            problems.append(f"{tool}: {(done.stdout + done.stderr).strip()}")
        else:
            say(f"{tool}: ok")
    return problems


def bare_environment(home: Path) -> dict[str, str]:
    """What a fresh user's session has, and nothing of this one's (``env -i``)."""
    home.mkdir(parents=True, exist_ok=True)
    environment = {"QT_QPA_PLATFORM": "offscreen", "LANG": "C.UTF-8"}
    if WINDOWS:
        system = os.environ.get("SYSTEMROOT", r"C:\Windows")
        return {
            **environment,
            "SYSTEMROOT": system,  # Windows' own libraries need it
            "PATH": rf"{system}\System32;{system}",
            "USERPROFILE": str(home),
            "APPDATA": str(home / "AppData" / "Roaming"),
            "LOCALAPPDATA": str(home / "AppData" / "Local"),
            "TEMP": str(home),
            "TMP": str(home),
        }
    # A user with nothing: no preferences, no data, no keyring; no venv on PATH.
    return {**environment, "HOME": str(home), "PATH": "/usr/bin:/bin", "TMPDIR": str(home)}


def links_out_of(bundle: Path) -> list[str]:
    """The bundle's symbolic links that point outside it (to the build's environment)."""
    return [
        f"{link.relative_to(bundle)} points to {link.resolve()}"
        for link in bundle.rglob("*")
        if link.is_symlink() and not link.resolve().is_relative_to(bundle.resolve())
    ]


def self_test(program: Path, home: Path) -> tuple[int, float, str]:
    """Run the bundle's self-test with a bare environment; exit code, seconds, output."""
    environment = bare_environment(home)
    started = time.monotonic()
    done = subprocess.run(
        [str(program), "--self-test"],
        env=environment,
        cwd=home,  # not the checkout: nothing of it may be picked up
        capture_output=True,
        text=True,
        timeout=SELF_TEST_TIMEOUT_S,
    )
    return done.returncode, time.monotonic() - started, done.stdout + done.stderr


def main(target: Path, wheel: Path | None) -> int:
    started = time.monotonic()
    target.mkdir(parents=True, exist_ok=True)
    wheel = wheel or build_wheel(target / "wheel")
    environment = target / "venv"
    venv.create(environment, with_pip=True, clear=True)
    scripts = environment / ("Scripts" if WINDOWS else "bin")
    run(scripts / f"python{EXE}", "-m", "pip", "install", "-q", f"{wheel}[bundle]")
    installed, installed_cpu = time.monotonic(), cpu_seconds()
    run(
        scripts / f"pyinstaller{EXE}",
        "--noconfirm",
        "--log-level=WARN",
        "--distpath",
        target / "dist",
        "--workpath",
        target / "build",
        SPEC,
        cwd=target,
    )
    built, built_cpu = time.monotonic(), cpu_seconds()
    # What is shipped: the folder (Linux, Windows: the installer packs it), the .app (macOS).
    bundle = target / "dist" / ("Salon Desk.app" if MACOS else "salon-desk")
    program = bundle / "Contents" / "MacOS" / "desk-app" if MACOS else bundle / f"desk-app{EXE}"
    problems = validate_metadata(bundle) if sys.platform.startswith("linux") else []
    problems += links_out_of(bundle)
    # The environment the bundle was made from is moved away meanwhile: nothing of it
    # may be needed.
    hidden = environment.with_name("venv-moved-away-during-the-self-test")
    environment.rename(hidden)
    try:
        code, seconds, output = self_test(program, target / "home")
    finally:
        hidden.rename(environment)
    tested_cpu = cpu_seconds()
    say(output.rstrip())
    if code != 0:
        problems.append(f"desk-app --self-test exited with {code}")
    ready = [line for line in output.splitlines() if line.startswith("window ready")]
    say(
        f"bundle {bundle}: {folder_megabytes(bundle):.0f} MB; environment installed in "
        f"{installed - started:.0f} s (CPU {installed_cpu:.0f} s), bundle built in "
        f"{built - installed:.0f} s (CPU {built_cpu - installed_cpu:.0f} s); self-test (a "
        f"fresh database, every screen) {seconds:.1f} s (CPU {tested_cpu - built_cpu:.1f} s)"
        + (f"; {ready[0]}" if ready else "")
    )
    for problem in problems:
        say(f"FAILED: {problem}")
    return 1 if problems else 0


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("target", type=Path, help="working folder (venv, build, dist)")
    parser.add_argument("--wheel", type=Path, help="the wheel to bundle (default: build one)")
    options = parser.parse_args()
    sys.exit(main(options.target.resolve(), options.wheel and options.wheel.resolve()))
