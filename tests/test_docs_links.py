"""The user guides (docs/de, docs/en) and the README link only to files that exist, the
German and English guides come in pairs, and the pictures they show are the ones
``scripts/screenshots.py --readme`` makes."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LINK = re.compile(r"\]\(([^)\s]+)\)")


def _pages() -> list[Path]:
    return [ROOT / "README.md", *sorted((ROOT / "docs").rglob("*.md"))]


def test_every_relative_link_and_picture_exists() -> None:
    broken = []
    for page in _pages():
        for target in LINK.findall(page.read_text(encoding="utf-8")):
            if re.match(r"[a-z]+:", target) or target.startswith("#"):
                continue
            path = (page.parent / target.split("#")[0]).resolve()
            if not path.exists():
                broken.append(f"{page.relative_to(ROOT)} → {target}")
    assert not broken, "\n".join(broken)


def test_each_guide_names_its_translation_and_the_pictures_are_the_readme_set() -> None:
    import scripts.screenshots as screenshots

    for language, other in (("de", "en"), ("en", "de")):
        for page in sorted((ROOT / "docs" / language).rglob("*.md")):
            text = page.read_text(encoding="utf-8")
            [first_link] = LINK.findall(text)[:1]
            assert f"/{other}/" in f"/{first_link}", f"{page}: no link to the {other} page first"
    shown = {Path(t).stem for p in _pages() for t in LINK.findall(p.read_text()) if ".png" in t}
    assert shown <= set(screenshots.README_SHOTS)
    for language in ("de", "en"):
        made = {p.stem for p in (screenshots.README_DIR / language).rglob("*.png")}
        assert made == set(screenshots.README_SHOTS), language
