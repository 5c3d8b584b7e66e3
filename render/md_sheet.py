"""A solution sheet as Markdown with KaTeX-compatible math and relative image paths: the
writer of `render.document` for Markdown."""

from __future__ import annotations

import re
from collections.abc import Mapping

from proofs import Claim, Derivation, Exercise, Sheet, Verdict

from . import code_panels
from .document import (
    LEGEND,
    ClaimBlock,
    CodeBlock,
    DerivationBlock,
    Display,
    ExerciseDoc,
    FigureBlock,
    Rows,
    SheetDoc,
    VerdictBlock,
    claim_block,
    derivation_block,
    exercise_doc,
    sheet_doc,
    verdict_block,
)
from .pieces import aligned_lines, md_math, md_text, paragraphs_md, prose_md


def rows_md(rows: Rows) -> str:
    """A `$$\\begin{align*}...$$` block of rows tagged (1), (2), ..., then the
    justifications as a numbered list. (KaTeX takes one `\\tag` per row in `align*`,
    not in `aligned`.)"""
    lines, whys = aligned_lines(list(rows.rows), r"\quad ",
                                {"ok": r"\ \checkmark ", "fail": r"\ \times "},
                                r"{mark}\tag{{{k}}}", lambda k, w: f"({k}) {prose_md(w)}")
    if rows.omitted:
        whys.append(f"(and {rows.omitted} more steps, not shown)")
    out = ("$$\n\\begin{align*}\n" + md_math(" \\\\\n".join(lines)) + "\n\\end{align*}\n$$\n"
           if lines else "")
    if whys:
        out += "\n" + "\n".join(f"- {w}" for w in whys) + "\n"
    return out


def display_md(d: Display) -> str:
    """A displayed statement (inside `$$`); long ones broken over aligned lines."""
    if not d.lines:
        return md_math(d.tex)
    return "\\begin{aligned}\n" + md_math(" \\\\\n".join(d.lines)) + "\n\\end{aligned}"


def claim_md(claim: Claim, verdict: Verdict | None = None) -> str:
    """A claim under its anchor: statement, assumptions, verdict and the proof's steps."""
    return claim_block_md(claim_block(claim, verdict))


def claim_head_md(b: ClaimBlock) -> list[str]:
    """A claim's anchor, heading, statement and assumptions (its verdict aside), as lines."""
    c = b.claim
    head = "Recorded mistake" if b.mistake else "Claim"
    title = f" — {prose_md(c.title)}" if c.title else ""
    out = [f'<a id="{c.name}"></a>', "",
           f"**{head}** `{c.name}`{title}." + (" A common answer says" if b.mistake else ""),
           "", "$$", display_md(b.statement), "$$", ""]
    if b.assumptions:
        out += [f"where ${md_math(b.assumptions)}$.", ""]
    return out


def claim_block_md(b: ClaimBlock) -> str:
    out = claim_head_md(b)
    if b.verdict is not None:
        out.append(verdict_block_md(b.verdict))
    return "\n".join(out) + "\n"


def verdict_md(v: Verdict) -> str:
    """The verdict in words, plus the checked steps of a proof."""
    return verdict_block_md(verdict_block(v))


def verdict_block_md(b: VerdictBlock) -> str:
    text = f"**{b.headline}**"
    if b.counterexample:
        text += f": counterexample ${md_math(b.counterexample)}$."
    elif b.detail:
        text += f" ({prose_md(b.detail)})."
    else:
        text += "."
    if b.expected:
        text += f" *It was expected to be {b.expected}.*"
    out = [text, ""]
    if b.brief:
        out += [f"Proof: {prose_md(b.brief)}.", ""]
    elif b.proof is not None:
        out.append(rows_md(b.proof))
    return "\n".join(out) + "\n"


def derivation_md(d: Derivation, verdicts: Mapping[str, Verdict] | None = None) -> str:
    """The chain of a derivation, one justified step per line."""
    return derivation_block_md(derivation_block(d, verdicts))


def derivation_block_md(b: DerivationBlock) -> str:
    d = b.derivation
    title = prose_md(d.title) if d.title else md_text(d.name)
    anchors = "".join(f'<a id="{name}"></a>' for name in b.links)
    names = ", ".join(f"`{name}` ({k})" for k, name in enumerate(b.links, 1))
    out = [f'<a id="deriv-{d.name}"></a>{anchors}', "", f"**Derivation** ({title}):", "",
           rows_md(b.rows), f"Each step is checked as its own claim: {names}.", ""]
    out += [f"- {prose_md(note)}" for note in b.notes]
    if b.given:
        out += ["under $" + md_math(b.given) + "$.", ""]
    return "\n".join(out) + "\n"


def figure_md(b: FigureBlock) -> str:
    return (f"![{md_text(b.alt)}](figures/{b.stem}.png)\n\n*{prose_md(b.caption)}*\n")


def code_md(b: CodeBlock) -> str:
    """Python source, then latexify's formula for it."""
    source = code_panels.source(b.function)
    fence = "`" * max(3, 1 + max((len(r) for r in re.findall(r"`+", source)), default=0))
    return (f"**Code** `{code_panels.name(b.function)}`:\n\n{fence}python\n{source}"
            f"{fence}\n\n$$\n{md_math(b.formula)}\n$$\n")


def block_md(b: object) -> str:
    """One block of an exercise."""
    if isinstance(b, DerivationBlock):
        return derivation_block_md(b)
    if isinstance(b, CodeBlock):
        return code_md(b)
    if isinstance(b, FigureBlock):
        return figure_md(b)
    if isinstance(b, ClaimBlock):
        return claim_block_md(b)
    raise TypeError(f"no Markdown for {type(b).__name__}")


def heading_md(e: ExerciseDoc) -> str:
    """An exercise's heading: its number (when it has one) and its title."""
    return (f"{prose_md(e.number)} " if e.number else "") + prose_md(e.title)


def exercise_head_md(e: ExerciseDoc) -> tuple[str, str]:
    """An exercise's anchor, heading and question; and its answer ("" when it has none)."""
    head = [f'<a id="{e.anchor}"></a>', "", f"## {heading_md(e)}", ""]
    if e.question:
        head += [f"**Question.** {paragraphs_md(e.question)}", ""]
    return "\n".join(head), (f"**Answer.** {paragraphs_md(e.answer)}\n" if e.answer else "")


def exercise_md(ex: Exercise, verdicts: Mapping[str, Verdict]) -> str:
    return exercise_doc_md(exercise_doc(ex, verdicts))


def exercise_doc_md(e: ExerciseDoc) -> str:
    question, answer = exercise_head_md(e)
    return "\n".join([question + ("\n" + answer if answer else ""),
                      *(block_md(b) for b in e.blocks)]) + "\n"


def sheet_head_md(doc: SheetDoc) -> str:
    """The title, introduction, legend and contents of a sheet."""
    legend = "".join(f"*{w}*" if k % 2 == 0 else w for k, w in enumerate(LEGEND))
    out = [f"# {prose_md(doc.title)}", "", paragraphs_md(doc.intro), "",
           f"This sheet holds {doc.n_claims} claims. {legend}", "", "Contents:", ""]
    for e in doc.exercises:  # explicit ids: no renderer's own heading slugs needed
        out.append(f"- [{heading_md(e)}](#{e.anchor})")
    return "\n".join(out) + "\n"


def sheet_md(sheet: Sheet, verdicts: Mapping[str, Verdict]) -> str:
    """The whole document."""
    return document_md(sheet_doc(sheet, verdicts))


def document_md(doc: SheetDoc) -> str:
    """A sheet's document as Markdown."""
    out = [sheet_head_md(doc), *(exercise_doc_md(e) for e in doc.exercises)]
    return "\n".join(out).rstrip() + "\n"
