"""Build solution sheets into a directory: prove the claims, write .tex/.md/.ipynb and
figures, run TeX."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from proofs import Claim, Sheet, Verdict
from proofs.cache import ProofCache
from proofs.parallel import prove_many

from . import figures, stamps
from .atomic import write_bytes, write_text_if_changed
from .document import sheet_doc
from .latex_printer import printed_once
from .md_sheet import document_md
from .tex_sheet import document_tex

LATEXMK = ("latexmk", "-pdf", "-interaction=nonstopmode", "-halt-on-error",
           r"-usepretex=\pdftrailerid{}")
"""An empty trailer ID: pdfTeX would otherwise derive it from the (private, random) path."""


@dataclass
class BuildResult:
    """What a build wrote and what went wrong."""

    written: list[Path] = field(default_factory=list)
    unchanged: list[Path] = field(default_factory=list)
    verdicts: dict[str, Verdict] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)


def sheet_claims(sheet: Sheet) -> list[Claim]:
    """Every claim a sheet shows a verdict for: its claims and its derivations' links."""
    out: dict[str, Claim] = {}
    for ex in sheet.exercises:
        for c in ex.claims:
            out.setdefault(c.name, c)
        for d in ex.derivations:
            for c in d.link_claims():
                out.setdefault(c.name, c)
    return list(out.values())


def prove_all(claims: list[Claim], budget: float, workers: int = 2,
              advance: Callable[[str], None] | None = None,
              cache: ProofCache | None = None) -> dict[str, Verdict]:
    """Verdicts by claim name, proved in up to `workers` worker processes (or taken from
    `cache`). Either way a verdict arrives as `proofs.serial` data, so a sheet is the
    same whether its verdicts were proved now, by one worker or several, or earlier; and
    a claim that ends its process costs only its own verdict."""
    verdicts = prove_many(claims, budget, workers, advance, isolate=True, cache=cache)
    return {c.name: v for c, v in zip(claims, verdicts, strict=True)}


def used_figures(sheets: Iterable[Sheet]) -> list[figures.Entry]:
    """Every figure the sheets show, once each; a ValueError when two different figures
    would write the same file."""
    by_file: dict[str, figures.Entry] = {}
    for sheet in sheets:
        for ex in sheet.exercises:
            for entry in ex.figures:
                figures.check_name(entry)
                stem = figures.file_stem(entry)
                if by_file.setdefault(stem, entry) != entry:
                    raise ValueError(f"two different figures are named {stem!r}")
    return list(by_file.values())


def write_sheets(sheets: list[Sheet], verdicts: Mapping[str, Verdict], out: Path,
                 formats: set[str]) -> BuildResult:
    """Write figures, .tex, .md and .ipynb of every sheet (as `formats` asks; atomically);
    no TeX run here. A file that would get the bytes it already has is left alone
    (`BuildResult.unchanged`), and a figure whose inputs did not change is not drawn
    again."""
    result = BuildResult(verdicts=dict(verdicts))
    fig_dir = out / "figures"
    for entry in used_figures(sheets):
        if {"md", "ipynb"} & formats or ({"tex", "pdf"} & formats
                                         and not figures.is_graph(entry)):
            stem = figures.file_stem(entry)
            png = fig_dir / f"{stem}.png"
            inputs = figures.inputs_digest(entry)
            if stamps.up_to_date(out, f"figure-{stem}", inputs):
                result.unchanged.append(png)
                continue
            result.written.append(figures.write_png(entry, fig_dir))
            stamps.record(out, f"figure-{stem}", inputs, [png])
    origins = None
    if "ipynb" in formats:
        from .claim_imports import Origins
        from .notebook import document_ipynb

        origins = Origins()  # the modules of the sheets are imported by now
    for sheet in sheets:
        with printed_once():  # each formula printed once for every format
            doc = sheet_doc(sheet, verdicts)  # once, for every format
            texts = []
            if {"tex", "pdf"} & formats:
                texts.append((out / f"{sheet.name}.tex", document_tex(doc)))
            if "md" in formats:
                texts.append((out / f"{sheet.name}.md", document_md(doc)))
            if origins is not None:
                texts.append((out / f"{sheet.name}.ipynb",
                              document_ipynb(doc, out, origins)))
        for path, text in texts:
            (result.written if write_text_if_changed(path, text) else
             result.unchanged).append(path)
    return result


def have_latexmk() -> bool:
    return shutil.which("latexmk") is not None and shutil.which("pdflatex") is not None


_FIGURE_FILE = re.compile(r"\\includegraphics(?:\[[^\]]*\])?\{([^}]+)\}")
LATEX_ENV = {"SOURCE_DATE_EPOCH": "0", "FORCE_SOURCE_DATE": "1"}
"""pdfTeX writes this fixed date (and an ID made from it) into the PDF, so that the
same .tex gives the same PDF bytes on every build."""


def pdf_inputs(tex: Path) -> str:
    """A digest of what the PDF is made from: the .tex and the files it includes."""
    text = tex.read_bytes()
    parts: list[bytes | str] = [text]
    for rel in sorted(set(_FIGURE_FILE.findall(text.decode("utf-8", "replace")))):
        try:
            parts += [rel, (tex.parent / rel).read_bytes()]
        except OSError:
            parts += [rel, "missing"]
    return stamps.digest(*parts)


def pdf_up_to_date(tex: Path) -> bool:
    """Whether the PDF beside `tex` was made by an earlier build from these very inputs."""
    return stamps.up_to_date(tex.parent, f"pdf-{tex.stem}", pdf_inputs(tex))


def compile_pdf(tex: Path) -> tuple[Path | None, str]:
    """Compile `tex` into the PDF beside it; (pdf path, "") or (None, error lines).

    latexmk works in a private folder of its own (a copy of the .tex, its .aux, .log and
    the PDF), so that builds sharing an output folder never read each other's auxiliary
    files and a damaged work folder left by an earlier run plays no part; the finished
    PDF is moved into place atomically and stamped with its inputs (`pdf_up_to_date`).
    Paths in the .tex (figures/...) are relative to the folder of `tex`, where latexmk
    runs."""
    folder = tex.parent.resolve()
    inputs = pdf_inputs(tex)
    with tempfile.TemporaryDirectory(prefix="qedsheet-latex-") as work:
        private = Path(work) / tex.name
        shutil.copyfile(tex, private)
        try:
            proc = subprocess.run([*LATEXMK, f"-outdir={work}", str(private)], cwd=folder,
                                  capture_output=True, text=True, errors="replace",
                                  timeout=600, env={**os.environ, **LATEX_ENV})
        except subprocess.TimeoutExpired:
            return None, "latexmk did not finish within 600 s"
        pdf = private.with_suffix(".pdf")
        if proc.returncode != 0 or not pdf.exists():
            log = private.with_suffix(".log")
            text = log.read_text(errors="replace") if log.exists() else proc.stdout
            lines = [ln for ln in text.splitlines() if ln.startswith(("!", "l."))]
            return None, "; ".join(lines[:6]) or f"latexmk exit status {proc.returncode}"
        target = write_bytes(tex.parent / pdf.name, pdf.read_bytes())
    stamps.record(tex.parent, f"pdf-{tex.stem}", inputs, [target])
    return target, ""
