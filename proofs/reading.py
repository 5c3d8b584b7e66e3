"""What a document claims: its formulas read in order, with the document's definitions
and assumptions, each relation turned into a `Claim` or into the reason why it cannot be.

    >>> from proofs.reading import read_claims
    >>> links = read_claims("For $\\\\lambda > 0$: $$e^{\\\\lambda} > 1$$", "markdown")
    >>> [(l.line, l.latex, l.claim.statement if l.claim else l.reason) for l in links]
    [(1, 'e^{\\\\lambda} > 1', exp(lambda) > 1)]

How a formula is taken, from the words before it in its sentence:
- a definition (`:=`, `\\overset{def}{=}`, "let", "define", "denote", "where", "with", or
  an `=` whose left side is a name the document has not defined yet: `f(x) = ...`,
  `p_j = ...`, `x = 3`) gives the name its meaning for the rest of the section (a
  definition in the text before the first heading, for the whole document) and is not a
  claim; in a chain `f(a) = A = B` the links after the first are claims;
- a condition ("for", "assume", "suppose", "given", "w.l.o.g.", "where", "with": `λ > 0`,
  `0 < p < 1`, `a \\ge b`, `x \\in \\mathbb{R}_{>0}`) holds for the rest of the section
  ("if", "when": for the rest of the sentence), and a later condition on the same
  variables replaces it;
- anything else that states a relation is a claim, link by link; a display formula or
  an align row that starts with a relation continues the previous one's right side.
Variables are real unless a condition says otherwise; indices are positive integers up to
the dimension n, which is taken to be at least 2 unless the document says otherwise.

The parts of reading, by what each does: `reading_cues` (definition, condition or
claim), `reading_definitions`, `reading_conditions`, `reading_claims`, and
`reading_context` (what reading carries from formula to formula).
"""

from __future__ import annotations

import dataclasses
import re
from typing import Any

import sympy as sp

from .claim import Claim
from .documents import Part, read_document
from .latex_math import Notation, ReadError, Side, Statement, read_statements
from .latex_tokens import GREEK
from .latex_vocabulary import STANDARD, Vocabulary
from .reading_claims import draft, finish
from .reading_conditions import add_condition, assume, sign_relation
from .reading_context import Context, Formula, Link, Origin, State, op_latex
from .reading_cues import (
    CLAIM_CUES,
    CONDITION_CUES,
    DEFINITION_CUES,
    FORWARD_CUES,
    SENTENCE_CUES,
    WEAK_DEFINITION_CUES,
    cue_of,
    kind_of,
    sign_word,
    statement_cue,
)
from .reading_definitions import define

MAX_FORMULAS = 2000
_ABBREVIATIONS = re.compile(r"\b(?:w\.?l\.?o\.?g|i\.e|e\.g|resp|cf|vs|etc|eq|eqs|fig)\.",
                            re.I)
_LOOKS_RELATIONAL = re.compile(r"(?<![\\a-zA-Z])[=<>]|\\(?:le|ge|leq|geq|neq|ne|approx)"
                               r"(?![A-Za-z])|[≤≥≠≈]")


def read_claims(text: str, fmt: str, vocabulary: Vocabulary = STANDARD) -> list[Link]:
    """The relations of a document in order (`fmt` "markdown" or "latex"), read with the
    function names of `vocabulary`."""
    return read_parts(read_document(text, fmt), vocabulary).links


def read_parts(parts: list[Part], vocabulary: Vocabulary = STANDARD) -> Context:
    """Read the parts of a document; the context holds the links and the counts."""
    ctx = _start(parts, vocabulary)
    _read(ctx, parts)
    _end_sentence(ctx)
    return ctx


def _start(parts: list[Part], vocabulary: Vocabulary) -> Context:
    """The context for reading `parts`: the vectors and dimensions they use."""
    dims, main = _dimensions(parts)
    notation = Notation(vectors=_vector_names(parts), dimensions=dims, dimension=main,
                        vocabulary=vocabulary)
    return Context(State(notation))


def _read(ctx: Context, parts: list[Part]) -> None:
    for p in parts:
        if p.kind == "heading":
            _end_sentence(ctx)
            while ctx.stack and ctx.stack[-1][0] >= p.level:
                _leave_section(ctx, ctx.stack.pop()[1])
            ctx.stack.append((p.level, ctx.state.copy()))
            ctx.last = None
        elif p.kind == "prose":
            _prose(ctx, p.text)
        elif p.kind == "bad":
            ctx.links.append(Link(p.line, "", None, f"cannot read: {p.text}; the text up "
                                  "to the next paragraph is skipped"))
        elif p.kind == "math":
            ctx.formulas += 1
            if ctx.formulas > MAX_FORMULAS:
                ctx.links.append(Link(p.line, p.text[:80], None, f"not read: the document "
                                      f"has more than {MAX_FORMULAS} formulas"))
                break
            try:
                _formula(ctx, p)
            except (RecursionError, MemoryError):
                raise
            except Exception as exc:  # noqa: BLE001 - one formula never stops the reading
                ctx.links.append(Link(p.line, p.text[:200], None, "cannot read: internal "
                                      f"error of the reader ({type(exc).__name__})"))
                ctx.last = None


def _assuming(tex: str) -> list[Part]:
    """The parts of the sentence "Assume $tex$."."""
    return [Part("prose", "Assume ", 1), Part("math", tex, 1), Part("prose", ". ", 1)]


def claim_from_latex(name: str, tex: str, given: Any = (), *, source: str | None = None,
                     expect: str = "proved", title: str = "",
                     vocabulary: Vocabulary = STANDARD) -> Claim:
    """The claim that the LaTeX relation `tex` states (a chain: all of its links), under
    `given`: LaTeX conditions such as "\\lambda > 0" (read as "Assume ..." in a
    document) or sympy relations on the reader's symbols (a variable `x` is
    `sp.Symbol("x", real=True)`). Every relation of `tex` is a claim, even one that a
    document would read as a definition or an assumption (`f(x) = x^2`, `x > 0`). A
    ValueError with a one-line message says why `tex` or a given cannot be read. Function
    names are those of `vocabulary`."""
    if not isinstance(tex, str):
        raise TypeError(f"the LaTeX of claim {name!r} must be a string, got "
                        f"{type(tex).__name__}")
    given = (given,) if isinstance(given, (str, sp.Basic)) else tuple(given)
    texts = [g for g in given if isinstance(g, str)]
    relations = [g for g in given if not isinstance(g, str)]
    for g in texts:
        _check_given(g, vocabulary)
    parts = [p for g in texts for p in _assuming(g)]
    formula = Part("math", tex, 1, display=True)
    ctx = _start(parts + [formula], vocabulary)
    _read(ctx, parts)
    _end_sentence(ctx)
    ctx.claims_only = True
    _read(ctx, [formula])
    _end_sentence(ctx)
    links = ctx.links
    if not links:
        raise ValueError(_one_line(f"no relation to check in {tex!r}"))
    bad = next((x for x in links if x.claim is None), None)
    if bad is not None:
        raise ValueError(_one_line(f"{bad.latex or tex}: {bad.reason}"))
    claims = [x.claim for x in links]
    statement = claims[0].statement if len(claims) == 1 else sp.And(
        *(c.statement for c in claims), evaluate=False)
    _check_symbols(relations, statement)
    own = tuple(dict.fromkeys(g for c in claims for g in c.given))
    return Claim(name, statement, given=own + tuple(relations), source=source,
                 expect=expect, title=title)


def _check_given(tex: str, vocabulary: Vocabulary) -> None:
    """A ValueError unless the LaTeX `tex` reads as assumptions, every side of it."""
    try:
        errors = [side.error for st in read_statements(tex, Notation(vocabulary=vocabulary))
                  for k, op in enumerate(st.ops) if op.text != "in"
                  for side in st.sides[k:k + 2] if side.error]
    except ReadError as exc:
        errors = [str(exc)]
    read = read_parts(_assuming(tex), vocabulary)
    if errors or not read.state.conditions or read.links:
        why = f": {errors[0]}" if errors else ""
        raise ValueError(_one_line(f"the given {tex!r} is not an assumption this reader "
                                   f"reads (a relation on variables, such as \\lambda > 0 or "
                                   f"0 < p < 1){why}"))


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _check_symbols(relations: list[Any], statement: Any) -> None:
    """A sympy given that names a variable of the statement with other assumptions would
    constrain another variable than the one the LaTeX means: a ValueError says so."""
    mine = {s.name: s for s in statement.free_symbols if isinstance(s, sp.Symbol)}
    for r in relations:
        for s in getattr(r, "free_symbols", ()):
            if isinstance(s, sp.Symbol) and s.name in mine and mine[s.name] != s:
                raise ValueError(_one_line(
                    f"the given {sp.sstr(r)} names another {s.name} than the LaTeX does "
                    f"(a symbol with other assumptions); write the given in LaTeX, or "
                    f"use sp.Symbol({s.name!r}, real=True)"))


def _leave_section(ctx: Context, before: State) -> None:
    """Back to the state before a section: its assumptions, names and values end with
    it; the functions and families it defined stay for the rest of the document."""
    nt = ctx.state.notation
    ctx.state = State(dataclasses.replace(nt, names=dict(before.notation.names)),
                      before.conditions)


def _vector_names(parts: list[Part]) -> frozenset[str]:
    """Names used with an index subscript (`x_i`) or in bold anywhere in the document."""
    out = set()
    for p in parts:
        if p.kind != "math":
            continue
        for m in re.finditer(r"(?:\\([A-Za-z]+)|([A-Za-z]))_(?:\{\s*)?([a-z])(?![A-Za-z])",
                             p.text):
            name = m.group(1) or m.group(2)
            if m.group(1) is None or name in GREEK:
                out.add(name)
        for m in re.finditer(r"\\(?:mathbf|boldsymbol|bm|vec)\s*\{?\s*([A-Za-z])", p.text):
            out.add(m.group(1))
    return frozenset(out)


def _dimensions(parts: list[Part]) -> tuple[frozenset[str], str]:
    """`n` and the letters that are upper bounds of sums (`\\sum_{k=1}^{q}`), and the
    one a sum without bounds runs to: the most used upper bound (n when none is)."""
    count: dict[str, int] = {}
    for p in parts:
        if p.kind == "math":
            for m in re.finditer(r"\\(?:sum|prod)\s*_\s*(?:\{[^{}]*\}|[A-Za-z])\s*\^\s*\{?\s*"
                                 r"([A-Za-z])\s*(?:\}|\s|\\|$)", p.text):
                count[m.group(1)] = count.get(m.group(1), 0) + 1
    main = max(count, key=lambda k: (count[k], k == "n")) if count else "n"
    return frozenset({"n", *count}), main


def _prose(ctx: Context, text: str) -> None:
    text = _ABBREVIATIONS.sub(lambda m: m.group().replace(".", ""), text)
    pieces = re.split(r"(?<=[.!?])\s+|\n\s*\n|\.$", text)
    for k, piece in enumerate(pieces):
        if k > 0:
            _end_sentence(ctx)
        ctx.prefix.extend(re.findall(r"[A-Za-z][A-Za-z\-]*|[,;:]", piece.lower()))


def _end_sentence(ctx: Context) -> None:
    if ctx.redo:
        _read_again(ctx)
    for d in ctx.drafts:
        ctx.links[d.slot] = finish(ctx, d)
    ctx.drafts = []
    ctx.sentence = []
    ctx.redo = False
    ctx.prefix = []
    ctx.state.sentence_conditions = ()


def _read_again(ctx: Context) -> None:
    """Read the relations of the sentence again with the definitions that followed them,
    keeping the conditions each one had."""
    kept = {d.slot: d.conditions for d in ctx.drafts}
    ctx.drafts = [d for d in ctx.drafts if all(o.slot != d.slot for o in ctx.sentence)]
    for o in ctx.sentence:
        try:
            st = read_statements(o.part.text, ctx.state.notation)[o.statement]
        except (ReadError, IndexError):
            continue
        sides = list(st.sides)
        latex_of = [o.part.text[x.start:x.end] for x in sides]
        if o.first is not None:
            sides[0], latex_of[0] = o.first, o.first_latex
        k, op = o.link, st.ops[o.link]
        line = o.part.line + o.part.text[:op.pos].count("\n")
        latex = f"{latex_of[k]} {op_latex(o.part.text, op)} {latex_of[k + 1]}"
        draft(ctx, o.slot, sides[k], op, sides[k + 1], line, latex,
              (latex_of[k], latex_of[k + 1]), kept.get(o.slot, ctx.state.conditions))


def _formula(ctx: Context, p: Part) -> None:
    cue = cue_of(ctx.prefix)
    sentence_cue = next((w for w in reversed(ctx.prefix) if w in CONDITION_CUES
                         or w in CLAIM_CUES or w in DEFINITION_CUES), "")
    kind_for_prefix = cue or "claim"
    try:
        statements = read_statements(p.text, ctx.state.notation)
    except ReadError as exc:
        if _LOOKS_RELATIONAL.search(p.text) and cue not in ("definition", "condition"):
            ctx.links.append(Link(p.line, p.text, None, f"cannot read: {exc}"))
        ctx.last = None
        ctx.prefix.append(f"⟨{kind_for_prefix}⟩")
        return
    if not any(s.ops for s in statements):
        _bare_names(ctx, statements, p)
        ctx.prefix.append(f"⟨{kind_for_prefix}⟩")
        if p.display:
            ctx.last = None
        return
    for k, st in enumerate(statements):
        if not st.ops:
            continue
        st_cue = cue if k == 0 else statement_cue(st.lead, cue)
        kind = _statement(ctx, st, p, st_cue, sentence_cue, k)
        if k == 0:
            kind_for_prefix = kind
    ctx.prefix.append(f"⟨{kind_for_prefix}⟩")


def _bare_names(ctx: Context, statements: list[Statement], p: Part) -> None:
    """`positive $\\lambda$`: a sign given to a bare name in the prose."""
    sign = sign_word(ctx.prefix)
    if not sign or sign == "real":
        return
    for st in statements:
        for side in st.sides:
            if isinstance(side.expr, sp.Symbol):
                add_condition(ctx, sign_relation(side.expr, sign), p.line, False)


def _statement(ctx: Context, st: Statement, p: Part, cue: str, sentence_cue: str,
               number: int = 0) -> str:
    """Read one statement (the `number`-th of its formula) as definitions, conditions or
    claims; the kind it was."""
    sides, ops = list(st.sides), list(st.ops)
    carried: tuple[Side | None, str] = (None, "")
    latex_of = [p.text[s.start:s.end] for s in sides]
    lines = [p.line + p.text[:op.pos].count("\n") for op in ops]
    if p.continues and sides and not sides[0].tokens:
        if ctx.last is None or ctx.last.side is None:
            reason = "continues a formula that could not be read" if ctx.last else \
                "starts with a relation but continues no formula"
            for k, op in enumerate(ops):
                ctx.links.append(Link(lines[k], f"{op.text} {latex_of[k + 1]}", None, reason))
            ctx.last = None
            return "claim"
        sides[0] = ctx.last.side
        latex_of[0] = ctx.last.text
        carried = (ctx.last.side, ctx.last.text)
    kind = "claim" if ctx.claims_only and cue in ("", "claim") else kind_of(
        ctx, sides, ops, cue, continued=p.continues, weak=sentence_cue in WEAK_DEFINITION_CUES)
    start = 0
    if kind == "definition":
        ctx.definitions += 1
        define(ctx, sides[0], p, ops[0])
        if cue == "definition":
            _remember(ctx, sides[-1], latex_of[-1])
            return kind
        start = 1
    if kind == "condition":
        ctx.conditions += 1
        assume(ctx, sides, ops, p, sentence_cue in SENTENCE_CUES,
               sentence_cue not in FORWARD_CUES)
        _remember(ctx, sides[-1], latex_of[-1])
        return kind
    for k in range(start, len(ops)):
        latex = f"{latex_of[k]} {op_latex(p.text, ops[k])} {latex_of[k + 1]}"
        ctx.sentence.append(Origin(len(ctx.links), p, number, k, *carried))
        ctx.links.append(None)
        draft(ctx, ctx.sentence[-1].slot, sides[k], ops[k], sides[k + 1], lines[k], latex,
              (latex_of[k], latex_of[k + 1]), ctx.state.conditions +
              ctx.state.sentence_conditions)
    _remember(ctx, sides[-1], latex_of[-1])
    return kind


def _remember(ctx: Context, side: Side, latex: str) -> None:
    ctx.last = Formula(side, latex, latex)
