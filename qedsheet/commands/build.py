"""`qedsheet build`: write the solution sheets (.tex, .pdf, .md, .ipynb and figures)."""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Mapping
from dataclasses import replace
from pathlib import Path

from proofs import Sheet, Verdict
from proofs.cache import ProofCache
from proofs.parallel import default_jobs
from render.atomic import ready_folder

from .. import targets
from ..cli import COMMANDS, UsageError, seconds
from ..progress import Progress

FORMATS = ("tex", "pdf", "md", "ipynb")
DEFAULT_FORMATS = ("tex", "pdf", "md")
SHOWN_UNEXPECTED = 10  # claims not as expected named on stderr; `check` lists them all


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("build", help=COMMANDS["build"],
                       description="Prove every claim of every sheet and write each sheet as "
                       "NAME.tex, NAME.pdf and NAME.md (and, with --format ipynb, NAME.ipynb: "
                       "a Jupyter notebook whose code cells import and prove each claim), "
                       "with figures under DIR/figures/. The "
                       "sheets are the catalog's, or one per named file or module: its SHEET "
                       "(a proofs.Sheet) if it defines one, else its claims and derivations "
                       "in file order under the file's name (notes.py -> notes.tex, .pdf, "
                       ".md), titled by the first line of its docstring. Without TeX the PDF "
                       "is skipped with a message unless --format asks for pdf. "
                       "Exit status: 0 when every claim came out as expected; 1 when one did "
                       "not (the sheets are still written, and say so beside the claim) or "
                       "LaTeX failed; 2 for bad input.")
    targets.add_arguments(p)
    p.add_argument("-o", "--output", default="build", metavar="DIR",
                   help="output directory (default build/)")
    p.add_argument("--format", default=None, metavar="LIST",
                   help="comma-separated formats among tex,pdf,md,ipynb (default tex,pdf,md)")
    p.add_argument("--only", default=None, metavar="SOURCE-PREFIX",
                   help="only the exercises whose source (or sheet name) starts with this; "
                   "a sheet cut down so is written as SHEET--PREFIX, never under the full "
                   "sheet's name")
    p.add_argument("--budget", type=seconds, default=20.0, metavar="S",
                   help="seconds allowed per claim (default 20)")
    p.add_argument("--jobs", "-j", type=int, default=None, metavar="N",
                   help="processes proving claims (default: the number of cores; the sheets "
                   "are the same whatever the number)")
    p.add_argument("--no-cache", action="store_true",
                   help="prove every claim again, neither reading nor writing the proof cache "
                   "(see 'qedsheet cache'); without it, a build of the catalog with nothing "
                   "changed since the last one into DIR (source, libraries, TeX, options, "
                   "the files it wrote) is not run again")
    p.set_defaults(run=run)


def parse_formats(text: str | None) -> tuple[set[str], bool]:
    """(formats, pdf asked for explicitly)."""
    if text is None:
        return set(DEFAULT_FORMATS), False
    wanted = {f.strip() for f in text.split(",") if f.strip()}
    bad = sorted(wanted - set(FORMATS))
    if bad or not wanted:
        raise UsageError(f"--format takes a comma-separated list of {','.join(FORMATS)}, "
                         f"got {text!r}")
    return wanted, "pdf" in wanted


def select(sheets: tuple[Sheet, ...], prefix: str | None) -> list[Sheet]:
    """Sheets cut down to the exercises whose source or sheet name starts with prefix. A
    sheet that loses exercises is renamed `SHEET--PREFIX` (and its title says so), so that
    it never overwrites the whole sheet's files."""
    if not prefix:
        return list(sheets)
    out = []
    for s in sheets:
        if s.name.startswith(prefix):
            out.append(s)
            continue
        kept = tuple(ex for ex in s.exercises if (ex.source or "").startswith(prefix))
        if len(kept) == len(s.exercises):
            out.append(s)
        elif kept:
            part = re.sub(r"[^A-Za-z0-9_.\-]+", "-", prefix).strip("-.") or "part"
            out.append(replace(s, name=f"{s.name}--{part}", exercises=kept,
                               title=f"{s.title} (only {prefix})"))
    if not out:
        names = ", ".join(s.name for s in sheets) or "none"
        raise UsageError(f"--only {prefix!r} matches no sheet or exercise source "
                         f"(sheets: {names})")
    return out


def build(sheets: list[Sheet], out: Path, formats: set[str], pdf_explicit: bool,
          budget: float = 20.0, jobs: int = 1,
          verdicts: Mapping[str, Verdict] | None = None,
          cache: ProofCache | None = None, made: list[Path] | None = None) -> int:
    """Prove (unless `verdicts` are given; those in `cache` are taken from it), write,
    compile; messages on stderr; the exit status. When everything asked for was made,
    `made` (if given) receives every file of the sheets, written now or left unchanged."""
    from render.build import (
        compile_pdf,
        have_latexmk,
        pdf_up_to_date,
        prove_all,
        sheet_claims,
        write_sheets,
    )

    ready_folder(out)  # before the proving
    if verdicts is None:
        claims = {c.name: c for s in sheets for c in sheet_claims(s)}
        progress = Progress(len(claims), "proving")
        verdicts = prove_all(list(claims.values()), budget, jobs, progress.advance, cache)
        progress.close()
    try:
        result = write_sheets(sheets, verdicts, out, formats)
    except ValueError as exc:
        raise UsageError(str(exc)) from None
    status = 0
    complete = True
    if "pdf" in formats:
        if not have_latexmk():
            complete = False
            msg = ("latexmk/pdflatex not found: PDF not written (install texlive-latex-base, "
                   "texlive-latex-recommended, texlive-pictures, texlive-science, latexmk)")
            print(f"qedsheet: {msg}", file=sys.stderr)
            status = 1 if pdf_explicit else 0
        else:
            for s in sheets:
                if pdf_up_to_date(out / f"{s.name}.tex"):
                    result.unchanged.append(out / f"{s.name}.pdf")
                    continue
                pdf, err = compile_pdf(out / f"{s.name}.tex")
                if pdf is None:
                    print(f"qedsheet: LaTeX failed for {s.name}.tex: {err}", file=sys.stderr)
                    status = 1
                else:
                    result.written.append(pdf)
    bad = [v for v in verdicts.values() if not v.ok]
    kept = f", {len(result.unchanged)} unchanged" if result.unchanged else ""
    print(f"qedsheet: wrote {len(result.written)} files to {out}/{kept} ({len(sheets)} "
          f"sheets, {len(verdicts)} claims, {len(bad)} not as expected)", file=sys.stderr)
    for v in sorted(bad, key=lambda v: v.claim.name)[:SHOWN_UNEXPECTED]:
        print(f"qedsheet: {v.claim.name}: {v.status}, expected {v.claim.expect}",
              file=sys.stderr)
    if len(bad) > SHOWN_UNEXPECTED:
        print(f"qedsheet: ... and {len(bad) - SHOWN_UNEXPECTED} more not as expected "
              "('qedsheet check' lists them all)", file=sys.stderr)
    if made is not None and complete:
        made.extend([*result.written, *result.unchanged])
    return status or (1 if bad else 0)


def run(args: argparse.Namespace) -> int:
    formats, explicit = parse_formats(args.format)
    jobs = default_jobs() if args.jobs is None else args.jobs
    if jobs < 1:
        raise UsageError(f"--jobs must be at least 1, got {jobs}")
    ready_folder(args.output)  # a bad -o fails at once, before any import
    chosen = select(targets.sheets(args.targets, args.import_timeout), args.only)
    cache = None if args.no_cache else ProofCache.default()
    record = getattr(args, "record", None)
    return build(chosen, Path(args.output), formats, explicit, args.budget, jobs, cache=cache,
                 made=None if record is None else record.files)
