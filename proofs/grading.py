"""Grading a document: every relation it states proved or refuted by the engine.

    >>> from proofs.grading import grade_text
    >>> report = grade_text("$$\\\\frac{d}{dx} e^{2x} = e^{2x}$$", "markdown", jobs=1)
    >>> [(f.verdict, f.reason) for f in report.findings]
    [('wrong', 'the derivative is 2 e^{2 x}, not e^{2x}; false at x = -1')]

A relation is `correct` when the engine proved it (under the document's assumptions,
named in the reason), `wrong` only when the engine refuted it (a counterexample that
meets every assumption, checked at high precision; for a derivative or a limit also its
value when the engine proved that value), and `unchecked` otherwise, with the reason: a
formula this reader cannot read, a relation it does not check, a refutation that rests on
a reading that was a guess, or a claim the engine could not decide within the budget.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import sympy as sp

from . import budget as clock
from .claim import Claim
from .documents import read_document
from .latex_vocabulary import STANDARD, Vocabulary
from .parallel import prove_many
from .reading import Link, read_parts
from .verdict import Verdict

DEFAULT_BUDGET = 6.0
MAX_RELATIONS = 400
TIME_LIMIT = 300.0
VERDICTS = ("correct", "wrong", "unchecked")
_GREEK_OUT = {"lambda": "λ", "alpha": "α", "beta": "β", "gamma": "γ", "delta": "δ",
              "epsilon": "ε", "theta": "θ", "mu": "μ", "sigma": "σ", "tau": "τ",
              "omega": "ω", "eta": "η", "rho": "ρ", "phi": "φ", "psi": "ψ", "xi": "ξ",
              "nu": "ν", "kappa": "κ", "zeta": "ζ", "chi": "χ", "pi": "π"}


@dataclass(frozen=True)
class Finding:
    """The verdict on one relation of the document."""

    line: int
    latex: str
    verdict: str
    reason: str
    counterexample: dict[str, str] | None = None
    correct_value: str | None = None

    def record(self) -> dict[str, Any]:
        """The JSON object of the finding."""
        out: dict[str, Any] = {"line": self.line, "latex": self.latex,
                               "verdict": self.verdict, "reason": self.reason,
                               "counterexample": self.counterexample}
        if self.correct_value is not None:
            out["correct_value"] = self.correct_value
        return out


@dataclass(frozen=True)
class Report:
    """The findings of a document, in the order of the text, and what else was read."""

    findings: tuple[Finding, ...]
    formulas: int
    definitions: int
    conditions: int

    def summary(self) -> dict[str, int]:
        counts = {v: sum(f.verdict == v for f in self.findings) for v in VERDICTS}
        return {"relations": len(self.findings), **counts, "formulas": self.formulas,
                "definitions": self.definitions, "conditions": self.conditions}


def grade_text(text: str, fmt: str, budget: float = DEFAULT_BUDGET, jobs: int = 1,
               advance: Callable[[str], None] | None = None,
               start: Callable[[int], None] | None = None,
               max_relations: int = MAX_RELATIONS, time_limit: float = TIME_LIMIT,
               vocabulary: Vocabulary = STANDARD) -> Report:
    """Grade the document `text` ("markdown" or "latex"): each relation proved within
    `budget` seconds, in `jobs` worker processes; `start(count)` is called with the number
    of claims before proving and `advance(name)` as each is done. Relations beyond
    `max_relations`, and those not reached within `time_limit` seconds, are left
    unchecked with that reason. Formulas call the functions of `vocabulary` (the
    standard ones by default)."""
    started = time.monotonic()
    ctx = read_parts(read_document(text, fmt), vocabulary)
    links = ctx.links
    if len(links) > max_relations:
        links = links[:max_relations] + [
            Link(x.line, x.latex, None, f"not checked: the sheet states more than "
                 f"{max_relations} relations") for x in links[max_relations:]]
    claims = [link.claim for link in links if link.claim is not None]
    if start is not None:
        start(len(claims))
    deadline = started + time_limit
    verdicts = _prove(claims, budget, jobs, advance, deadline)
    values = _correct_values(links, verdicts, budget, jobs, deadline)
    findings = tuple(_finding(link, verdicts.get(id(link.claim)), values.get(id(link.claim)))
                     for link in links)
    return Report(findings, ctx.formulas, ctx.definitions, ctx.conditions)


def _prove(claims: list[Claim], budget: float, jobs: int,
           advance: Callable[[str], None] | None, deadline: float) -> dict[int, Verdict]:
    """The verdict of each claim (by id), each distinct statement proved once, in
    batches until `deadline` (time.monotonic()); claims not reached have no verdict.

    A batch holds as many claims as `jobs` workers can prove in the time left even if
    each takes its whole budget, so a batch never runs far past the deadline; and the
    batches are few, since each starts new workers (which lose what the previous ones
    had cached, and wait at its end for its slowest claim)."""
    from . import tactics  # noqa: F401 - imported once here, not in each forked worker

    distinct: dict[str, Claim] = {}
    key_of: dict[int, str] = {}
    for c in claims:
        key = sp.srepr((c.statement, c.given))
        key_of[id(c)] = key
        distinct.setdefault(key, c)
    unique = list(distinct.values())
    by_key: dict[str, Verdict] = {}
    start = 0
    while start < len(unique):
        rounds = int((deadline - time.monotonic()) // budget)
        if rounds < 1:
            break
        batch = unique[start:start + rounds * max(jobs, 1)]
        start += len(batch)
        for c, v in zip(batch, prove_many(batch, budget, jobs, advance, isolate=True),
                        strict=True):
            by_key[sp.srepr((c.statement, c.given))] = v
    return {i: by_key[k] for i, k in key_of.items() if k in by_key}


# --- correct values of refuted derivatives, limits and numbers -----------------------

def _candidate(link: Link) -> tuple[sp.Expr, sp.Expr] | None:
    """(the side to evaluate, its value) for a refuted equation with a derivative, a
    limit or a number on one side."""
    if link.op != "=" or not isinstance(link.lhs, sp.Basic) or \
            not isinstance(link.rhs, sp.Basic):
        return None
    ranges = {r for r in link.claim.given if isinstance(r, (sp.Le, sp.Ge, sp.Ne))}
    for side in (link.lhs, link.rhs):
        if side.has(sp.Derivative, sp.Limit):
            try:
                with clock.deadline(1.5):
                    value = side.doit().replace(
                        lambda x: isinstance(x, sp.Sum) and x.has(sp.KroneckerDelta),
                        lambda x: x.doit())
                    value = _in_range(value, ranges)
                    if value.has(sp.Limit, sp.Derivative) or value.has(sp.nan, sp.zoo):
                        continue
                    value = _simplest(value)
            except clock.BudgetExceeded:
                continue
            except Exception:  # noqa: BLE001 - sympy fails in many ways; no value then
                continue
            if value != side:
                return side, value
    return None


def _in_range(e: sp.Basic, ranges: set) -> sp.Basic:
    """`e` with each Piecewise whose first condition is a given index range (`y <= n`,
    from differentiating a sum by one of its entries) replaced by its first branch, and
    each Kronecker delta of two indices given as different replaced by 0."""
    for r in ranges:
        if isinstance(r, sp.Ne):
            e = e.xreplace({sp.KroneckerDelta(r.lhs, r.rhs): 0})
    def pick(*args: Any) -> sp.Basic:
        expr, cond = args[0]
        if cond in ranges or getattr(cond, "reversed", None) in ranges:
            return expr
        return sp.Piecewise(*args)
    return e.replace(sp.Piecewise, pick)


def _simplest(v: sp.Basic) -> sp.Basic:
    """The shortest of a few normal forms of v that brings in no new function (no
    cosh where v has exp)."""
    funcs = {type(f) for f in v.atoms(sp.Function)}
    forms = [v]
    for f in (sp.cancel, sp.factor, sp.simplify):
        try:
            forms.append(f(v))
        except Exception:  # noqa: BLE001 - a form sympy cannot build is skipped
            continue
    good = [f for f in forms if {type(g) for g in f.atoms(sp.Function)} <= funcs]
    return min(good, key=sp.count_ops)


def _correct_values(links: list[Link], verdicts: dict[int, Verdict], budget: float,
                    jobs: int, deadline: float) -> dict[int, tuple[sp.Expr, sp.Expr]]:
    """For refuted equations: the value of the derivative, limit or number, when the
    engine proves it."""
    asks: list[tuple[Link, sp.Expr, sp.Expr, Claim]] = []
    for link in links:
        v = verdicts.get(id(link.claim))
        if v is None or v.status != "refuted" or time.monotonic() > deadline:
            continue
        cand = _candidate(link)
        if cand is None:
            continue
        side, value = cand
        claim = Claim(link.claim.name + "-value", sp.Eq(side, value, evaluate=False),
                      given=link.claim.given)
        asks.append((link, side, value, claim))
    if not asks:
        return {}
    proved = _prove([a[3] for a in asks], min(budget, 3.0), jobs, None, deadline)
    return {id(link.claim): (side, value) for link, side, value, c in asks
            if id(c) in proved and proved[id(c)].status == "proved"}


# --- findings -------------------------------------------------------------------------

def _finding(link: Link, v: Verdict | None, value: tuple | None) -> Finding:
    if link.claim is None:
        return Finding(link.line, link.latex, "unchecked", link.reason or "not checked")
    if v is None:
        return Finding(link.line, link.latex, "unchecked",
                       "not checked: the time limit of the run was reached")
    scope = f" (assuming {', '.join(link.scope)})" if link.scope else ""
    if v.status == "proved":
        method = v.method or "proved"
        if method.startswith("sympy evaluated the relation to True"):
            method = "both sides are the same expression once read"
        where = v.scope.where() if v.scope else ""
        return Finding(link.line, link.latex, "correct",
                       f"proved: {method}{'; ' + where if where else ''}{scope}")
    if v.status == "refuted":
        cx = {_name(k): sp.sstr(val) for k, val in sorted(
            (v.counterexample or {}).items(), key=lambda kv: sp.default_sort_key(kv[0]))}
        if link.guesses:
            return Finding(link.line, link.latex, "unchecked",
                           "false as read, but the reading is a guess ("
                           + "; ".join(dict.fromkeys(link.guesses)) + ")")
        reason = _wrong_reason(link, cx, value) + scope
        return Finding(link.line, link.latex, "wrong", reason, cx or None,
                       sp.latex(value[1]) if value else None)
    reason = v.reason or "the engine could not decide it"
    return Finding(link.line, link.latex, "unchecked", f"undecided: {reason}{scope}")


def _wrong_reason(link: Link, cx: dict[str, str], value: tuple | None) -> str:
    parts = []
    if value is not None:
        side, val = value
        left = side is link.lhs
        other = link.sides_latex[1 if left else 0] or _show(link.rhs if left else link.lhs)
        what = "the derivative" if side.has(sp.Derivative) else \
            "the limit" if side.has(sp.Limit) else "the value"
        parts.append(f"{what} is {_show(val)}, not {other}")
    elif not cx and isinstance(link.lhs, sp.Basic) and isinstance(link.rhs, sp.Basic):
        left, right = _decimal(link.lhs), _decimal(link.rhs)
        if link.op == "~=" and left:
            parts.append(f"the value is ≈ {left}, not ≈ {right}")
        elif left and right:
            parts.append(f"the left side is ≈ {left}, the right side ≈ {right}")
    if cx:
        parts.append("false at " + ", ".join(f"{k} = {val}" for k, val in cx.items()))
    elif not parts:
        parts.append("false: the engine shows the two sides differ")
    return "; ".join(parts)


def _decimal(e: sp.Basic) -> str:
    """A constant as ≈ 10 significant digits, for the reader ('' when not a number, or
    when its size could make the evaluation itself too long: towers of powers)."""
    if e.free_symbols or _tower(e) > 2 or any(len(str(abs(i.p))) > 100
                                             for i in e.atoms(sp.Rational)):
        return ""
    try:
        with clock.deadline(1.0):
            v = sp.N(e.doit(), 10)
    except clock.BudgetExceeded:
        return ""
    except Exception:  # noqa: BLE001 - display only
        return ""
    if not v.is_Number:
        return ""
    try:
        return format(float(v), ".10g")
    except OverflowError:
        return sp.sstr(v)


def _tower(e: sp.Basic) -> int:
    """How deep exponentials and powers nest in `e`."""
    if not e.args:
        return 0
    inner = max(_tower(a) for a in e.args)
    return inner + 1 if isinstance(e, (sp.exp, sp.Pow)) else inner


def _show(e: Any) -> str:
    return sp.latex(e) if isinstance(e, sp.Basic) else str(e)


def _name(k: Any) -> str:
    if isinstance(k, sp.Indexed):
        return f"{k.base.label}_{','.join(sp.sstr(i) for i in k.indices)}"
    s = sp.sstr(k)
    return _GREEK_OUT.get(s, s)
