"""The visual regression check: the main screens rendered offscreen on a fixed stage and
compared with the reference pictures committed in ``tests/visual/references``.

    python scripts/visual_check.py            # compare; exit 1 if a screen changed
    python scripts/visual_check.py --update   # draw the references anew (after a
                                              # change meant to be seen; look at them)

What is compared: each main screen (``tests/visual/stage.main_screens``: calendar day
and week, a customer, a new customer, the four marketing tabs, outbox, online requests,
the booking dialog, every settings tab, the keyboard help) at 1366×768, in German, light
and dark, in grey levels (``tests/visual/image_diff``: a screen fails when any 16×16
square has more than a few pixels whose grey level moved; anti-aliasing passes, a
moved button, a hidden or clipped label, a missing widget do not). The same render is
checked for clipped text (``tests/support/clipping``). The stage is fixed
(``tests/visual/stage``): clock, demo salon, DejaVu Sans, no cursor blink.

On a difference the render and a diff picture (the reference faded, the differing
pixels red) are written to ``--artifacts`` (default ``$DESK_APP_VISUAL_ARTIFACTS`` or
``/tmp/salon-desk-visual``), and the lines printed say which files. The whole matrix of
sizes, themes and languages is ``scripts/screenshots.py``'s job (for looking at).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
REFERENCES = ROOT / "tests" / "visual" / "references"
SIZE = (1366, 768)
LANGUAGE = "de"
DEFAULT_ARTIFACTS = Path(tempfile.gettempdir()) / "salon-desk-visual"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--update", action="store_true", help="write the references anew")
    parser.add_argument("--references", type=Path, default=REFERENCES)
    parser.add_argument(
        "--artifacts",
        type=Path,
        default=Path(os.environ.get("DESK_APP_VISUAL_ARTIFACTS") or DEFAULT_ARTIFACTS),
        help="where a changed screen's render and diff go",
    )
    args = parser.parse_args(argv)
    started = time.monotonic()
    for old in (*args.artifacts.glob("*.actual.png"), *args.artifacts.glob("*.diff.png")):
        old.unlink()  # a previous run's: only this run's differences are left to look at
    with tempfile.TemporaryDirectory(prefix="salon-desk-visual-") as folder:
        problems = run(
            Path(folder), args.references.resolve(), args.artifacts.resolve(), args.update
        )
    for line in problems:
        print(line)
    verb = "written" if args.update else "compared"
    print(f"visual check: screens {verb} in {time.monotonic() - started:.1f} s, ", end="")
    print(f"{len(problems)} problems" if problems else "all as the references")
    return 1 if problems else 0


def run(folder: Path, references: Path, artifacts: Path, update: bool) -> list[str]:
    """Render, check for clipped text, compare (or write); the problems found."""
    screen = ROOT / "tests" / "offscreen-screen.json"
    os.environ["QT_QPA_PLATFORM"] = f"offscreen:configfile={screen}"
    os.environ["DESK_APP_LANGUAGE"] = LANGUAGE
    # Relative to the throwaway folder: the settings show the backup folder, and its
    # path must read the same on every run and machine ("data/salon-desk/backups").
    was_in = Path.cwd()
    os.chdir(folder)
    os.environ["XDG_DATA_HOME"] = "data"
    os.environ["XDG_CONFIG_HOME"] = "config"
    sys.path.insert(0, str(ROOT))
    from tests.visual.frozen_clock import frozen_clock

    try:
        with frozen_clock():
            return _render_and_compare(folder, references, artifacts, update)
    finally:
        os.chdir(was_in)


def _render_and_compare(folder: Path, references: Path, artifacts: Path, update: bool) -> list[str]:
    from PySide6.QtWidgets import QApplication

    from desk_app.desktop import gui
    from tests.support.clipping import clipped_texts
    from tests.visual import image_diff, stage

    app = QApplication.instance() or QApplication([])
    assert isinstance(app, QApplication)
    stage.fix_the_look(app)
    url = stage.fill_demo_salon(folder)
    desktop = gui.start_desktop(app, url, demo_gateway=False)
    stage.stop_the_clockwork(desktop)
    problems: list[str] = []
    seen: set[str] = set()
    try:
        window = desktop.window
        window.show()
        stage.settle(app, desktop)
        stage.size_window(app, desktop, SIZE)
        for theme, scheme in stage.THEMES.items():
            stage.use_color_scheme(app, scheme)
            stage.settle(app, desktop)
            for shot in stage.main_screens(app, desktop):
                name = f"{shot.name}-{theme}"
                seen.add(name)
                image = image_diff.grey(shot.grab(app))
                problems += [f"{name}: clipped {clip}" for clip in clipped_texts(shot.widget)]
                reference = references / f"{name}.png"
                if update:
                    references.mkdir(parents=True, exist_ok=True)
                    save(image, reference)
                else:
                    problems += _compared(name, image, reference, artifacts)
    finally:
        desktop.close()
    drawn_with = references / "stage.txt"
    if update:
        drawn_with.write_text(stage.description(), encoding="utf-8")
        for stale in sorted({p.stem for p in references.glob("*.png")} - seen):
            (references / f"{stale}.png").unlink()
            print(f"removed {stale}.png: no such screen any more")
    else:
        problems += [
            f"{stale}: a reference for a screen the walk no longer shows (--update removes it)"
            for stale in sorted({p.stem for p in references.glob("*.png")} - seen)
        ]
        then = drawn_with.read_text(encoding="utf-8") if drawn_with.exists() else "unknown"
        if problems and then != stage.description():
            problems.append(
                f"note: the references were drawn with {then.strip()}, this is "
                f"{stage.description().strip()}: after an upgrade, look at the diffs and "
                "redraw them (--update)"
            )
    return problems


def _compared(name: str, image: object, reference: Path, artifacts: Path) -> list[str]:
    from PySide6.QtGui import QImage

    from tests.visual import image_diff

    assert isinstance(image, QImage)
    if not reference.exists():
        return [f"{name}: no reference {reference} (scripts/visual_check.py --update)"]
    expected = QImage(str(reference))
    verdict = image_diff.compare(image, expected)
    if verdict.passed:
        return []
    artifacts.mkdir(parents=True, exist_ok=True)
    actual_path = artifacts / f"{name}.actual.png"
    diff_path = artifacts / f"{name}.diff.png"
    save(image, actual_path)
    image_diff.diff_picture(image, expected).save(str(diff_path))
    return [f"{name}: {verdict.describe()}; see {actual_path} and {diff_path}"]


def save(image: object, path: Path) -> None:
    """A grey PNG, compressed as far as Qt's writer goes (quality 0: zlib level 9)."""
    from PySide6.QtGui import QImage

    assert isinstance(image, QImage)
    if not image.save(str(path), "PNG", 0):
        raise OSError(f"could not write {path}")


if __name__ == "__main__":
    sys.exit(main())
