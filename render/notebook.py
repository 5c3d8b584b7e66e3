"""A solution sheet as a Jupyter notebook: the writer of `render.document` for D2L's own
medium.

The question and the answer of each exercise are Markdown cells (KaTeX-compatible math,
as in the Markdown sheet); each claim is a Markdown cell (its statement) and a code cell
that imports it from its module, proves it (from the proof cache when it holds the
verdict) and shows the verdict with its steps; each derivation's code cell proves its
links. The notebook holds no outputs and its cells have fixed ids, so that the same sheet
gives the same bytes on every build.
"""

from __future__ import annotations

import keyword
import os
import re
from collections.abc import Mapping
from pathlib import Path
from types import MappingProxyType

from proofs import Sheet, Verdict

from .claim_imports import Origin, Origins
from .document import (
    ClaimBlock,
    CodeBlock,
    DerivationBlock,
    FigureBlock,
    SheetDoc,
    sheet_doc,
)
from .md_sheet import (
    claim_block_md,
    claim_head_md,
    code_md,
    derivation_block_md,
    exercise_head_md,
    figure_md,
    sheet_head_md,
)

BUDGET = 20.0
"""Seconds per claim for a claim the proof cache does not hold (as `qedsheet build`)."""

KERNELSPEC = MappingProxyType({"display_name": "Python 3 (ipykernel)", "language": "python",
                               "name": "python3"})

SETUP = '''\
from IPython.display import display

from proofs.cache import ProofCache
from proofs.parallel import prove_many


def prove(claim):
    """The claim's verdict: from the proof cache when it holds it (see `qedsheet cache`),
    else proved now and kept there."""
    return prove_many([claim], {budget}, cache=ProofCache.default())[0]
'''


def _variable(origin: Origin, name: str) -> str:
    """The Python name a code cell binds the object to."""
    if not origin.name:
        return origin.attribute
    var = re.sub(r"\W", "_", name)
    return var + "_" if keyword.iskeyword(var) else var


def _path_lines(folders: list[str], notebook_folder: Path) -> str:
    """Lines putting the folders of the user's files on sys.path, written relative to the
    notebook's folder (where Jupyter runs it)."""
    lines = ["import os", "import sys", ""]
    for folder in folders:
        rel = Path(os.path.relpath(folder, notebook_folder.resolve())).as_posix()
        lines.append(f"sys.path.insert(0, os.path.abspath({rel!r}))")
    return "\n".join(lines) + "\n\n"


def notebook_cells(doc: SheetDoc, folder: Path, origins: Origins) -> list[tuple[str, str]]:
    """The notebook's cells in order, as ("markdown" or "code", source); `folder` is where
    the notebook is written (paths to a user's files are relative to it)."""
    cells: list[tuple[str, str]] = [("markdown", sheet_head_md(doc))]
    body: list[tuple[str, str]] = []
    folders: list[str] = []

    def proving(obj: object, name: str, line: str) -> tuple[str, str] | None:
        origin = origins.of(obj)
        if origin is None:
            return None
        if origin.folder and origin.folder not in folders:
            folders.append(origin.folder)
        var = _variable(origin, name)
        return "code", origin.code(var) + "\n\n" + line.format(var=var)

    for e in doc.exercises:
        question, answer = exercise_head_md(e)
        body.append(("markdown", question))
        if answer:
            body.append(("markdown", answer))
        for b in e.blocks:
            if isinstance(b, ClaimBlock):
                cell = proving(b.claim, b.claim.name, "prove({var})")
                if cell is None:     # not importable: the verdict of the build, as text
                    body.append(("markdown", claim_block_md(b)))
                else:
                    body += [("markdown", "\n".join(claim_head_md(b))), cell]
            elif isinstance(b, DerivationBlock):
                body.append(("markdown", derivation_block_md(b)))
                cell = proving(b.derivation, b.derivation.name,
                               "for link in {var}.link_claims():\n    display(prove(link))")
                if cell is not None:
                    body.append(cell)
            elif isinstance(b, CodeBlock):
                body.append(("markdown", code_md(b)))
            elif isinstance(b, FigureBlock):
                body.append(("markdown", figure_md(b)))
    setup = (_path_lines(folders, folder) if folders else "") + \
        SETUP.format(budget=BUDGET)
    cells.append(("code", setup))
    return cells + [(kind, text.strip("\n") + "\n") for kind, text in body]


def sheet_ipynb(sheet: Sheet, verdicts: Mapping[str, Verdict], folder: Path,
                origins: Origins | None = None) -> str:
    """The notebook (nbformat 4.5 JSON) of a sheet written into `folder`, its claims
    imported from where `origins` (by default: every module imported so far) finds them."""
    return document_ipynb(sheet_doc(sheet, verdicts), folder, origins or Origins())


def document_ipynb(doc: SheetDoc, folder: Path, origins: Origins) -> str:
    """A sheet's document as a notebook: no outputs, cell ids `cell-1`, `cell-2`, ..., so
    the same sheet gives the same text."""
    import nbformat
    from nbformat import v4

    cells = []
    for k, (kind, source) in enumerate(notebook_cells(doc, folder, origins), 1):
        make = v4.new_markdown_cell if kind == "markdown" else v4.new_code_cell
        cells.append(make(source.rstrip("\n"), id=f"cell-{k}"))
    nb = v4.new_notebook(cells=cells, metadata={
        "kernelspec": dict(KERNELSPEC), "language_info": {"name": "python"}})
    nbformat.validate(nb)
    return nbformat.writes(nb, version=4) + "\n"
