"""The cheaper form of PySide6's per-import question gives PySide6's own answers."""

from __future__ import annotations

import sys
from collections.abc import Iterator

import PySide6.QtCore  # noqa: F401 - loads the feature module the check belongs to
import pytest

from desk_app.desktop import pyside_imports


@pytest.fixture
def feature() -> Iterator[object]:
    module = sys.modules[pyside_imports._FEATURE_MODULE]
    original = getattr(module, pyside_imports._CHECK)
    yield module
    setattr(module, pyside_imports._CHECK, original)


def test_the_cheaper_check_answers_as_pyside_does_for_every_loaded_module(
    feature: object,
) -> None:
    import desk_app.desktop.gui
    import desk_app.ui.marketing.marketing_page  # noqa: F401

    assert pyside_imports.speed_up_feature_check()  # maybe done already by a window start
    cheaper = getattr(feature, pyside_imports._CHECK)
    original = cheaper.pyside_check
    assert cheaper is not original
    modules = [m for m in list(sys.modules.values()) if m is not None]
    answers = {m.__name__: (original(m), cheaper(m)) for m in modules}
    assert all(old == new for old, new in answers.values())
    # Both kinds are among them: the question is not answered the same for all.
    assert answers["desk_app.ui.main_window"] == (True, True)
    assert answers["desk_app.domain.enums"] == (False, False)
    assert answers["sys"] == (False, False)  # built in: PySide6's own answer


def test_installed_once(feature: object) -> None:
    assert pyside_imports.speed_up_feature_check()
    installed = getattr(feature, pyside_imports._CHECK)
    assert pyside_imports.speed_up_feature_check()
    assert getattr(feature, pyside_imports._CHECK) is installed
