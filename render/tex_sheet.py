"""A solution sheet as a standalone LaTeX document (pdflatex, Debian texlive packages):
the writer of `render.document` for LaTeX."""

from __future__ import annotations

from collections.abc import Mapping

from proofs import Claim, Derivation, Exercise, Sheet, Verdict

from . import code_panels, figures
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
from .pieces import aligned_lines, prose_tex, tex_text, visible_len

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


def rows_tex(rows: Rows) -> str:
    """An `align*` of rows tagged (1), (2), ..., then the justifications as a paragraph
    (so no justification pushes a formula past the margin)."""
    lines, whys = aligned_lines(
        list(rows.rows), r"\quad{}",
        {"ok": r"\,\checkmark", "fail": r"\,\qedmark{refuted}{\times}"},
        r"\tag*{{$({k}){mark}$}}", lambda k, w: rf"({k})~{prose_tex(w)}")
    if rows.omitted:
        whys.append(f"(and {rows.omitted} more steps, not shown)")
    out = ("\\begin{align*}\n" + " \\\\\n".join(lines) + "\n\\end{align*}\n") if lines else ""
    if whys:
        out += r"{\small " + "; ".join(whys) + ".\\par}\n"
    return out


def display_tex(d: Display) -> str:
    """A displayed statement; long ones broken over aligned lines."""
    if not d.lines:
        return r"\[" + d.tex + r"\]"
    return "\\begin{align*}\n" + " \\\\\n".join(d.lines) + "\n\\end{align*}"


def claim_tex(claim: Claim, verdict: Verdict | None = None) -> str:
    """A claim under its label: statement, assumptions, verdict and the proof's steps."""
    return claim_block_tex(claim_block(claim, verdict))


def claim_block_tex(b: ClaimBlock) -> str:
    out = [rf"\phantomsection\label{{claim:{b.claim.name}}}%"]
    head = r"\textbf{Recorded mistake}" if b.mistake else r"\textbf{Claim}"
    title = f" --- {prose_tex(b.claim.title)}" if b.claim.title else ""
    out.append(rf"{head} \texttt{{{tex_text(b.claim.name)}}}{title}.")
    if b.mistake:
        out.append("A common answer says")
    out.append(display_tex(b.statement))
    if b.assumptions:
        out.append(rf"where ${b.assumptions}$.")
    if b.verdict is not None:
        out.append(verdict_block_tex(b.verdict))
    return "\n".join(out) + "\n"


def verdict_tex(v: Verdict) -> str:
    """The verdict in words, plus the checked steps of a proof."""
    return verdict_block_tex(verdict_block(v))


def verdict_block_tex(b: VerdictBlock) -> str:
    text = rf"\qedverdict{{{b.status}}}{{{b.headline}}}"
    if b.counterexample:
        text += _counterexample(b.counterexample)
    elif b.detail:
        text += f" ({prose_tex(b.detail)})."
    else:
        text += "."
    if b.expected:
        text += rf" \qedmark{{refuted}}{{It was expected to be {b.expected}.}}"
    out = [text]
    if b.brief:
        out.append(rf"{{\small Proof: {prose_tex(b.brief)}.\par}}")
    elif b.proof is not None:
        out.append(r"{\small" + "\n" + rows_tex(b.proof) + "}")
    return "\n".join(out) + "\n"


def _counterexample(ce: str) -> str:
    if visible_len(ce) > 40:
        return rf": counterexample \[{ce}.\]"
    return rf": counterexample ${ce}$."


def derivation_tex(d: Derivation, verdicts: Mapping[str, Verdict] | None = None) -> str:
    """The chain of a derivation, one justified step per line, under `deriv:NAME`."""
    return derivation_block_tex(derivation_block(d, verdicts))


def derivation_block_tex(b: DerivationBlock) -> str:
    d = b.derivation
    out = [rf"\phantomsection\label{{deriv:{d.name}}}%"]
    out += [rf"\label{{claim:{name}}}%" for name in b.links]
    title = prose_tex(d.title) if d.title else tex_text(d.name)
    out.append(rf"\textbf{{Derivation}} ({title}):")
    out.append(rows_tex(b.rows))
    names = ", ".join(rf"\texttt{{{tex_text(name)}}} ({k})" for k, name in enumerate(b.links, 1))
    out.append(r"{\small\raggedright Each step is checked as its own claim: " + names + r".\par}")
    for note in b.notes:
        out.append(r"{\small " + prose_tex(note) + r"\par}")
    if b.given:
        out.append("under $" + b.given + "$.")
    return "\n".join(out) + "\n"


def figure_tex(b: FigureBlock) -> str:
    if b.graph:
        body = figures.tikz(b.entry) + "\n"
    else:
        body = rf"\includegraphics[width=0.72\linewidth]{{figures/{b.stem}.png}}" + "\n"
    return ("\\begin{center}\n" + body + r"\par\small " + prose_tex(b.caption)
            + "\n\\end{center}\n")


def code_tex(b: CodeBlock) -> str:
    """latexify's `algorithmic` panel of the function, the full width of the page (the
    PDF's way of showing the same formula the Markdown shows under the source)."""
    name = tex_text(code_panels.name(b.function))
    return (rf"\textbf{{Code}} \texttt{{{name}}}\par" + "\n{\\small\n"
            + code_panels.algorithmic(b.function) + "\n\\par}\\medskip\n")


def block_tex(b: object) -> str:
    """One block of an exercise (a claim is followed by a little space)."""
    if isinstance(b, DerivationBlock):
        return derivation_block_tex(b)
    if isinstance(b, CodeBlock):
        return code_tex(b)
    if isinstance(b, FigureBlock):
        return figure_tex(b)
    if isinstance(b, ClaimBlock):
        return claim_block_tex(b) + "\n" + r"\medskip"
    raise TypeError(f"no LaTeX for {type(b).__name__}")


def exercise_tex(ex: Exercise, verdicts: Mapping[str, Verdict]) -> str:
    return exercise_doc_tex(exercise_doc(ex, verdicts))


def exercise_doc_tex(e: ExerciseDoc) -> str:
    head = (rf"{tex_text(e.number)}\quad " if e.number else "") + prose_tex(e.title)
    out = [rf"\section*{{{head}}}", rf"\addcontentsline{{toc}}{{section}}{{{head}}}"]
    if e.question:
        out += [rf"\textbf{{Question.}} {prose_tex(e.question)}", ""]
    if e.answer:
        out += [rf"\textbf{{Answer.}} {prose_tex(e.answer)}", ""]
    out += [block_tex(b) for b in e.blocks]
    return "\n".join(out) + "\n"


def sheet_tex(sheet: Sheet, verdicts: Mapping[str, Verdict]) -> str:
    """The whole document."""
    return document_tex(sheet_doc(sheet, verdicts))


def document_tex(doc: SheetDoc) -> str:
    """A sheet's document as a standalone LaTeX file."""
    legend = "".join(rf"\emph{{{w}}}" if k % 2 == 0 else w
                     for k, w in enumerate(LEGEND))
    out = [PREAMBLE + STYLE, rf"\title{{{prose_tex(doc.title)}}}", r"\date{}",
           r"\author{qedsheet: every claim checked by a symbolic proof engine}",
           r"\begin{document}", r"\maketitle", prose_tex(doc.intro), "",
           rf"This sheet holds {doc.n_claims} claims. {legend}", "",
           r"\tableofcontents", ""]
    out += [exercise_doc_tex(e) for e in doc.exercises]
    out.append(r"\end{document}")
    return "\n".join(out) + "\n"
