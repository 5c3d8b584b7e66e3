"""A solution sheet as Markdown with KaTeX-compatible math and relative image paths."""

from __future__ import annotations

import re
from collections.abc import Mapping

from proofs import Claim, Derivation, Exercise, Sheet, Verdict

from . import code_panels, figures
from .graph_drawing import drawing, point_tex
from .latex_printer import latex
from .pieces import (
    WIDTH,
    Row,
    aligned_lines,
    assumptions_tex,
    counterexample_tex,
    derivation_rows,
    exercise_anchor,
    heading_number,
    link_notes,
    md_math,
    md_text,
    one_line_proof,
    paragraphs_md,
    plain_text,
    proof_rows,
    prose_md,
    shown_claims,
    statement_lines,
    verdict_words,
    visible_len,
)


def rows_md(rows: list[Row], omitted: int = 0) -> str:
    """A `$$\\begin{aligned}...$$` block of rows numbered (1), (2), ..., then the
    justifications as a numbered list."""
    lines, whys = aligned_lines(rows, r"\quad ", {"ok": r"\ \checkmark", "fail": r"\ \times"},
                                r"\qquad ({k}){mark}", lambda k, w: f"({k}) {prose_md(w)}")
    if omitted:
        whys.append(f"(and {omitted} more steps, not shown)")
    out = ("$$\n\\begin{aligned}\n" + md_math(" \\\\\n".join(lines)) + "\n\\end{aligned}\n$$\n"
           if lines else "")
    if whys:
        out += "\n" + "\n".join(f"- {w}" for w in whys) + "\n"
    return out


def statement_md(stmt: object) -> str:
    """A displayed statement; long ones broken over aligned lines."""
    text = latex(stmt)
    if visible_len(text) <= WIDTH + 5:
        return md_math(text)
    lines = md_math(" \\\\\n".join(statement_lines(stmt)))
    return "\\begin{aligned}\n" + lines + "\n\\end{aligned}"


def claim_md(claim: Claim, verdict: Verdict | None = None) -> str:
    """A claim under its anchor: statement, assumptions, verdict and the proof's steps."""
    mistake = claim.expect == "refuted"
    head = "Recorded mistake" if mistake else "Claim"
    title = f" — {prose_md(claim.title)}" if claim.title else ""
    out = [f'<a id="{claim.name}"></a>', "",
           f"**{head}** `{claim.name}`{title}." + (" A common answer says" if mistake else ""),
           "", "$$", statement_md(claim.statement), "$$", ""]
    assumptions = assumptions_tex(claim)
    if assumptions:
        out += [f"where ${md_math(assumptions)}$.", ""]
    if verdict is not None:
        out.append(verdict_md(verdict))
    return "\n".join(out) + "\n"


def verdict_md(v: Verdict) -> str:
    """The verdict in words, plus the checked steps of a proof."""
    status, detail = verdict_words(v)
    ce = md_math(counterexample_tex(v))
    if v.claim.expect == "refuted" and v.status == "refuted":
        text = "**It is false**" + (f": counterexample ${ce}$." if ce else
                                    f" ({prose_md(detail)}).")
    else:
        text = f"**{status.capitalize()}**"
        if status == "refuted" and ce:
            text += f": counterexample ${ce}$."
        else:
            text += f" ({prose_md(detail)})." if detail else "."
        if not v.ok:
            text += f" *It was expected to be {v.claim.expect}.*"
    out = [text, ""]
    brief = one_line_proof(v) if v.status == "proved" and v.steps else None
    if brief:
        out += [f"Proof: {prose_md(brief)}.", ""]
    elif v.status == "proved" and v.steps:
        rows, omitted = proof_rows(v.steps)
        out.append(rows_md(rows, omitted))
    return "\n".join(out) + "\n"


def derivation_md(d: Derivation, verdicts: Mapping[str, Verdict] | None = None) -> str:
    """The chain of a derivation, one justified step per line."""
    title = prose_md(d.title) if d.title else md_text(d.name)
    anchors = "".join(f'<a id="{c.name}"></a>' for c in d.link_claims())
    names = ", ".join(f"`{c.name}` ({k})" for k, c in enumerate(d.link_claims(), 1))
    out = [f'<a id="deriv-{d.name}"></a>{anchors}', "", f"**Derivation** ({title}):", "",
           rows_md(derivation_rows(d, dict(verdicts or {}))),
           f"Each step is checked as its own claim: {names}.", ""]
    out += [f"- {prose_md(note)}" for note in link_notes(d, dict(verdicts or {}))]
    if d.given:
        out += ["under $" + md_math(r",\ ".join(latex(g) for g in d.given)) + "$.", ""]
    return "\n".join(out) + "\n"


def figure_md(name: figures.Entry) -> str:
    figures.check_name(name)
    path = f"figures/{figures.file_stem(name)}.png"
    if figures.is_graph(name):
        g = drawing(name)
        alt = f"computational graph of f = {g.expr}"
        caption = (f"Computational graph of {g.title} at ${point_tex(name)}$: forward values "
                   "in green above each edge, gradients in red below.")
    else:
        caption = figures.caption(name)
        alt = plain_text(caption)
    return f"![{md_text(alt)}]({path})\n\n*{prose_md(caption)}*\n"


def code_md(entry: object) -> str:
    """Python source, then latexify's formula for it."""
    source = code_panels.source(entry)
    fence = "`" * max(3, 1 + max((len(r) for r in re.findall(r"`+", source)), default=0))
    return (f"**Code** `{code_panels.name(entry)}`:\n\n{fence}python\n{source}"
            f"{fence}\n\n$$\n{md_math(code_panels.formula(entry))}\n$$\n")


def heading_md(ex: Exercise) -> str:
    """An exercise's heading: its number (when it has one) and its title."""
    number = heading_number(ex)
    return (f"{prose_md(number)} " if number else "") + prose_md(ex.title)


def exercise_md(ex: Exercise, verdicts: Mapping[str, Verdict]) -> str:
    out = [f'<a id="{exercise_anchor(ex)}"></a>', "", f"## {heading_md(ex)}", ""]
    if ex.question.strip():
        out += [f"**Question.** {paragraphs_md(ex.question)}", ""]
    if ex.answer.strip():
        out += [f"**Answer.** {paragraphs_md(ex.answer)}", ""]
    for d in ex.derivations:
        out.append(derivation_md(d, verdicts))
    for entry in ex.code:
        out.append(code_md(entry))
    for name in ex.figures:
        out.append(figure_md(name))
    shown = shown_claims(ex)
    claims = [c for c in shown if c.expect != "refuted"]
    mistakes = [c for c in shown if c.expect == "refuted"]
    for c in claims + mistakes:
        out.append(claim_md(c, verdicts.get(c.name)))
    return "\n".join(out) + "\n"


def sheet_md(sheet: Sheet, verdicts: Mapping[str, Verdict]) -> str:
    """The whole document."""
    out = [f"# {prose_md(sheet.title)}", "", paragraphs_md(sheet.intro), "",
           f"This sheet holds {len(sheet.claims())} claims. *Proved* means a symbolic proof "
           "that 50-digit numerics agree with; *refuted* always comes with a counterexample "
           "meeting every assumption; *undecided* says why.", "", "Contents:", ""]
    for ex in sheet.exercises:  # explicit ids: no renderer's own heading slugs needed
        out.append(f"- [{heading_md(ex)}](#{exercise_anchor(ex)})")
    out.append("")
    for ex in sheet.exercises:
        out.append(exercise_md(ex, verdicts))
    return "\n".join(out).rstrip() + "\n"
