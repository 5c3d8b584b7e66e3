"""A solution sheet as a standalone LaTeX document (pdflatex, Debian texlive packages)."""

from __future__ import annotations

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
    heading_number,
    link_notes,
    one_line_proof,
    proof_rows,
    prose_tex,
    shown_claims,
    statement_lines,
    tex_text,
    verdict_words,
    visible_len,
)

PREAMBLE = r"""\documentclass[11pt]{article}
\usepackage[utf8]{inputenc}
\usepackage[a4paper,margin=2.2cm]{geometry}
\usepackage{amsmath,amssymb}
\usepackage{graphicx}
\usepackage{xcolor}
\usepackage{tikz}
\usepackage{algpseudocode}
\usepackage[hidelinks]{hyperref}
\allowdisplaybreaks
\emergencystretch=3em
\setlength{\parindent}{0pt}
\setlength{\parskip}{0.5ex}
"""

STYLE = r"""\definecolor{qedproved}{rgb}{0.10,0.45,0.10}
\definecolor{qedrefuted}{rgb}{0.70,0.10,0.10}
\definecolor{qedundecided}{rgb}{0.60,0.40,0.00}
\newcommand{\qedverdict}[2]{\textcolor{qed#1}{\textbf{#2}}}
\newcommand{\qedmark}[2]{\textcolor{qed#1}{#2}}
"""
"""The macros of qedsheet's LaTeX (needs xcolor): verdicts in colour. A fragment
(`render.to_latex`) works without them, in black and white."""

FRAGMENT_DEFAULTS = (r"\providecommand{\qedverdict}[2]{\textbf{#2}}"
                     r"\providecommand{\qedmark}[2]{#2}"
                     r"\providecommand{\phantomsection}{}%" + "\n")
"""What a fragment needs beyond amsmath and amssymb, defined only where the document
does not define it already (so a document with STYLE and hyperref gets colours and
links)."""


def preamble_lines() -> str:
    """Lines for the preamble of a user's document: colours for the fragments."""
    return "% qedsheet: verdicts in colour (after \\usepackage{amsmath,amssymb})\n" + \
        "\\usepackage{xcolor}\n" + STYLE


def rows_tex(rows: list[Row], omitted: int = 0) -> str:
    """An `align*` of rows tagged (1), (2), ..., then the justifications as a paragraph
    (so no justification pushes a formula past the margin)."""
    lines, whys = aligned_lines(
        rows, r"\quad{}", {"ok": r"\,\checkmark", "fail": r"\,\qedmark{refuted}{\times}"},
        r"\tag*{{$({k}){mark}$}}", lambda k, w: rf"({k})~{prose_tex(w)}")
    if omitted:
        whys.append(f"(and {omitted} more steps, not shown)")
    out = ("\\begin{align*}\n" + " \\\\\n".join(lines) + "\n\\end{align*}\n") if lines else ""
    if whys:
        out += r"{\small " + "; ".join(whys) + ".\\par}\n"
    return out


def statement_tex(stmt: object) -> str:
    """A displayed statement; long ones broken over aligned lines."""
    text = latex(stmt)
    if visible_len(text) <= WIDTH + 5:
        return r"\[" + text + r"\]"
    return ("\\begin{align*}\n" + " \\\\\n".join(statement_lines(stmt))
            + "\n\\end{align*}")


def claim_tex(claim: Claim, verdict: Verdict | None = None) -> str:
    """A claim under its label: statement, assumptions, verdict and the proof's steps."""
    out = [rf"\phantomsection\label{{claim:{claim.name}}}%"]
    mistake = claim.expect == "refuted"
    head = r"\textbf{Recorded mistake}" if mistake else r"\textbf{Claim}"
    title = f" --- {prose_tex(claim.title)}" if claim.title else ""
    out.append(rf"{head} \texttt{{{tex_text(claim.name)}}}{title}.")
    if mistake:
        out.append("A common answer says")
    out.append(statement_tex(claim.statement))
    assumptions = assumptions_tex(claim)
    if assumptions:
        out.append(rf"where ${assumptions}$.")
    if verdict is not None:
        out.append(verdict_tex(verdict))
    return "\n".join(out) + "\n"


def verdict_tex(v: Verdict) -> str:
    """The verdict in words, plus the checked steps of a proof."""
    status, detail = verdict_words(v)
    mistake = v.claim.expect == "refuted"
    if mistake and v.status == "refuted":
        text = r"\qedverdict{refuted}{It is false}"
        ce = counterexample_tex(v)
        text += _counterexample(ce) if ce else f" ({prose_tex(detail)})."
    else:
        text = rf"\qedverdict{{{status}}}{{{status.capitalize()}}}"
        if status == "refuted" and counterexample_tex(v):
            text += _counterexample(counterexample_tex(v))
        elif detail:
            text += f" ({prose_tex(detail)})."
        else:
            text += "."
        if not v.ok:
            text += rf" \qedmark{{refuted}}{{It was expected to be {v.claim.expect}.}}"
    out = [text]
    brief = one_line_proof(v) if v.status == "proved" and v.steps else None
    if brief:
        out.append(rf"{{\small Proof: {prose_tex(brief)}.\par}}")
    elif v.status == "proved" and v.steps:
        rows, omitted = proof_rows(v.steps)
        out.append(r"{\small" + "\n" + rows_tex(rows, omitted) + "}")
    return "\n".join(out) + "\n"


def _counterexample(ce: str) -> str:
    if visible_len(ce) > 40:
        return rf": counterexample \[{ce}.\]"
    return rf": counterexample ${ce}$."


def derivation_tex(d: Derivation, verdicts: Mapping[str, Verdict] | None = None) -> str:
    """The chain of a derivation, one justified step per line, under `deriv:NAME`."""
    out = [rf"\phantomsection\label{{deriv:{d.name}}}%"]
    out += [rf"\label{{claim:{c.name}}}%" for c in d.link_claims()]
    title = prose_tex(d.title) if d.title else tex_text(d.name)
    out.append(rf"\textbf{{Derivation}} ({title}):")
    rows = derivation_rows(d, dict(verdicts or {}))
    out.append(rows_tex(rows))
    names = ", ".join(rf"\texttt{{{tex_text(c.name)}}} ({k})"
                      for k, c in enumerate(d.link_claims(), 1))
    out.append(r"{\small\raggedright Each step is checked as its own claim: " + names + r".\par}")
    for note in link_notes(d, dict(verdicts or {})):
        out.append(r"{\small " + prose_tex(note) + r"\par}")
    if d.given:
        out.append("under $" + r",\ ".join(latex(g) for g in d.given) + "$.")
    return "\n".join(out) + "\n"


def figure_tex(name: figures.Entry) -> str:
    figures.check_name(name)
    if figures.is_graph(name):
        body = figures.tikz(name) + "\n"
        caption = (f"Computational graph of {drawing(name).title} at ${point_tex(name)}$: "
                   "forward values (green, above each edge) and gradients (red, below).")
    else:
        stem = figures.file_stem(name)
        body = rf"\includegraphics[width=0.72\linewidth]{{figures/{stem}.png}}" + "\n"
        caption = prose_tex(figures.caption(name))
    return ("\\begin{center}\n" + body + r"\par\small " + caption + "\n\\end{center}\n")


def code_tex(entry: object, beside: str) -> str:
    """The latexify panel on the left, the mathematics it implements on the right."""
    name = tex_text(code_panels.name(entry))
    return (r"\noindent\begin{minipage}[t]{0.55\linewidth}" + "\n"
            + rf"\textbf{{Code}} \texttt{{{name}}}\par\small" + "\n"
            + code_panels.algorithmic(entry) + "\n\\end{minipage}\\hfill\n"
            + r"\begin{minipage}[t]{0.42\linewidth}" + "\n"
            + r"\textbf{Implements}\par\small" + "\n"
            + (rf"\[{beside}\]" if beside else "") + "\n\\end{minipage}\n\\par\\medskip\n")


def exercise_tex(ex: Exercise, verdicts: Mapping[str, Verdict]) -> str:
    number = heading_number(ex)
    head = (rf"{tex_text(number)}\quad " if number else "") + prose_tex(ex.title)
    out = [rf"\section*{{{head}}}", rf"\addcontentsline{{toc}}{{section}}{{{head}}}"]
    if ex.question.strip():
        out += [rf"\textbf{{Question.}} {prose_tex(ex.question)}", ""]
    if ex.answer.strip():
        out += [rf"\textbf{{Answer.}} {prose_tex(ex.answer)}", ""]
    for d in ex.derivations:
        out.append(derivation_tex(d, verdicts))
    beside = latex(ex.derivations[0].conclusion()) if ex.derivations else (
        latex(ex.claims[0].statement) if ex.claims else "")
    for entry in ex.code:
        out.append(code_tex(entry, beside))
    for name in ex.figures:
        out.append(figure_tex(name))
    shown = shown_claims(ex)
    claims = [c for c in shown if c.expect != "refuted"]
    mistakes = [c for c in shown if c.expect == "refuted"]
    for c in claims + mistakes:
        out.append(claim_tex(c, verdicts.get(c.name)))
        out.append(r"\medskip")
    return "\n".join(out) + "\n"


def sheet_tex(sheet: Sheet, verdicts: Mapping[str, Verdict]) -> str:
    """The whole document."""
    n_claims = len(sheet.claims())
    out = [PREAMBLE + STYLE, rf"\title{{{prose_tex(sheet.title)}}}", r"\date{}",
           r"\author{qedsheet: every claim checked by a symbolic proof engine}",
           r"\begin{document}", r"\maketitle", prose_tex(sheet.intro), "",
           rf"This sheet holds {n_claims} claims. \emph{{Proved}} means a symbolic proof "
           r"that 50-digit numerics agree with; \emph{refuted} always comes with a "
           "counterexample meeting every assumption; \\emph{undecided} says why.", "",
           r"\tableofcontents", ""]
    for ex in sheet.exercises:
        out.append(exercise_tex(ex, verdicts))
    out.append(r"\end{document}")
    return "\n".join(out) + "\n"
