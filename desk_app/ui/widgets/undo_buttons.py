"""Undo and redo as two tool buttons that follow an undo stack: enabled only when there is
something to undo or redo, the tooltip naming what (the command's text)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QObject
from PySide6.QtGui import QAction, QUndoStack
from PySide6.QtWidgets import QToolButton


def undo_redo_buttons(stack: QUndoStack, parent: QObject) -> tuple[QToolButton, QToolButton]:
    """The buttons ``undo`` and ``redo`` (object names) for ``stack``; their actions belong
    to ``parent``."""
    undo = QAction(QCoreApplication.translate("UndoButtons", "Undo"), parent)
    undo.triggered.connect(stack.undo)
    stack.canUndoChanged.connect(undo.setEnabled)
    stack.undoTextChanged.connect(undo.setToolTip)
    redo = QAction(QCoreApplication.translate("UndoButtons", "Redo"), parent)
    redo.triggered.connect(stack.redo)
    stack.canRedoChanged.connect(redo.setEnabled)
    stack.redoTextChanged.connect(redo.setToolTip)
    buttons = []
    for name, action in (("undo", undo), ("redo", redo)):
        action.setEnabled(False)
        button = QToolButton()
        button.setObjectName(name)
        button.setDefaultAction(action)
        buttons.append(button)
    return buttons[0], buttons[1]
