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
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass, field
from typing import Any

import sympy as sp
from sympy.core.relational import Relational

from .claim import Claim
from .documents import Part, read_document
from .latex_math import (
    FUNCTION_LETTERS,
    Family,
    FunctionDef,
    Notation,
    ReadError,
    Side,
    Statement,
    VectorValue,
    fresh_bounds,
    index,
    on_sides,
    read_statements,
    real,
    replace_symbols,
)
from .latex_tokens import GREEK, Token
from .latex_vocabulary import STANDARD, Vocabulary

CLAIM_CUES = frozenset((
    "since so thus hence then therefore have get gives give giving show shows prove proves "
    "because note obtain yields yield becomes equals implies means get proof check verify "
    "is are holds hold").split())
DEFINITION_CUES = frozenset("let define defines defined defining denote denotes denoting "
                            "set setting write writes call put take choose chose pick".split())
WEAK_DEFINITION_CUES = frozenset(("write", "writes"))
CONDITION_CUES = frozenset((
    "for assume assuming assumed suppose supposing given provided if when whenever wlog "
    "where with whereby unless").split())
SENTENCE_CUES = frozenset(("if", "when", "whenever", "unless"))
#: conditions that speak only of what follows them ("if $a > b$ then ...")
FORWARD_CUES = frozenset(("if", "assume", "assuming", "suppose", "supposing", "let",
                          "unless", "wlog"))
MAX_FORMULAS = 2000
_CUE_REACH = 4  # a definition or condition word this close before a formula introduces it
_SIGN_WORDS = {"positive": "positive", "negative": "negative", "nonnegative": "nonnegative",
               "non-negative": "nonnegative", "nonpositive": "nonpositive",
               "non-positive": "nonpositive", "real": "real"}
_ABBREVIATIONS = re.compile(r"\b(?:w\.?l\.?o\.?g|i\.e|e\.g|resp|cf|vs|etc|eq|eqs|fig)\.",
                            re.I)
_LOOKS_RELATIONAL = re.compile(r"(?<![\\a-zA-Z])[=<>]|\\(?:le|ge|leq|geq|neq|ne|approx)"
                               r"(?![A-Za-z])|[≤≥≠≈]")
CHECKED_OPS = {"=": sp.Eq, "<": sp.Lt, "<=": sp.Le, ">": sp.Gt, ">=": sp.Ge, "!=": sp.Ne}
_OP_TEXT = {"=": "=", "<": "<", "<=": "≤", ">": ">", ">=": "≥", "!=": "≠", "~=": "≈",
            "to": "→", "implies": "⇒", "iff": "⇔", "in": "∈", "propto": "∝", ":=": ":=",
            "def": "≝"}


@dataclass(frozen=True)
class Link:
    """One relation of the document: where it is, its LaTeX, and the claim that states
    it (None with the reason when it cannot be checked). `guesses` are readings that
    were choices: a refutation under them is not reported as wrong. `scope` says what
    the claim assumed, for the report."""

    line: int
    latex: str
    claim: Claim | None
    reason: str = ""
    guesses: tuple[str, ...] = ()
    scope: tuple[str, ...] = ()
    lhs: Any = None
    rhs: Any = None
    op: str = ""
    sides_latex: tuple[str, str] = ("", "")


@dataclass(frozen=True)
class Condition:
    """An assumption of the document: a relation (built on real variables) or a sign,
    with the LaTeX it was written in."""

    relation: Any
    names: frozenset[str]
    line: int
    sentence: bool = False
    latex: str = ""


@dataclass
class _State:
    """What holds at a point of the document: the notation and the assumptions."""

    notation: Notation
    conditions: tuple[Condition, ...] = ()
    sentence_conditions: tuple[Condition, ...] = ()

    def copy(self) -> _State:
        return dataclasses.replace(self)


@dataclass
class _Draft:
    """A relation waiting for the end of its sentence, where a trailing condition
    ("... for $\\lambda > 0$") may still come."""

    slot: int
    line: int
    latex: str
    statement: Any
    guesses: tuple[str, ...]
    lhs: Any
    rhs: Any
    op: str
    conditions: tuple[Condition, ...]
    sides_latex: tuple[str, str] = ("", "")


@dataclass(frozen=True)
class _Origin:
    """Where a relation of the current sentence came from, to read it again when a
    definition follows it in the sentence ("$p_i(1 - p_i) \\ge 0$ where $p_i = ...$")."""

    slot: int
    part: Part
    statement: int
    link: int
    first: Side | None  # the side carried over when the formula continues another
    first_latex: str


@dataclass
class _Formula:
    """The last formula read, for a row or display formula that continues it."""

    side: Side | None
    latex: str
    text: str


@dataclass
class _Context:
    """Everything reading a document carries from formula to formula."""

    state: _State
    stack: list[tuple[int, _State]] = field(default_factory=list)
    last: _Formula | None = None
    links: list[Link | None] = field(default_factory=list)
    drafts: list[_Draft] = field(default_factory=list)
    sentence: list[_Origin] = field(default_factory=list)  # relations read this sentence
    redo: bool = False  # a definition came after some of them
    prefix: list[str] = field(default_factory=list)  # words and markers of the sentence
    counter: int = 0
    claims_only: bool = False  # every relation is a claim (Claim.from_latex)
    definitions: int = 0
    conditions: int = 0
    formulas: int = 0


# --- the whole document -------------------------------------------------------------

def read_claims(text: str, fmt: str, vocabulary: Vocabulary = STANDARD) -> list[Link]:
    """The relations of a document in order (`fmt` "markdown" or "latex"), read with the
    function names of `vocabulary`."""
    return read_parts(read_document(text, fmt), vocabulary).links


def read_parts(parts: list[Part], vocabulary: Vocabulary = STANDARD) -> _Context:
    """Read the parts of a document; the context holds the links and the counts."""
    ctx = _start(parts, vocabulary)
    _read(ctx, parts)
    _end_sentence(ctx)
    return ctx


def _start(parts: list[Part], vocabulary: Vocabulary) -> _Context:
    """The context for reading `parts`: the vectors and dimensions they use."""
    dims, main = _dimensions(parts)
    notation = Notation(vectors=_vector_names(parts), dimensions=dims, dimension=main,
                        vocabulary=vocabulary)
    return _Context(_State(notation))


def _read(ctx: _Context, parts: list[Part]) -> None:
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


def _leave_section(ctx: _Context, before: _State) -> None:
    """Back to the state before a section: its assumptions, names and values end with
    it; the functions and families it defined stay for the rest of the document."""
    nt = ctx.state.notation
    ctx.state = _State(dataclasses.replace(nt, names=dict(before.notation.names)),
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


# --- sentences and cues ---------------------------------------------------------------

def _prose(ctx: _Context, text: str) -> None:
    text = _ABBREVIATIONS.sub(lambda m: m.group().replace(".", ""), text)
    pieces = re.split(r"(?<=[.!?])\s+|\n\s*\n|\.$", text)
    for k, piece in enumerate(pieces):
        if k > 0:
            _end_sentence(ctx)
        ctx.prefix.extend(re.findall(r"[A-Za-z][A-Za-z\-]*|[,;:]", piece.lower()))


def _end_sentence(ctx: _Context) -> None:
    if ctx.redo:
        _read_again(ctx)
    for d in ctx.drafts:
        ctx.links[d.slot] = _finish(ctx, d)
    ctx.drafts = []
    ctx.sentence = []
    ctx.redo = False
    ctx.prefix = []
    ctx.state.sentence_conditions = ()


def _read_again(ctx: _Context) -> None:
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
        latex = f"{latex_of[k]} {_op_latex(o.part.text, op)} {latex_of[k + 1]}"
        _link(ctx, o.slot, sides[k], op, sides[k + 1], line, latex,
              (latex_of[k], latex_of[k + 1]), kept.get(o.slot, ctx.state.conditions))


def _cue(prefix: list[str]) -> str:
    """"claim", "definition", "condition" or "" from the words before a formula: the
    last cue word of the sentence, unless a comma closed its clause ("With two items,
    $...$" is a claim; "Assume, w.l.o.g., $a \\ge b$" a condition)."""
    words = [w.replace("-", "") for w in prefix]
    comma, distance = False, 0
    for k in range(len(words) - 1, -1, -1):
        w = words[k]
        if w == ":":
            return ""
        if w == ",":
            comma = True
            continue
        if comma and not w.startswith("⟨") and w not in CLAIM_CUES | DEFINITION_CUES \
                | CONDITION_CUES:
            return ""
        distance += 1
        if distance > _CUE_REACH and (w in DEFINITION_CUES or w in CONDITION_CUES):
            continue
        if w.startswith("⟨"):
            between = words[k + 1:]
            if between and all(x in ("and", "or", ",") for x in between) and \
                    any(x in ("and", "or") for x in between):
                return w.strip("⟨⟩")
            return ""
        if w in CLAIM_CUES:
            return "claim"
        if w in DEFINITION_CUES:
            return "definition"
        if w in CONDITION_CUES:
            return "condition" if not (w == "for" and k + 1 < len(words)
                                       and words[k + 1] in ("example", "instance")) else ""
    return ""


def _sign_word(prefix: list[str]) -> str:
    if prefix and prefix[-1] in _SIGN_WORDS:
        return _SIGN_WORDS[prefix[-1]]
    return ""


# --- one formula ------------------------------------------------------------------------

def _formula(ctx: _Context, p: Part) -> None:
    cue = _cue(ctx.prefix)
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
        st_cue = cue if k == 0 else _statement_cue(st.lead, cue)
        kind = _statement(ctx, st, p, st_cue, sentence_cue, k)
        if k == 0:
            kind_for_prefix = kind
    ctx.prefix.append(f"⟨{kind_for_prefix}⟩")


def _statement_cue(lead: str, cue: str) -> str:
    words = lead.split()
    if not words:
        return "claim" if cue in ("", "claim") else cue
    return _cue(words) or "claim"


def _bare_names(ctx: _Context, statements: list[Statement], p: Part) -> None:
    """`positive $\\lambda$`: a sign given to a bare name in the prose."""
    sign = _sign_word(ctx.prefix)
    if not sign or sign == "real":
        return
    for st in statements:
        for side in st.sides:
            if isinstance(side.expr, sp.Symbol):
                _add_condition(ctx, _sign_relation(side.expr, sign), p.line, False)


def _sign_relation(x: sp.Symbol, sign: str) -> sp.Basic:
    return {"positive": sp.Gt(x, 0), "negative": sp.Lt(x, 0), "nonnegative": sp.Ge(x, 0),
            "nonpositive": sp.Le(x, 0)}[sign]


def _statement(ctx: _Context, st: Statement, p: Part, cue: str, sentence_cue: str,
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
    kind = "claim" if ctx.claims_only and cue in ("", "claim") else _kind(
        ctx, sides, ops, cue, continued=p.continues, weak=sentence_cue in WEAK_DEFINITION_CUES)
    start = 0
    if kind == "definition":
        ctx.definitions += 1
        _define(ctx, sides[0], p, ops[0])
        if cue == "definition":
            _remember(ctx, sides[-1], latex_of[-1])
            return kind
        start = 1
    if kind == "condition":
        ctx.conditions += 1
        _conditions(ctx, sides, ops, p, sentence_cue in SENTENCE_CUES,
                    sentence_cue not in FORWARD_CUES)
        _remember(ctx, sides[-1], latex_of[-1])
        return kind
    for k in range(start, len(ops)):
        latex = f"{latex_of[k]} {_op_latex(p.text, ops[k])} {latex_of[k + 1]}"
        ctx.sentence.append(_Origin(len(ctx.links), p, number, k, *carried))
        ctx.links.append(None)
        _link(ctx, ctx.sentence[-1].slot, sides[k], ops[k], sides[k + 1], lines[k], latex,
              (latex_of[k], latex_of[k + 1]), ctx.state.conditions +
              ctx.state.sentence_conditions)
    _remember(ctx, sides[-1], latex_of[-1])
    return kind


def _kind(ctx: _Context, sides: list[Side], ops: list[Token], cue: str,
          continued: bool = False, weak: bool = False) -> str:
    """"definition", "condition" or "claim" for a statement, from its first relation,
    its left side and the cue before it (a statement that continues the previous
    formula defines nothing; after a `weak` definition word such as "write", a relation
    that defines nothing is a claim: "many people write $X = Y$")."""
    first = ops[0].text
    if continued:
        return "claim"
    if first in (":=", "def"):
        return "definition"
    if first == "in":
        return "condition"
    if first == "=" and cue in ("definition", "condition") and _definable(sides[0]):
        return "definition"
    if cue == "condition" or cue == "definition" and not weak:
        # a relation between numbers is a claim whatever the words before it say
        free = any(isinstance(e, sp.Basic) and e.free_symbols for s in sides
                   for e in _listed(s))
        return "condition" if free or any(s.error for s in sides) else "claim"
    if first == "=" and _definable(sides[0]) and _new_name(ctx, sides[0], sides[1]):
        return "definition"
    if len(ops) == 1 and first == "=" and _constraint(sides[0], sides[1]):
        return "condition"
    if first in ("<", "<=", ">", ">=", "!=") and all(_bare(s) for s in sides) \
            and any(isinstance(s.expr, sp.Basic) and s.expr.free_symbols for s in sides):
        return "condition"
    return "claim"


def _bare(side: Side) -> bool:
    """A variable, an entry of a vector or a number, read without any definition:
    relations between such (`n \\ge 2`, `0 < p < 1`, `a \\ge b`) are assumptions."""
    e = side.expr
    if side.error or side.defined or not isinstance(e, sp.Basic):
        return isinstance(e, tuple) and not side.error
    return e.is_Number or isinstance(e, (sp.Symbol, sp.Indexed)) or \
        isinstance(e, sp.Mul) and len(e.args) == 2 and e.args[0] == -1 and \
        isinstance(e.args[1], (sp.Symbol, sp.Indexed))


def _constraint(a: Side, b: Side) -> bool:
    """`\\sum_j y_j = 1`, `\\log c = -950`: an equation that ties variables to a
    number, with no derivative, limit or definition of the document in it, states a
    condition on them, not an identity."""
    exprs = [a.expr, b.expr]
    if any(not isinstance(e, sp.Basic) for e in exprs) or a.defined or b.defined:
        return False
    if any(e.has(sp.Derivative, sp.Limit) for e in exprs):
        return False
    free = [bool(e.free_symbols) for e in exprs]
    return free[0] != free[1]


def _op_latex(text: str, op: Token) -> str:
    m = re.compile(r"\\[A-Za-z]+|:=|<=|>=|!=|.").match(text, op.pos)
    return m.group() if m else op.text


def _remember(ctx: _Context, side: Side, latex: str) -> None:
    ctx.last = _Formula(side, latex, latex)


# --- definitions --------------------------------------------------------------------

@dataclass(frozen=True)
class _Target:
    kind: str              # function | family | name | power
    name: str
    params: tuple[str, ...] = ()
    index: str = ""


def _target(side: Side) -> _Target | None:
    """What a left side `f(x)`, `p_j`, `x`, `w_0`, `\\sigma^2`, `softmax(o)_j` defines."""
    toks = [t for t in side.tokens]
    if not toks:
        return None
    head = toks[0]
    if head.kind == "cmd" and head.text in GREEK:
        name = head.text
    elif head.kind in ("letter", "word", "vec"):
        name = head.text
    else:
        return None
    rest = toks[1:]
    if rest and rest[0].kind == "op" and rest[0].text == "_":
        sub, rest = _sub_tokens(rest[1:])
        if sub is None:
            return None
        if len(sub) == 1 and sub[0].kind == "letter" and len(sub[0].text) == 1 and not rest:
            return _Target("family", name, index=sub[0].text)
        if len(sub) == 1 and sub[0].kind == "num" and "." not in sub[0].text and not rest:
            return _Target("name", f"{name}[{int(sub[0].text)}]")
        if all(t.kind in ("letter", "text") for t in sub) and len(sub) >= 1:
            name = f"{name}_{''.join(t.text for t in sub)}"
        else:
            return None
    if not rest:
        return _Target("name", name)
    if rest[0].kind == "op" and rest[0].text == "^" and len(rest) <= 4:
        return _Target("power", name)
    if rest[0].kind == "op" and rest[0].text == "(":
        params, k = [], 1
        while k < len(rest):
            t = rest[k]
            if t.kind in ("letter", "vec") or t.kind == "cmd" and t.text in GREEK:
                params.append(t.text)
            elif not (t.kind == "op" and t.text == ","):
                break
            k += 1
        if k >= len(rest) or rest[k].text != ")" or not params or \
                len(set(params)) != len(params):
            return None
        tail = rest[k + 1:]
        if not tail:
            return _Target("function", name, tuple(params))
        if len(tail) == 2 and tail[0].text == "_" and tail[1].kind == "letter":
            return _Target("function", name, tuple(params), tail[1].text)
        if len(tail) == 4 and tail[0].text == "_" and tail[2].kind == "letter":
            return _Target("function", name, tuple(params), tail[2].text)
    return None


def _sub_tokens(toks: list[Token]) -> tuple[list[Token] | None, list[Token]]:
    if not toks:
        return None, []
    if toks[0].kind == "op" and toks[0].text == "{":
        depth = 0
        for k, t in enumerate(toks):
            if t.kind == "op" and t.text == "{":
                depth += 1
            elif t.kind == "op" and t.text == "}":
                depth -= 1
                if depth == 0:
                    return toks[1:k], toks[k + 1:]
        return None, []
    return [toks[0]], toks[1:]


def _plain_names(side: Side) -> set[str]:
    """The variables a side is written with: `x` for a plain one, `x_` for entries."""
    toks = list(side.tokens) + [Token("end", "", 0)]
    return {t.text + ("_" if toks[k + 1].text == "_" else "")
            for k, t in enumerate(toks[:-1])
            if (t.kind == "letter" and t.text != "e" or t.kind == "cmd" and t.text in GREEK)
            and toks[k + 1].text not in ("(", "'") and t.text not in FUNCTION_LETTERS}


def _plain_value_names(e: Any) -> set[str]:
    """The variables of an expression, named as `_plain_names` names them."""
    labels = {b.label for b in e.atoms(sp.IndexedBase)}
    return {s.name for s in e.free_symbols if isinstance(s, sp.Symbol) and s not in labels
            and not s.is_integer} | {f"{b}_" for b in labels}


def _definable(side: Side) -> bool:
    return _target(side) is not None


def _new_name(ctx: _Context, side: Side, rhs: Side | None = None) -> bool:
    """The left side names something the document has not defined, or a name it gives a
    new meaning: a value after a value (`x = 3` after `x = -2`), or an expression in
    other variables (`f = AB` after `f = (x + y)z`: the next example)."""
    t = _target(side)
    nt = ctx.state.notation
    if t is None:
        return False
    if t.kind == "function":
        return t.name not in nt.functions and not (
            t.name.lower() in nt.vocabulary.checked and len(t.params) >= 1)
    if t.kind == "family":
        return t.name not in nt.families
    if t.kind == "power":
        return not nt.defines(t.name)
    value = nt.names.get(t.name)
    if value is not None:
        if not getattr(value, "free_symbols", True):
            return True
        names = _plain_names(rhs) if rhs is not None else set()
        return bool(names - _plain_value_names(value)) and bool(names)
    return t.name not in nt.functions and t.name not in nt.families


def _define(ctx: _Context, lhs: Side, p: Part, op: Token) -> None:
    """Record the definition `lhs = (the side after op)`; the right side is read again
    with the defined parameters (and the document's values) held as plain variables."""
    t = _target(lhs)
    if t is None or t.kind == "power":
        return
    nt = ctx.state.notation
    rhs_text = _rhs_text(p.text, op)
    values = frozenset(k for k, v in nt.names.items()
                       if isinstance(v, sp.Basic) and not v.free_symbols)
    held = values | set(t.params) | ({t.index} if t.index else set()) | {t.name}
    try:
        statements = read_statements(rhs_text, nt, frozenset(held))
    except ReadError:
        return
    if not statements or statements[0].sides[0].error:
        return
    body = statements[0].sides[0].expr
    if isinstance(body, VectorValue):
        return
    if t.kind == "function":
        if t.index:
            body = body.xreplace({real(t.index): index(t.index)})
        f = FunctionDef(t.name, t.params, body, index(t.index) if t.index else None, p.line)
        ctx.state.notation = nt.with_function(f)
    elif t.kind == "family":
        j = index(t.index)
        ctx.state.notation = nt.with_family(Family(t.name, j, body, p.line))
    else:
        ctx.state.notation = nt.with_name(t.name, body)
    ctx.redo = ctx.redo or bool(ctx.sentence)


def _rhs_text(text: str, op: Token) -> str:
    """The text of the side after the relation `op` (up to the next top-level relation,
    `\\quad`, text word or comma)."""
    m = re.compile(r"\\[A-Za-z]+|:=|<=|>=|!=|.").match(text, op.pos)
    return text[m.end():] if m else text[op.pos + 1:]


# --- conditions -----------------------------------------------------------------------

def _conditions(ctx: _Context, sides: list[Side], ops: list[Token], p: Part,
                sentence: bool, trailing: bool) -> None:
    """Assume the relations of a condition (see `_add_condition`)."""
    for k, op in enumerate(ops):
        a, b = sides[k], sides[k + 1]
        if op.text == "in":
            _membership(ctx, a, b, p.line, sentence)
            continue
        rel = CHECKED_OPS.get(op.text)
        if rel is None or a.error or b.error or isinstance(a.expr, VectorValue) \
                or isinstance(b.expr, (VectorValue, tuple)):
            continue
        latex = " ".join(f"{p.text[a.start:a.end]} {_op_latex(p.text, op)} "
                         f"{p.text[b.start:b.end]}".split())
        for x in _listed(a):
            _add_condition(ctx, rel(x, b.expr, evaluate=False), p.line, sentence,
                           latex if len(_listed(a)) == 1 else "", trailing)


def _listed(side: Side) -> list[Any]:
    """The expressions of a side that lists several (`a, b > 0`)."""
    return list(side.expr) if isinstance(side.expr, tuple) else [side.expr]


def _membership(ctx: _Context, a: Side, b: Side, line: int, sentence: bool) -> None:
    """`x \\in \\mathbb{R}_{>0}` and the like: signs and integrality."""
    kinds = [(t.kind, t.text) for t in b.tokens]
    if not kinds or kinds[0][0] != "set":
        return
    rest = "".join(t for _, t in kinds[1:])
    sign = {"R": {"": "", "_(>0)": "positive", "^+": "positive", "_+": "positive",
                  "_(\\geq0)": "nonnegative", "_(>=0)": "nonnegative"},
            "N": {"": "positive"}, "Z": {"_(>0)": "positive", "^+": "positive"}}.get(
        kinds[0][1], {}).get(rest.replace("{", "(").replace("}", ")"))
    if sign and isinstance(a.expr, sp.Symbol):
        _add_condition(ctx, _sign_relation(a.expr, sign), line, sentence)


def _add_condition(ctx: _Context, rel: Any, line: int, sentence: bool,
                   latex: str = "", trailing: bool = True) -> None:
    """Assume `rel` from here on (to the end of the sentence when `sentence`); with
    `trailing`, the relations already read in this sentence assume it too."""
    if rel in (sp.true, sp.false) or not isinstance(rel, sp.Basic):
        return
    names = _names(rel)
    cond = Condition(rel, names, line, sentence, latex or _condition_text(rel))
    for d in ctx.drafts if trailing else ():  # "... $X$ for $\\lambda > 0$": X too
        if not any(c.names == names and _same_kind(c.relation, rel) for c in d.conditions):
            d.conditions = d.conditions + (cond,)
    st = ctx.state
    if sentence:
        st.sentence_conditions = st.sentence_conditions + (cond,)
        return
    kept = tuple(c for c in st.conditions if not (c.names == names and
                                                  _same_kind(c.relation, rel)))
    st.conditions = kept + (cond,)


def _same_kind(a: Any, b: Any) -> bool:
    """Two conditions on the same variables replace each other unless one bounds from
    below and the other from above (`0 < p` and `p < 1` both stay)."""
    def direction(r: Any) -> int:
        if isinstance(r, (sp.Gt, sp.Ge)):
            return 1 if not r.lhs.free_symbols else -1
        if isinstance(r, (sp.Lt, sp.Le)):
            return -1 if not r.lhs.free_symbols else 1
        return 0
    da, db = direction(a), direction(b)
    return da == db or 0 in (da, db) or bool(a.lhs.free_symbols and a.rhs.free_symbols)


def _names(e: Any) -> frozenset[str]:
    """The variables an expression is about: symbol names and vector names."""
    out = {s.name for s in e.free_symbols if isinstance(s, sp.Symbol)}
    out |= {str(b.label) for b in e.atoms(sp.IndexedBase)}
    return frozenset(out)


# --- claims ---------------------------------------------------------------------------

def _link(ctx: _Context, slot: int, a: Side, op: Token, b: Side, line: int, latex: str,
          sides_latex: tuple[str, str], conditions: tuple[Condition, ...]) -> None:
    """The claim `a op b` as a draft in `slot` (finished at the end of the sentence), or
    the reason why there is none."""
    latex = " ".join(latex.split())
    guesses = a.guesses + b.guesses

    def unchecked(reason: str) -> None:
        ctx.links[slot] = Link(line, latex, None, reason, guesses)

    for s in (a, b):
        if s.error:
            return unchecked(f"cannot read it: {s.error}")
    if op.text not in CHECKED_OPS and op.text != "~=":
        return unchecked(f"the relation {_OP_TEXT.get(op.text, op.text)} is not checked")
    lhs, rhs = a.expr, b.expr
    if isinstance(lhs, tuple) or isinstance(rhs, tuple):
        return unchecked("a list of expressions on one side")
    if isinstance(lhs, VectorValue) or isinstance(rhs, VectorValue):
        if not (isinstance(lhs, VectorValue) and isinstance(rhs, VectorValue)) \
                or op.text != "=":
            return unchecked("compares a vector with a number")
        j = index("j")
        lhs, rhs = lhs.at(j), rhs.at(j)
    if op.text == "~=":
        written = "".join(t.text for t in b.tokens)
        m = re.fullmatch(r"-?\d+\.(\d+)(?:(?:times|cdot|\*)10\^\{?(-?\d+)\}?)?", written)
        if m is None or lhs.free_symbols:
            return unchecked("≈ is checked only between a closed-form number and a decimal")
        unit = sp.Integer(10) ** (int(m.group(2) or 0) - len(m.group(1)))
        statement = sp.And(sp.Ge(lhs, rhs - unit, evaluate=False),
                           sp.Le(lhs, rhs + unit, evaluate=False))
    else:
        try:
            statement = CHECKED_OPS[op.text](lhs, rhs, evaluate=False)
        except (TypeError, ValueError) as exc:
            return unchecked(f"cannot state it: {exc}"[:200])
    ctx.drafts.append(_Draft(slot, line, latex, statement, guesses, lhs, rhs, op.text,
                             conditions, tuple(" ".join(x.split()) for x in sides_latex)))


def _finish(ctx: _Context, d: _Draft) -> Link:
    """The claim of a draft, with the conditions that concern its variables."""
    statement = fresh_bounds(d.statement, set())
    names = _names(statement)
    dim = ctx.state.notation.dimension
    given = [c for c in d.conditions if c.names <= names | {dim}]
    scope = [f"{c.latex} (line {c.line})" for c in given]
    taken = {s for s in statement.free_symbols if isinstance(s, sp.Symbol)}
    # "for $i \\neq j$": letters read as numbers in a condition are the claim's indices
    indices = {s.name: s for s in _free_indices(statement)}
    relations = [replace_symbols(fresh_bounds(c.relation, taken),
                                 {real(k): v for k, v in indices.items()}, rename=True)
                 for c in given]
    n = index(dim)
    if statement.has(n):
        if not any(isinstance(c.relation, Relational) and n in (c.relation.lhs, c.relation.rhs)
                   for c in given):
            relations.append(sp.Ge(n, 2))
            scope.append(f"{dim} ≥ 2")
        relations.extend(sp.Le(i, n) for i in sorted(_free_indices(statement), key=str)
                         if i != n)
        top = _concrete_indices(statement)
        if 0 in top:
            return Link(d.line, d.latex, None, "entries numbered from 0 next to a sum that "
                        "runs from 1: the range of the index is unclear", d.guesses)
        if top and max(top) > 2:
            relations.append(sp.Ge(n, max(top)))
    refine = _refinements(relations)
    def refined(e: Any) -> Any:
        return replace_symbols(e, refine, rename=True)
    statement = on_sides(statement, refined)
    relations = [on_sides(r, refined) for r in relations if not _is_sign(r)]
    relations = [r for r in relations if r is not sp.true]
    ctx.counter += 1
    try:
        claim = Claim(f"line{d.line}-{ctx.counter}", statement, given=tuple(relations))
    except (TypeError, ValueError) as exc:
        return Link(d.line, d.latex, None, f"cannot state it: {exc}"[:200], d.guesses)
    return Link(d.line, d.latex, claim, "", d.guesses, tuple(scope), refined(d.lhs),
                refined(d.rhs), d.op, d.sides_latex)


def _condition_text(r: Any) -> str:
    ops = {sp.Gt: ">", sp.Ge: "≥", sp.Lt: "<", sp.Le: "≤", sp.Eq: "=", sp.Ne: "≠"}
    op = ops.get(type(r))
    if op is None:
        return sp.sstr(r)
    return f"{sp.sstr(r.lhs)} {op} {sp.sstr(r.rhs)}"


def _is_sign(r: Any) -> bool:
    """`x > 0`, `x ≥ 0`, `0 < x` ... on one plain variable (a symbol assumption)."""
    if not isinstance(r, (sp.Gt, sp.Ge, sp.Lt, sp.Le)):
        return False
    a, b = r.lhs, r.rhs
    return (isinstance(a, sp.Symbol) and b == 0) or (isinstance(b, sp.Symbol) and a == 0)


def _refinements(relations: list[Any]) -> dict[sp.Symbol, sp.Symbol]:
    """Plain variables with a sign condition, as symbols that carry the sign."""
    out: dict[sp.Symbol, sp.Symbol] = {}
    for r in relations:
        if not _is_sign(r):
            continue
        x = r.lhs if isinstance(r.lhs, sp.Symbol) else r.rhs
        upper = isinstance(r, (sp.Gt, sp.Ge)) == (x == r.lhs)
        strict = isinstance(r, (sp.Gt, sp.Lt))
        kind = ("positive" if strict else "nonnegative") if upper else \
            ("negative" if strict else "nonpositive")
        assumptions = {kind: True}
        if x.is_integer:
            assumptions["integer"] = True
        else:
            assumptions["real"] = True
        out[x] = sp.Symbol(x.name, **assumptions)
    return out


def _free_indices(e: Any) -> set[sp.Symbol]:
    out = set()
    for a in e.atoms(sp.Indexed):
        for i in a.indices:
            out |= {s for s in i.free_symbols if s.is_integer}
    bound = {lim[0] for s in e.atoms(sp.Sum, sp.Product) for lim in s.limits}
    out |= {s for k in e.atoms(sp.KroneckerDelta) for s in k.free_symbols}
    return out - bound


def _concrete_indices(e: Any) -> set[int]:
    summed = {str(a.base.label) for s in e.atoms(sp.Sum) for a in s.function.atoms(sp.Indexed)}
    return {int(i) for a in e.atoms(sp.Indexed) for i in a.indices
            if i.is_Integer and str(a.base.label) in summed}

