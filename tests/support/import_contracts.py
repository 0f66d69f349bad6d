"""An import-linter contract type for single modules of an outside package.

import-linter sees an outside package only as a whole (``PySide6``, ``urllib``), so a
forbidden contract cannot tell ``PySide6.QtCore`` (translation, fine for the headless
command line) from ``PySide6.QtWidgets``, or ``urllib.parse`` (pure string work, fine in
the domain) from ``urllib.request``. This contract reads the import lines that the graph
keeps. It checks direct imports; indirect ones pass through our own modules, which the
forbidden and layers contracts already hold.
"""

from __future__ import annotations

import re

from grimp import ImportGraph
from importlinter import Contract, ContractCheck, fields, output


def line_pattern(dotted: str) -> re.Pattern[str]:
    """Import lines that bring in ``dotted`` (``package.module``) in any spelling."""
    package, _, module = dotted.partition(".")
    p, m = re.escape(package), re.escape(module)
    return re.compile(
        rf"^\s*(?:import\s+{p}\.{m}\b"  # import PySide6.QtWidgets
        rf"|from\s+{p}\.{m}\b"  # from PySide6.QtWidgets import X
        rf"|from\s+{p}\s+import\s+(?:\(?\s*)?(?:[\w\s,]*,\s*)?{m}\b)"  # from PySide6 import QtGui
    )


class ForbiddenSubmodulesContract(Contract):
    """Source modules may import the package, but none of ``forbidden_modules``.

    Configuration options:
        - source_modules:    our modules (with their descendants) to check.
        - forbidden_modules: dotted names such as ``PySide6.QtWidgets`` or ``urllib.request``.
    """

    type_name = "forbidden_submodules"

    source_modules = fields.ListField(subfield=fields.ModuleField())
    forbidden_modules = fields.ListField(subfield=fields.StringField())

    def check(self, graph: ImportGraph, verbose: bool) -> ContractCheck:
        found = []
        for dotted in map(str, self.forbidden_modules):
            package = dotted.partition(".")[0]
            pattern = line_pattern(dotted)
            for source in self.source_modules:
                for importer in sorted({source.name} | graph.find_descendants(source.name)):
                    for detail in graph.get_import_details(importer=importer, imported=package):
                        if pattern.search(detail["line_contents"]):
                            line = detail["line_contents"].strip()
                            found.append((importer, detail["line_number"], line))
        return ContractCheck(kept=not found, metadata={"found": sorted(found)})

    def render_broken_contract(self, check: ContractCheck) -> None:
        for importer, line_number, line in check.metadata["found"]:
            output.print_error(f"{importer}:{line_number}: {line}", bold=False)
            output.new_line()
