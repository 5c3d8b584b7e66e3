"""Build solution sheets into a directory: prove the claims, write .tex/.md/figures, run TeX."""

from __future__ import annotations

import pickle
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterable, Mapping
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path

from proofs import Claim, Sheet, Verdict, prove

from . import figures
from .atomic import write_bytes, write_text
from .md_sheet import sheet_md
from .tex_sheet import sheet_tex

LATEXMK = ("latexmk", "-pdf", "-interaction=nonstopmode", "-halt-on-error")


@dataclass
class BuildResult:
    """What a build wrote and what went wrong."""

    written: list[Path] = field(default_factory=list)
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


def _prove_one(args: tuple[Claim, float]) -> Verdict:
    claim, budget = args
    return prove(claim, budget=budget)


def _picklable(claim: Claim) -> bool:
    try:
        pickle.loads(pickle.dumps(claim))
    except Exception:  # noqa: BLE001 - any failure means: prove it in this process
        return False
    return True


def prove_all(claims: list[Claim], budget: float, workers: int = 2,
              advance: Callable[[str], None] | None = None) -> dict[str, Verdict]:
    """Verdicts by claim name (a process pool when it pays; the result is order-free).

    Claims that do not survive a pickle round trip (or whose verdict does not come back)
    are proved in this process, so one such claim does not serialise the whole build.
    """
    out: dict[str, Verdict] = {}
    tick = advance or (lambda _name: None)
    local = list(claims)
    if workers > 1 and len(claims) > 4:
        remote = [c for c in claims if _picklable(c)]
        sent = {c.name for c in remote}
        local = [c for c in claims if c.name not in sent]
        try:
            with ProcessPoolExecutor(max_workers=workers) as pool:
                futures = {pool.submit(_prove_one, (c, budget)): c for c in remote}
                for fut in as_completed(futures):
                    c = futures[fut]
                    try:
                        out[c.name] = fut.result()
                        tick(c.name)
                    except Exception:  # noqa: BLE001 - e.g. an unpicklable verdict
                        local.append(c)
        except Exception:  # noqa: BLE001 - no pool on this system: one process
            local = [c for c in claims if c.name not in out]
    for c in local:
        out[c.name] = prove(c, budget=budget)
        tick(c.name)
    return {c.name: out[c.name] for c in claims}


def used_figures(sheets: Iterable[Sheet]) -> list[str]:
    names: list[str] = []
    for sheet in sheets:
        for ex in sheet.exercises:
            for name in ex.figures:
                figures.check_name(name)
                if name not in names:
                    names.append(name)
    return names


def write_sheets(sheets: list[Sheet], verdicts: Mapping[str, Verdict], out: Path,
                 formats: set[str]) -> BuildResult:
    """Write figures, .tex and .md of every sheet (atomically); no TeX run here."""
    result = BuildResult(verdicts=dict(verdicts))
    fig_dir = out / "figures"
    for name in used_figures(sheets):
        if "md" in formats or ({"tex", "pdf"} & formats and not figures.is_graph(name)):
            result.written.append(figures.write_png(name, fig_dir))
    for sheet in sheets:
        if {"tex", "pdf"} & formats:
            result.written.append(write_text(out / f"{sheet.name}.tex",
                                             sheet_tex(sheet, verdicts)))
        if "md" in formats:
            result.written.append(write_text(out / f"{sheet.name}.md",
                                             sheet_md(sheet, verdicts)))
    return result


def have_latexmk() -> bool:
    return shutil.which("latexmk") is not None and shutil.which("pdflatex") is not None


def compile_pdf(tex: Path) -> tuple[Path | None, str]:
    """Run latexmk in a private aux directory; (pdf path, "") or (None, error lines)."""
    aux = (tex.parent / ".latex").resolve()  # latexmk runs in tex.parent: no relative paths
    aux.mkdir(exist_ok=True)
    proc = subprocess.run([*LATEXMK, f"-outdir={aux}", tex.name], cwd=tex.parent,
                          capture_output=True, text=True, errors="replace", timeout=600)
    pdf = aux / (tex.stem + ".pdf")
    if proc.returncode != 0 or not pdf.exists():
        log = aux / (tex.stem + ".log")
        text = log.read_text(errors="replace") if log.exists() else proc.stdout
        lines = [ln for ln in text.splitlines() if ln.startswith("!") or ln.startswith("l.")]
        return None, "; ".join(lines[:6]) or f"latexmk exit status {proc.returncode}"
    return write_bytes(tex.parent / pdf.name, pdf.read_bytes()), ""


def main_log(msg: str) -> None:
    print(msg, file=sys.stderr)
