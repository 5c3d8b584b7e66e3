"""Verdicts and the checked steps a proof is made of."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import sympy as sp

from .claim import html_safe, one_line, text_tex

STATUSES = ("proved", "refuted", "undecided")


@dataclass(frozen=True)
class Step:
    """One checked link of a proof: `lhs op rhs` because `why`.

    `kind` is "rel" for a relation between two expressions, "case" for the start of a
    case (its condition in `rhs`) and "note" for a sentence; `depth` nests cases.
    `why` may name expressions as `{0}`, `{1}`, ...: those are `terms`, kept as
    expressions so that each writer shows them its own way (`text`).
    """

    lhs: Any = None
    op: str = "="
    rhs: Any = None
    why: str = ""
    kind: str = "rel"
    depth: int = 0
    terms: tuple[Any, ...] = ()

    def nested(self, extra: int = 1) -> Step:
        return Step(self.lhs, self.op, self.rhs, self.why, self.kind, self.depth + extra,
                    self.terms)

    def text(self, show: Callable[[Any], str] = sp.sstr) -> str:
        """The justification with each named expression shown by `show`."""
        return fill(self.why, self.terms, show)


_SLOT = re.compile(r"\{(\d+)\}")


def fill(template: str, terms: tuple[Any, ...], show: Callable[[Any], str] = sp.sstr) -> str:
    """`template` with each `{k}` replaced by `show(terms[k])` (other braces kept)."""
    if not terms:
        return template

    def one(m: re.Match) -> str:
        k = int(m.group(1))
        return show(terms[k]) if k < len(terms) else m.group(0)
    return _SLOT.sub(one, template)


def rel(lhs: Any, op: str, rhs: Any, why: str, terms: tuple[Any, ...] = ()) -> Step:
    return Step(lhs=lhs, op=op, rhs=rhs, why=why, terms=tuple(terms))


def case(condition: Any, why: str = "", terms: tuple[Any, ...] = ()) -> Step:
    return Step(rhs=condition, op="case", why=why, kind="case", terms=tuple(terms))


def note(text: str, terms: tuple[Any, ...] = ()) -> Step:
    return Step(why=text, kind="note", op="note", terms=tuple(terms))


@dataclass(frozen=True)
class Scope:
    """What a proof covers, as data: every case the assumptions allow unless `only` names
    the cases it reached ("n = 1..8"); `excluded` holds the conditions, such as
    `Ne(x, 1)`, outside which the statement is undefined and was not shown; `landmarks`
    the values of variables that a move relied on (a minimum's location), which the
    numeric cross-check visits."""

    only: str = ""
    excluded: tuple[sp.Basic, ...] = ()
    landmarks: tuple[tuple[sp.Basic, sp.Expr], ...] = ()  # values a move relied on

    @property
    def complete(self) -> bool:
        """Covers every case the assumptions allow (points where it is undefined aside)."""
        return not self.only

    def merge(self, other: Scope) -> Scope:
        only = "; ".join(dict.fromkeys(x for x in (self.only, other.only) if x))
        excluded = tuple(dict.fromkeys(self.excluded + other.excluded))
        return Scope(only, excluded, tuple(dict.fromkeys(self.landmarks + other.landmarks)))

    def where(self) -> str:
        """'where both sides are defined (x ≠ 1)', or '' when nothing is excluded."""
        if not self.excluded:
            return ""
        return "where both sides are defined (" + ", ".join(
            _condition_text(c) for c in self.excluded) + ")"


def _condition_text(c: sp.Basic) -> str:
    if isinstance(c, sp.Ne):
        return f"{sp.sstr(c.lhs)} ≠ {sp.sstr(c.rhs)}"
    return sp.sstr(c)


def value_text(value: Any) -> str:
    """A value on one line of plain text (a matrix as nested lists)."""
    if isinstance(value, sp.MatrixBase):
        value = value.tolist()
    return " ".join(sp.sstr(value).split())


@dataclass(frozen=True)
class Proof:
    """What a tactic returns when it succeeds: its steps, a name for the method, and
    what it covers."""

    method: str
    steps: tuple[Step, ...] = ()
    scope: Scope = Scope()


@dataclass(frozen=True)
class Verdict:
    """The outcome of `prove`: status, the checked chain, and how it was reached."""

    claim: Any
    status: str
    method: str = ""
    reason: str = ""
    steps: tuple[Step, ...] = ()
    counterexample: dict[sp.Basic, Any] | None = None
    seconds: float = 0.0
    checks: int = 0
    scope: Scope = Scope()
    extra: dict[str, Any] = field(default_factory=dict, compare=False)

    @property
    def ok(self) -> bool:
        """True when the status is what the claim expects."""
        return self.status == self.claim.expect

    def counterexample_lines(self) -> list[str]:
        """The counterexample as sorted `x = value` lines (empty when there is none)."""
        if not self.counterexample:
            return []
        items = sorted(self.counterexample.items(), key=lambda kv: sp.default_sort_key(kv[0]))
        return [f"{sp.sstr(k)} = {value_text(v)}" for k, v in items]

    def summary(self) -> str:
        """One line: status, method or reason, counterexample."""
        text = self.status
        if self.status == "proved" and self.scope.where():
            text += " " + self.scope.where()
        if self.status == "proved" and self.method:
            text += f" ({self.method})"
        elif self.reason:
            text += f" ({self.reason})"
        if self.counterexample:
            text += ": " + ", ".join(self.counterexample_lines())
        return text

    # displays ---------------------------------------------------------------------
    def __repr__(self) -> str:
        name = getattr(self.claim, "name", "?")
        return f"<Verdict {name}: {one_line(self.summary(), 200)}>"

    def __str__(self) -> str:
        return f"{getattr(self.claim, 'name', '?')}: {self.summary()}"

    def _repr_markdown_(self) -> str:
        """Status and method (or reason), the statement, the checked steps and the
        counterexample, as Markdown with math (Jupyter shows this)."""
        claim = self.claim
        how = self.method if self.status == "proved" else (self.reason or self.method)
        lines = [f"**{claim.name}**: **{self.status}**"
                 + (f" — {html_safe(one_line(how, 400))}" if how else ""), ""]
        if self.status != claim.expect:
            lines += [f"*expected {claim.expect}*", ""]
        lines += ["$$", sp.latex(claim.statement), "$$"]
        where = claim.assumptions_latex()
        if where:
            lines += ["", f"where ${where}$"]
        if self.status == "proved" and self.scope.where():
            lines += ["", html_safe(self.scope.where())]
        if self.counterexample:
            lines += ["", f"counterexample: ${self.counterexample_latex()}$"]
        if self.steps:
            lines += ["", "steps:", ""] + [_step_markdown(s) for s in self.steps]
        return "\n".join(lines)

    def counterexample_latex(self) -> str:
        """The counterexample as `x = 0,\\ y = 1` in LaTeX (empty when there is none)."""
        if not self.counterexample:
            return ""
        items = sorted(self.counterexample.items(), key=lambda kv: sp.default_sort_key(kv[0]))
        return r",\ ".join(f"{sp.latex(k)} = {sp.latex(v)}" for k, v in items)


_STEP_OPS = {"=": "=", "<": "<", "<=": r"\le", ">": ">", ">=": r"\ge", "!=": r"\ne"}


def _step_markdown(step: Step) -> str:
    """One step as a Markdown list item: `$lhs = rhs$ (why)`, a case or a note."""
    indent = "  " * step.depth
    why = html_safe(" ".join(step.text(lambda e: f"${sp.latex(e)}$").split()))
    if step.kind == "case":
        return f"{indent}- case ${sp.latex(step.rhs)}$" + (f": {why}" if why else "")
    if step.kind == "note" or step.lhs is None:
        return f"{indent}- {why}"
    op = _STEP_OPS.get(step.op, rf"\ \text{{{text_tex(step.op)}}}\ ")
    rel = f"${sp.latex(step.lhs)} {op} {sp.latex(step.rhs)}$"
    return f"{indent}- {rel}" + (f" ({why})" if why else "")


def verdict_data(v: Verdict) -> dict[str, Any]:
    """The verdict without its claim as JSON-able data that comes back exactly as it is
    (relations and sums unevaluated: `proofs.serial`); NotSerializable where it cannot."""
    from . import serial

    return {
        "status": v.status, "method": v.method, "reason": v.reason,
        "steps": [[serial.encode(s.lhs), s.op, serial.encode(s.rhs), s.why, s.kind, s.depth,
                   [serial.encode(t) for t in s.terms]] for s in v.steps],
        "counterexample": None if v.counterexample is None else serial.encode(
            v.counterexample),
        "seconds": v.seconds, "checks": v.checks,
        "scope": [v.scope.only, serial.encode(v.scope.excluded),
                  serial.encode(v.scope.landmarks)],
    }


def verdict_from_data(claim: Any, data: dict[str, Any]) -> Verdict:
    """The verdict `verdict_data` gave, for `claim`."""
    from . import serial

    steps = tuple(Step(serial.decode(lhs), op, serial.decode(rhs), why, kind, depth,
                       tuple(serial.decode(t) for t in (terms[0] if terms else ())))
                  for lhs, op, rhs, why, kind, depth, *terms in data["steps"])
    only, excluded, landmarks = data["scope"]
    cex = data["counterexample"]
    return Verdict(claim, data["status"], method=data["method"], reason=data["reason"],
                   steps=steps, counterexample=None if cex is None else serial.decode(cex),
                   seconds=data["seconds"], checks=data["checks"],
                   scope=Scope(only, serial.decode(excluded), serial.decode(landmarks)))
