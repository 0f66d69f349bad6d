"""Layout defects that are not clipped text: a hint left indented when the form's fields
went below their labels, and a focused field scrolled out of sight.

Both read the laid-out geometry of a shown window or dialog (``root``) and return one
line per defect, for a test to print and count.
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect
from PySide6.QtWidgets import QFormLayout, QLabel, QLayoutItem, QWidget

SLACK = 1


def misaligned_form_rows(root: QWidget) -> list[str]:
    """Rows without a label (a hint, a row of buttons) in a form whose labelled fields
    went below their labels (``WrapLongRows`` in a narrow window) must start where those
    fields start, not where the field column would have been."""
    found = []
    for form in root.findChildren(QFormLayout):
        owner = form.parentWidget()
        if owner is None or not owner.isVisible():
            continue
        wrapped_x: list[int] = []
        unlabelled: list[tuple[str, int]] = []
        for row in range(form.rowCount()):
            label = form.itemAt(row, QFormLayout.ItemRole.LabelRole)
            field = form.itemAt(row, QFormLayout.ItemRole.FieldRole)
            if field is None or not _shown(field):
                continue
            text = _label_text(label)
            if text and label is not None:
                if field.geometry().top() >= label.geometry().bottom():
                    wrapped_x.append(field.geometry().left())
            else:
                unlabelled.append((_describe(field), field.geometry().left()))
        if not wrapped_x:
            continue
        column = min(wrapped_x)
        found += [
            f"{type(owner).__name__}#{owner.objectName()}: {what} starts at x={x}, "
            f"the fields below their labels at x={column}"
            for what, x in unlabelled
            if x > column + SLACK
        ]
    return found


def focus_out_of_sight(root: QWidget) -> list[str]:
    """The widget with the keyboard focus is where the keys go: it must be in view."""
    focused = root.window().focusWidget()
    if focused is None or not focused.isVisible() or not root.isAncestorOf(focused):
        return []
    shown = _in_sight(focused, root)
    if shown.height() * 2 >= focused.height() and not shown.isEmpty():
        return []
    return [f"the focused {type(focused).__name__}#{focused.objectName()} is out of sight"]


def _in_sight(widget: QWidget, root: QWidget) -> QRect:
    """The part of ``widget`` (in ``root``'s coordinates) inside every parent as they are
    scrolled now (``clipping.visible_rect`` lets scrolled content count as in view)."""
    rect = QRect(widget.mapTo(root, QPoint(0, 0)), widget.size())
    current = widget.parentWidget()
    while current is not None and current is not root:
        rect = rect.intersected(QRect(current.mapTo(root, QPoint(0, 0)), current.size()))
        current = current.parentWidget()
    return rect.intersected(root.rect())


def _shown(item: QLayoutItem) -> bool:
    widget = item.widget()
    if widget is not None:
        return widget.isVisible()
    return not item.isEmpty() and not item.geometry().isEmpty()


def _label_text(item: QLayoutItem | None) -> str:
    if item is None:
        return ""
    widget = item.widget()
    return widget.text().strip() if isinstance(widget, QLabel) and widget.isVisible() else ""


def _describe(item: QLayoutItem) -> str:
    widget = item.widget()
    if isinstance(widget, QLabel):
        return repr(widget.text()[:40])
    if widget is not None:
        return f"{type(widget).__name__}#{widget.objectName()}"
    return "a row of widgets"
