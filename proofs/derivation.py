"""Derivations: chains of expressions, each link a claim the engine checks."""

from __future__ import annotations

from dataclasses import dataclass

import sympy as sp

from .claim import NAME, Claim, html_safe, one_line

_OPS = {"=": sp.Eq, ">": sp.Gt, ">=": sp.Ge, "<": sp.Lt, "<=": sp.Le}
_LATEX_OPS = {"=": "=", ">": ">", ">=": r"\ge", "<": "<", "<=": r"\le"}


@dataclass(frozen=True)
class Link:
    """`previous op expr`, justified by `why` (plain words, shown on the sheet)."""

    op: str
    expr: sp.Basic
    why: str


@dataclass(frozen=True)
class Derivation:
    """`start op1 e1 op2 e2 ...`: each link is checked as a claim of its own."""

    name: str
    start: sp.Basic
    links: tuple[Link, ...]
    given: tuple[sp.Basic, ...] = ()
    source: str | None = None
    title: str = ""

    def __post_init__(self) -> None:
        if not isinstance(self.name, str) or not NAME.fullmatch(self.name):
            raise ValueError(f"derivation name {self.name!r} must start with a letter and hold "
                             "only letters, digits, '_', '-' and '.'")
        if not self.links:
            raise ValueError(f"derivation {self.name!r} needs at least one step")
        for link in self.links:
            if link.op not in _OPS:
                raise ValueError(f"unknown relation {link.op!r} in derivation {self.name!r}")

    @classmethod
    def chain(cls, name: str, start: sp.Basic, *steps: tuple, given=(), source=None,
              title: str = "") -> Derivation:
        """Build from `(expr, why)` or `(op, expr, why)` tuples."""
        links = []
        for s in steps:
            if len(s) == 2:
                links.append(Link("=", sp.sympify(s[0]), s[1]))
            else:
                links.append(Link(s[0], sp.sympify(s[1]), s[2]))
        return cls(name, sp.sympify(start), tuple(links), tuple(given), source, title)

    def __repr__(self) -> str:
        n = len(self.links)
        return (f"<Derivation {self.name}: {one_line(self.start, 60)} ... "
                f"{one_line(self.links[-1].expr, 60)} ({n} step{'' if n == 1 else 's'})>")

    def _repr_markdown_(self) -> str:
        """The chain as an aligned display, each step numbered, then why each holds."""
        title = f" — {html_safe(self.title)}" if self.title else ""
        rows = []
        for k, link in enumerate(self.links, 1):
            lhs = sp.latex(self.start) if k == 1 else ""
            rows.append(rf"{lhs} &{_LATEX_OPS[link.op]} {sp.latex(link.expr)} \qquad ({k})")
        lines = [f"**Derivation** `{self.name}`{title}", "", "$$", r"\begin{aligned}",
                 " \\\\\n".join(rows), r"\end{aligned}", "$$", ""]
        lines += [f"{k}. {html_safe(link.why)}" for k, link in enumerate(self.links, 1)]
        if self.given:
            lines += ["", "under $" + r",\ ".join(sp.latex(g) for g in self.given) + "$"]
        return "\n".join(lines)

    def link_claims(self) -> tuple[Claim, ...]:
        """One claim per link: `previous op next`, under the derivation's assumptions."""
        out = []
        prev = self.start
        for k, link in enumerate(self.links, 1):
            rel = _OPS[link.op](prev, link.expr, evaluate=False)
            out.append(Claim(f"{self.name}.step{k}", rel, given=self.given, source=self.source,
                             title=link.why))
            prev = link.expr
        return tuple(out)

    def conclusion(self) -> sp.Basic:
        """The relation between the first and last expression that the chain shows."""
        ops = {link.op for link in self.links}
        strict = any(op in (">", "<") for op in ops)
        if ops <= {"="}:
            return sp.Eq(self.start, self.links[-1].expr, evaluate=False)
        if ops <= {"=", ">", ">="}:
            return (sp.Gt if strict else sp.Ge)(self.start, self.links[-1].expr, evaluate=False)
        if ops <= {"=", "<", "<="}:
            return (sp.Lt if strict else sp.Le)(self.start, self.links[-1].expr, evaluate=False)
        raise ValueError(f"derivation {self.name!r} mixes < and >")
