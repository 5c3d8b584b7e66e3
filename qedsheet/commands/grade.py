"""`qedsheet grade FILE`: check every relation that a Markdown or LaTeX sheet states."""

from __future__ import annotations

import argparse
import json
import os
import sys

from derivations.latex_vocabulary import VOCABULARY
from proofs.documents import MAX_BYTES, DocumentError, detect_format
from proofs.grading import DEFAULT_BUDGET, MAX_RELATIONS, TIME_LIMIT, Finding, Report, grade_text
from proofs.parallel import default_jobs

from ..cli import COMMANDS, UsageError, seconds
from ..progress import Progress


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "grade", help=COMMANDS["grade"],
        description="Read every formula of FILE (Markdown: $...$, $$...$$; LaTeX: \\[...\\], "
        "equation, align, $...$), take the document's definitions ('let f(x) = ...', "
        "'where σ(x) = ...') and assumptions ('for λ > 0') into account, and check each "
        "relation it states (=, <, >, ≤, ≥, ≠, ≈; a chain link by link) with the engine: "
        "correct (proved), wrong (refuted: a counterexample, or the correct value of a "
        "derivative or limit) or unchecked (with the reason). Exit status 0 when nothing "
        "is wrong, 1 when something is, 2 for bad input.")
    p.add_argument("file", metavar="FILE", help="a .md or .tex file ('-' for standard input)")
    p.add_argument("--json", action="store_true", help="print a JSON object instead")
    p.add_argument("--format", choices=("markdown", "latex"), default=None,
                   help="how to read FILE (default: from its name, then its content)")
    p.add_argument("--budget", type=seconds, default=DEFAULT_BUDGET, metavar="S",
                   help=f"seconds allowed per relation (default {DEFAULT_BUDGET:g})")
    p.add_argument("--jobs", "-j", type=int, default=None, metavar="N",
                   help="relations proved in parallel processes (default: number of cores)")
    p.add_argument("--time-limit", type=seconds, default=TIME_LIMIT, metavar="S",
                   help=f"seconds for the whole run; relations not reached by then are "
                   f"unchecked (default {TIME_LIMIT:g})")
    p.set_defaults(run=run)


def read_source(path: str) -> str:
    """The text of FILE, or a UsageError naming what is wrong with it."""
    if path == "-":
        data = sys.stdin.buffer.read(MAX_BYTES + 1)
    else:
        if not os.path.exists(path):
            raise UsageError(f"{path}: no such file")
        if os.path.isdir(path):
            raise UsageError(f"{path} is a directory, not a sheet")
        try:
            if os.path.getsize(path) > MAX_BYTES:
                raise UsageError(f"{path} is larger than {MAX_BYTES // 1_000_000} MB")
            with open(path, "rb") as fh:
                data = fh.read(MAX_BYTES + 1)
        except OSError as exc:
            raise UsageError(f"{path}: {exc.strerror or exc}") from None
    if len(data) > MAX_BYTES:
        raise UsageError(f"{path} is larger than {MAX_BYTES // 1_000_000} MB")
    if b"\0" in data:
        raise UsageError(f"{path} is a binary file, not a Markdown or LaTeX sheet")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise UsageError(f"{path} is not UTF-8 text (byte {exc.start})") from None
    if not text.strip():
        raise UsageError(f"{path} is empty")
    return text


def finding_line(path: str, f: Finding) -> str:
    """One line per finding: where, verdict, the LaTeX and the reason."""
    latex = " ".join(f.latex.split())
    if len(latex) > 160:
        latex = latex[:157] + "..."
    return f"{path}:{f.line}: {f.verdict}: {latex}  -- {' '.join(f.reason.split())}"


def summary_line(r: Report) -> str:
    s = r.summary()

    def count(k: int, word: str) -> str:
        return f"{k} {word}" + ("" if k == 1 else "s")
    return (f"{count(s['relations'], 'relation')}: {s['correct']} correct, {s['wrong']} "
            f"wrong, {s['unchecked']} unchecked ({count(s['formulas'], 'formula')}, "
            f"{count(s['definitions'], 'definition')}, "
            f"{count(s['conditions'], 'condition')})")


def run(args: argparse.Namespace) -> int:
    jobs = default_jobs() if args.jobs is None else args.jobs
    if jobs < 1:
        raise UsageError(f"--jobs must be at least 1, got {jobs}")
    text = read_source(args.file)
    fmt = args.format or detect_format(args.file, text)
    progress = Progress(0, "grading")

    def start(total: int) -> None:
        progress.total = total

    try:
        report = grade_text(text, fmt, args.budget, jobs, progress.advance, start,
                            MAX_RELATIONS, args.time_limit, VOCABULARY)
    except DocumentError as exc:
        raise UsageError(f"{args.file}: {exc}") from None
    except RecursionError:
        raise UsageError(f"{args.file}: a formula is nested too deeply to read") from None
    finally:
        progress.close()
    if report.formulas == 0:
        raise UsageError(f"{args.file}: no formulas found (Markdown: $...$ or $$...$$; "
                         "LaTeX: \\[...\\], equation, align, $...$)")
    if args.json:
        print(json.dumps({"file": args.file, "format": fmt,
                          "findings": [f.record() for f in report.findings],
                          "summary": report.summary()}, indent=2, ensure_ascii=False))
    else:
        for f in report.findings:
            print(finding_line(args.file, f))
        print(summary_line(report))
    return 1 if report.summary()["wrong"] else 0
