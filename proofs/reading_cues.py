"""The kind of a formula — a definition, a condition or a claim — from the words before it
in its sentence (the cues) and from its shape (`f(x) = ...` with f not yet defined,
`0 < p < 1` between bare variables, `\\sum_j y_j = 1` tying variables to a number)."""

from __future__ import annotations

import sympy as sp

from .latex_math import Side
from .latex_tokens import Token
from .reading_conditions import listed
from .reading_context import Context
from .reading_definitions import definable, new_name

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
_CUE_REACH = 4  # a definition or condition word this close before a formula introduces it
_SIGN_WORDS = {"positive": "positive", "negative": "negative", "nonnegative": "nonnegative",
               "non-negative": "nonnegative", "nonpositive": "nonpositive",
               "non-positive": "nonpositive", "real": "real"}


def cue_of(prefix: list[str]) -> str:
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


def sign_word(prefix: list[str]) -> str:
    """The sign a word right before a formula gives it ("positive $\\lambda$"), or ""."""
    if prefix and prefix[-1] in _SIGN_WORDS:
        return _SIGN_WORDS[prefix[-1]]
    return ""


def statement_cue(lead: str, cue: str) -> str:
    """The cue of a statement after the first in a formula, from its introducing word."""
    words = lead.split()
    if not words:
        return "claim" if cue in ("", "claim") else cue
    return cue_of(words) or "claim"


def kind_of(ctx: Context, sides: list[Side], ops: list[Token], cue: str,
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
    if first == "=" and cue in ("definition", "condition") and definable(sides[0]):
        return "definition"
    if cue == "condition" or cue == "definition" and not weak:
        # a relation between numbers is a claim whatever the words before it say
        free = any(isinstance(e, sp.Basic) and e.free_symbols for s in sides
                   for e in listed(s))
        return "condition" if free or any(s.error for s in sides) else "claim"
    if first == "=" and definable(sides[0]) and new_name(ctx, sides[0], sides[1]):
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
