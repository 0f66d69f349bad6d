"""The wheel's package list in pyproject.toml names every package of the source tree.

The list is written out (resources/ is mapped to desk_app.resources, which discovery cannot
do), so a package added later would silently be left out of the wheel without this test.
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
TOP_LEVEL = ("desk_app", "desk_gateway", "desk_sql")


def setuptools_config() -> dict[str, Any]:
    with (ROOT / "pyproject.toml").open("rb") as file:
        config: dict[str, Any] = tomllib.load(file)["tool"]["setuptools"]
    return config


def packages_in_the_tree() -> set[str]:
    found = set()
    for top in TOP_LEVEL:
        for init in (ROOT / top).rglob("__init__.py"):
            found.add(".".join(init.parent.relative_to(ROOT).parts))
    return found


def test_every_package_of_the_tree_is_in_the_wheel() -> None:
    listed = set(setuptools_config()["packages"])
    tree = packages_in_the_tree()
    assert tree - listed == set(), "add these to [tool.setuptools] packages in pyproject.toml"
    assert listed - tree == {"desk_app.resources"}


def test_resources_are_the_package_desk_app_resources() -> None:
    config = setuptools_config()
    assert config["package-dir"] == {"desk_app.resources": "resources"}
    assert (ROOT / "resources" / "__init__.py").is_file()
