"""`qedsheet check`: prove the claims of the catalog, or of the user's files and modules,
or the relations that Markdown and LaTeX notes state."""

from __future__ import annotations

import argparse
import dataclasses
import fnmatch
import json
import os
import re
import sys
from dataclasses import dataclass

import sympy as sp

from derivations.latex_vocabulary import VOCABULARY
from proofs import Claim, Verdict
from proofs.cache import ProofCache
from proofs.documents import DocumentError, detect_format, read_document
from proofs.parallel import default_jobs, prove_many
from proofs.reading import read_parts
from proofs.verdict import value_text

from .. import targets
from ..cli import COMMANDS, UsageError, seconds
from ..progress import Progress
from .grade import read_source

#: the names of notes, read as `qedsheet grade` reads them (anything else is Python)
NOTE_SUFFIXES = (".md", ".markdown", ".tex", ".latex", ".ltx")


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("check", help=COMMANDS["check"],
                       description="Prove every claim of the catalog (derivations.catalog()), "
                       "or every module-level Claim of the named files (notes.py) or "
                       "importable modules (mypkg.notes), or every relation stated in "
                       "Markdown or LaTeX notes (notes.md, notes.tex: read as 'qedsheet "
                       "grade' reads them, each relation expected to be proved), and print "
                       "one line per claim: name, status, seconds, method. Exit status 0 "
                       "when every status equals the claim's expect, 1 otherwise, 2 for bad "
                       "input.")
    targets.add_arguments(p, "a .py, .md or .tex file (notes.py, notes.md) or a dotted "
                          "module name (mypkg.notes); default: the catalog")
    p.add_argument("--json", action="store_true", help="print a JSON array instead of lines")
    p.add_argument("--budget", type=seconds, default=20.0, metavar="S",
                   help="seconds allowed per claim (default 20)")
    p.add_argument("--jobs", "-j", type=int, default=None, metavar="N",
                   help="claims proved in parallel processes (default: number of cores)")
    p.add_argument("--no-cache", action="store_true",
                   help="prove every claim again, neither reading nor writing the proof cache "
                   "(see 'qedsheet cache')")
    p.add_argument("--only", action="append", default=None, metavar="NAME-GLOB",
                   help="check only claims whose name matches the glob (repeatable)")
    p.set_defaults(run=run)


@dataclass(frozen=True)
class NoteRelation:
    """A relation that a note states: the name and place it is reported under, its
    LaTeX, and its claim (None when it cannot be read, with the reason); `guesses` are
    readings that were choices, under which a refutation is not a refutation."""

    name: str
    source: str  # "notes.md:12"
    latex: str
    claim: Claim | None
    reason: str = ""
    guesses: tuple[str, ...] = ()
    expect: str = "proved"


Item = Claim | NoteRelation


def verdict_record(v: Verdict, note: NoteRelation | None = None) -> dict:
    """The JSON object of one verdict (with the LaTeX of a relation of a note)."""
    out = {
        "name": v.claim.name, "source": v.claim.source, "expect": v.claim.expect,
        "status": v.status, "ok": v.ok, "seconds": round(v.seconds, 3), "method": v.method,
        "reason": v.reason,
        "counterexample": ({sp.sstr(k): value_text(val) for k, val in v.counterexample.items()}
                           if v.counterexample else None),
    }
    if note is not None:
        out["latex"] = note.latex
    return out


def verdict_line(v: Verdict, note: NoteRelation | None = None) -> str:
    mark = "ok  " if v.ok else "FAIL"
    detail = v.method if v.status == "proved" else (v.reason or v.method)
    if v.counterexample:
        detail += "; counterexample " + ", ".join(v.counterexample_lines())
    exp = "" if v.ok else f" (expected {v.claim.expect})"
    detail = " ".join(detail.split())  # one line per claim, whatever the reason holds
    line = f"{mark} {v.claim.name}: {v.status}{exp} {v.seconds:.2f}s {detail}"
    if note is not None:
        latex = " ".join(note.latex.split())
        latex = latex if len(latex) <= 120 else latex[:117] + "..."
        line += f"  -- {note.source}" + (f": {latex}" if latex else "")
    return line


def check_claims(claims: tuple[Claim, ...], budget: float, jobs: int = 1,
                 cache: ProofCache | None = None) -> list[Verdict]:
    """The verdicts of `claims`, in their order, proved in `jobs` worker processes (at
    least one, so that a claim that exits the process cannot pass for a success), those
    in `cache` taken from it."""
    progress = Progress(len(claims), "checking")
    try:
        return prove_many(claims, budget, jobs, progress.advance, isolate=True, cache=cache)
    finally:
        progress.close()


def check_items(items: tuple[Item, ...], budget: float, jobs: int = 1,
                cache: ProofCache | None = None) -> list[Verdict]:
    """The verdicts of claims and of the relations of notes, in their order: a relation
    that cannot be read is undecided with the reason, and a refutation that rests on a
    guessed reading is undecided too."""
    claims = tuple(x.claim if isinstance(x, NoteRelation) else x for x in items)
    proved = iter(check_claims(tuple(c for c in claims if c is not None), budget, jobs, cache))
    out = []
    for x, c in zip(items, claims, strict=True):
        if c is None:
            out.append(Verdict(x, "undecided", reason=x.reason or "not checked"))
            continue
        v = next(proved)
        if isinstance(x, NoteRelation) and x.guesses and v.status == "refuted":
            v = dataclasses.replace(v, status="undecided", counterexample=None, reason=(
                "false as read, but the reading is a guess ("
                + "; ".join(dict.fromkeys(x.guesses)) + ")"))
        out.append(v)
    return out


def report(verdicts: list[Verdict], as_json: bool,
           notes: list[NoteRelation | None] | None = None, cached: int = 0) -> int:
    notes = notes or [None] * len(verdicts)
    if as_json:
        print(json.dumps([verdict_record(v, n) for v, n in zip(verdicts, notes, strict=True)],
                         indent=2, ensure_ascii=False))
    else:
        for v, n in zip(verdicts, notes, strict=True):
            print(verdict_line(v, n))
        counts = {s: sum(v.status == s for v in verdicts)
                  for s in ("proved", "refuted", "undecided")}
        bad = sum(not v.ok for v in verdicts)
        print(f"{len(verdicts)} claims: {counts['proved']} proved, {counts['refuted']} refuted, "
              f"{counts['undecided']} undecided; {len(verdicts) - bad} as expected, "
              f"{bad} not" + (f"; {cached} from the proof cache" if cached else ""),
              file=sys.stdout)
    return 0 if all(v.ok for v in verdicts) else 1


def select(items: tuple[Item, ...], globs: list[str] | None) -> tuple[Item, ...]:
    """The claims whose name matches one of `globs` (all of them without globs)."""
    if not globs:
        return items
    chosen = tuple(c for c in items if any(fnmatch.fnmatchcase(c.name, g) for g in globs))
    if not chosen:
        raise UsageError(f"no claim matches --only {' '.join(globs)} "
                         f"(of {len(items)} claims)")
    return chosen


def is_note(target: str) -> bool:
    """A Markdown or LaTeX note (by its name), not Python."""
    return target.lower().endswith(NOTE_SUFFIXES)


def note_relations(path: str, label: str) -> tuple[NoteRelation, ...]:
    """The relations the note `path` states, named `LABEL-L12` (`LABEL-L12.2` for the
    second relation on line 12), or a UsageError when the note cannot be read."""
    text = read_source(path)
    try:
        ctx = read_parts(read_document(text, detect_format(path, text)), VOCABULARY)
    except DocumentError as exc:
        raise UsageError(f"{path}: {exc}") from None
    except RecursionError:
        raise UsageError(f"{path}: a formula is nested too deeply to read") from None
    if not ctx.links:
        raise UsageError(f"{path}: no relation to check (Markdown: $...$ or $$...$$; "
                         "LaTeX: \\[...\\], equation, align, $...$)")
    out: list[NoteRelation] = []
    on_line: dict[int, int] = {}
    for link in ctx.links:
        on_line[link.line] = on_line.get(link.line, 0) + 1
        k = on_line[link.line]
        name = f"{label}-L{link.line}" + (f".{k}" if k > 1 else "")
        where = f"{path}:{link.line}"
        claim = None if link.claim is None else dataclasses.replace(
            link.claim, name=name, source=where, title=link.latex)
        out.append(NoteRelation(name, where, link.latex, claim, link.reason, link.guesses))
    return tuple(out)


def _labels(notes: list[str]) -> dict[str, str]:
    """The name each note's relations are reported under: its file name, or its path
    when two notes share a file name (letters, digits, '_', '.', '-')."""
    def clean(text: str) -> str:
        text = re.sub(r"[^A-Za-z0-9_.\-]+", "_", text).strip("._-")
        return text if text[:1].isalpha() else f"note-{text}"
    base = {t: os.path.basename(t) for t in notes}
    shared = {b for b in base.values() if list(base.values()).count(b) > 1}
    return {t: clean(t if base[t] in shared else base[t]) for t in notes}


def gather(names: list[str], timeout: float = targets.IMPORT_TIMEOUT) -> tuple[Item, ...]:
    """The claims of the named files and modules, then the relations of the named notes,
    or the catalog without names."""
    notes = list(dict.fromkeys(t for t in names if is_note(t)))
    python = [t for t in names if not is_note(t)]
    claims = targets.claims(python, timeout) if python or not notes else ()
    labels = _labels(notes)
    return claims + tuple(r for t in notes for r in note_relations(t, labels[t]))


def run(args: argparse.Namespace) -> int:
    jobs = default_jobs() if args.jobs is None else args.jobs
    if jobs < 1:
        raise UsageError(f"--jobs must be at least 1, got {jobs}")
    items = select(gather(args.targets, args.import_timeout), args.only)
    cache = None if args.no_cache else ProofCache.default()
    verdicts = check_items(items, args.budget, jobs, cache)
    return report(verdicts, args.json,
                  [x if isinstance(x, NoteRelation) else None for x in items],
                  cache.hits if cache else 0)
