"""An import-linter contract type for Qt's own modules (``contract_types`` in pyproject.toml).

import-linter sees an external package only as a whole (``PySide6``), so a forbidden
contract cannot tell ``PySide6.QtCore`` (translation, fine for the headless command line)
from ``PySide6.QtWidgets``. This contract reads the import lines that the graph keeps.
It checks direct imports; indirect ones pass through our own modules, and the forbidden
contracts keep the command line away from ``desk_app.ui`` and ``desk_app.desktop``.
"""

from __future__ import annotations

import re

from grimp import ImportGraph
from importlinter import Contract, ContractCheck, fields, output


class QtModulesContract(Contract):
    """Source modules may import PySide6, but none of ``forbidden_qt_modules``.

    Configuration options:
        - source_modules:       the modules (with their descendants) to check.
        - forbidden_qt_modules: names such as ``QtWidgets`` or ``QtGui``.
    """

    type_name = "qt_modules"

    source_modules = fields.ListField(subfield=fields.ModuleField())
    forbidden_qt_modules = fields.ListField(subfield=fields.StringField())

    def check(self, graph: ImportGraph, verbose: bool) -> ContractCheck:
        names = "|".join(re.escape(str(name)) for name in self.forbidden_qt_modules)
        pattern = re.compile(rf"\b(?:{names})\b")
        found = []
        for source in self.source_modules:
            for importer in sorted({source.name} | graph.find_descendants(source.name)):
                for detail in graph.get_import_details(importer=importer, imported="PySide6"):
                    if pattern.search(detail["line_contents"]):
                        found.append(
                            (importer, detail["line_number"], detail["line_contents"].strip())
                        )
        return ContractCheck(kept=not found, metadata={"found": found})

    def render_broken_contract(self, check: ContractCheck) -> None:
        for importer, line_number, line in check.metadata["found"]:
            output.print_error(f"{importer}:{line_number}: {line}", bold=False)
            output.new_line()
