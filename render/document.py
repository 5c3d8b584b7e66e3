"""A solution sheet as one document: what is shown, in which order and in which words,
decided once for every writer (LaTeX, Markdown, notebook).

The blocks hold prose as written (with `$math$` and `code`) and formulas as LaTeX; a
writer only escapes them for its format and lays them out.

    >>> import sympy as sp
    >>> from proofs import Claim
    >>> x = sp.Symbol("x", real=True)
    >>> claim_block(Claim("exp-above-x", sp.exp(x) > x)).statement.tex
    'e^{x} > x'
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

from proofs import Claim, Derivation, Exercise, Sheet, Verdict

from . import code_panels, figures
from .graph_drawing import drawing, point_tex
from .latex_printer import latex
from .pieces import (
    WIDTH,
    Row,
    assumptions_tex,
    counterexample_tex,
    derivation_rows,
    exercise_anchor,
    heading_number,
    link_notes,
    one_line_proof,
    plain_text,
    proof_rows,
    shown_claims,
    statement_lines,
    verdict_words,
    visible_len,
)


@dataclass(frozen=True)
class Display:
    """A displayed formula: `tex` on one line, or (when `lines` is not empty) broken over
    the `&`-aligned `lines` of an aligned block."""

    tex: str
    lines: tuple[str, ...] = ()


@dataclass(frozen=True)
class Rows:
    """A numbered chain of rows, each with its justification; `omitted` steps of the
    proof are not shown."""

    rows: tuple[Row, ...]
    omitted: int = 0


@dataclass(frozen=True)
class VerdictBlock:
    """The verdict in words: `headline` ("It is false", "Proved", ...) coloured as
    `status`, then the counterexample (LaTeX) or else the `detail` (prose), the
    expectation it missed (or ""), and the proof: one sentence (`brief`) or rows."""

    status: str
    headline: str
    counterexample: str
    detail: str
    expected: str
    brief: str
    proof: Rows | None


@dataclass(frozen=True)
class ClaimBlock:
    """A claim under its anchor: a recorded mistake is introduced as "a common answer"."""

    claim: Claim
    mistake: bool
    statement: Display
    assumptions: str
    verdict: VerdictBlock | None


@dataclass(frozen=True)
class DerivationBlock:
    """A derivation's chain, each link checked as its claim `links[k - 1]` (row k);
    `notes` say why a link was not proved; `given` is its assumptions as LaTeX."""

    derivation: Derivation
    rows: Rows
    links: tuple[str, ...]
    notes: tuple[str, ...]
    given: str


@dataclass(frozen=True)
class FigureBlock:
    """A figure: a plot (`figures/STEM.png`) or a computational graph (TikZ in LaTeX, the
    PNG elsewhere), with its caption (prose) and its alt text (plain)."""

    entry: figures.Entry
    stem: str
    graph: bool
    caption: str
    alt: str


@dataclass(frozen=True)
class CodeBlock:
    """A code panel: a Python function and its mathematics as latexify typesets it from
    the code itself (so the formula shown is what the code computes, never a claim
    chosen to stand beside it)."""

    function: Callable
    formula: str


Block = DerivationBlock | CodeBlock | FigureBlock | ClaimBlock


@dataclass(frozen=True)
class ExerciseDoc:
    """An exercise: its heading (number, title) under the id `anchor`, its question and
    answer (prose, either may be empty), then its blocks in the order shown."""

    anchor: str
    number: str
    title: str
    question: str
    answer: str
    blocks: tuple[Block, ...]


@dataclass(frozen=True)
class SheetDoc:
    """A whole sheet: title, introduction, the number of claims, and its exercises."""

    name: str
    title: str
    intro: str
    n_claims: int
    exercises: tuple[ExerciseDoc, ...]


LEGEND = ("Proved", " means a symbolic proof that 50-digit numerics agree with; ", "refuted",
          " always comes with a counterexample meeting every assumption; ", "undecided",
          " says why.")
"""What the verdicts mean, as words to emphasise (even places) and plain text between."""


def display(stmt: object) -> Display:
    """A statement as a display: one line when it fits, else broken into aligned lines."""
    text = latex(stmt)
    if visible_len(text) <= WIDTH + 5:
        return Display(text)
    return Display(text, tuple(statement_lines(stmt)))


def verdict_block(v: Verdict) -> VerdictBlock:
    """What a sheet says of a verdict."""
    status, detail = verdict_words(v)
    false_mistake = v.claim.expect == "refuted" and v.status == "refuted"
    headline = "It is false" if false_mistake else status.capitalize()
    ce = counterexample_tex(v) if status == "refuted" else ""
    expected = v.claim.expect if not v.ok and not false_mistake else ""
    brief, proof = "", None
    if v.status == "proved" and v.steps:
        brief = one_line_proof(v) or ""
        if not brief:
            rows, omitted = proof_rows(v.steps)
            proof = Rows(tuple(rows), omitted)
    return VerdictBlock("refuted" if false_mistake else status, headline, ce, detail,
                        expected, brief, proof)


def claim_block(claim: Claim, verdict: Verdict | None = None) -> ClaimBlock:
    """A claim with its verdict (if any)."""
    return ClaimBlock(claim, claim.expect == "refuted", display(claim.statement),
                      assumptions_tex(claim), None if verdict is None else verdict_block(verdict))


def derivation_block(d: Derivation, verdicts: Mapping[str, Verdict] | None = None
                     ) -> DerivationBlock:
    """A derivation with each link marked by its verdict (when `verdicts` has it)."""
    known = dict(verdicts or {})
    return DerivationBlock(d, Rows(tuple(derivation_rows(d, known))),
                           tuple(c.name for c in d.link_claims()),
                           tuple(link_notes(d, known)),
                           r",\ ".join(latex(g) for g in d.given))


def figure_block(entry: figures.Entry) -> FigureBlock:
    """A figure with its caption; a ValueError for an unknown figure."""
    figures.check_name(entry)
    stem = figures.file_stem(entry)
    if figures.is_graph(entry):
        g = drawing(entry)
        caption = (f"Computational graph of {g.title} at ${point_tex(entry)}$: forward values "
                   "(green, above each edge) and gradients (red, below).")
        return FigureBlock(entry, stem, True, caption, f"computational graph of f = {g.expr}")
    caption = figures.caption(entry)
    return FigureBlock(entry, stem, False, caption, plain_text(caption))


def exercise_doc(ex: Exercise, verdicts: Mapping[str, Verdict]) -> ExerciseDoc:
    """An exercise's blocks: derivations, code panels, figures, then the claims not
    shown with a derivation, recorded mistakes last."""
    blocks: list[Block] = [derivation_block(d, verdicts) for d in ex.derivations]
    blocks += [CodeBlock(fn, code_panels.formula(fn)) for fn in ex.code]
    blocks += [figure_block(entry) for entry in ex.figures]
    shown = shown_claims(ex)
    ordered = [c for c in shown if c.expect != "refuted"] + \
        [c for c in shown if c.expect == "refuted"]
    blocks += [claim_block(c, verdicts.get(c.name)) for c in ordered]
    question = ex.question if ex.question.strip() else ""
    answer = ex.answer if ex.answer.strip() else ""
    return ExerciseDoc(exercise_anchor(ex), heading_number(ex), ex.title, question, answer,
                       tuple(blocks))


def sheet_doc(sheet: Sheet, verdicts: Mapping[str, Verdict]) -> SheetDoc:
    """The document of a sheet with the verdicts of its claims."""
    return SheetDoc(sheet.name, sheet.title, sheet.intro, len(sheet.claims()),
                    tuple(exercise_doc(ex, verdicts) for ex in sheet.exercises))
