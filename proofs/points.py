"""Points that satisfy a claim's assumptions: boundary points first, then random ones.

A point maps each variable of a claim to an exact number (a Rational, or a complex
Rational for symbols not known to be real). Claims over symbolic n are sampled by
fixing n first; the statement is then expanded (`doit`) and its Indexed atoms become
ordinary variables.
"""

from __future__ import annotations

import itertools
import random
from collections.abc import Iterator
from dataclasses import dataclass

import sympy as sp

from . import budget
from .balls import Undefined
from .reads import indexed_atoms
from .substitute import _is_int_key, instantiate

Point = dict[sp.Basic, sp.Expr]

_REAL_EDGES = [sp.Integer(0), sp.Integer(1), sp.Integer(-1), sp.Rational(1, 2), sp.Integer(2),
               sp.Integer(-2), sp.Integer(3), sp.Rational(-1, 3)]
_POS_EDGES = [sp.Integer(1), sp.Rational(1, 1000), sp.Rational(1, 2), sp.Integer(2),
              sp.Integer(3), sp.Integer(10)]


def kind_of(atom: sp.Basic) -> str:
    """The domain a variable ranges over, read off its assumptions."""
    if atom.is_integer:
        if atom.is_positive:
            return "posint"
        if atom.is_nonnegative:
            return "natint"
        return "int"
    if atom.is_positive:
        return "positive"
    if atom.is_negative:
        return "negative"
    if atom.is_nonnegative:
        return "nonnegative"
    if atom.is_nonpositive:
        return "nonpositive"
    if atom.is_real:
        if atom.is_nonzero:
            return "nonzero"
        return "real"
    return "complex"


def edge_values(kind: str) -> list[sp.Expr]:
    """Values at and near the edges of a domain, tried before random ones."""
    if kind == "positive":
        return list(_POS_EDGES)
    if kind == "nonnegative":
        return [sp.Integer(0)] + _POS_EDGES
    if kind == "negative":
        return [-v for v in _POS_EDGES]
    if kind == "nonpositive":
        return [sp.Integer(0)] + [-v for v in _POS_EDGES]
    if kind == "nonzero":
        return [v for v in _REAL_EDGES if v != 0]
    if kind in ("posint",):
        return [sp.Integer(k) for k in (1, 2, 3, 4)]
    if kind == "natint":
        return [sp.Integer(k) for k in (0, 1, 2, 3)]
    if kind == "int":
        return [sp.Integer(k) for k in (0, 1, -1, 2, 3)]
    if kind == "complex":
        return list(_REAL_EDGES[:4]) + [sp.I, 1 + sp.I, -sp.I / 2]
    return list(_REAL_EDGES)


_SIGNED = ("positive", "nonnegative", "negative", "nonpositive")
"""Real kinds bounded on one side by 0: a positive factor keeps a value inside."""

_WIDE_DENOMINATORS = (7, 1000, 65537, 999_983, 10**9 + 7)


def random_value(kind: str, rng: random.Random, wide: bool = False) -> sp.Expr:
    """A random exact number of the domain: of moderate size, or with `wide` a large
    denominator and a magnitude anywhere from 10^-6 to 10^3 (larger ones put e^(10^5)
    beside 1, which no precision cap resolves)."""
    if wide and kind not in ("posint", "natint", "int"):
        den = rng.choice(_WIDE_DENOMINATORS)
        mag = sp.Rational(rng.randint(1, 10 * den), den) * sp.Integer(10) ** rng.randint(-6, 2)
    else:
        den = rng.choice([1, 2, 3, 4, 5, 7, 8, 10])
        mag = sp.Rational(rng.randint(1, 5 * den), den)
    if kind in ("posint",):
        return sp.Integer(rng.randint(1, 6))
    if kind == "natint":
        return sp.Integer(rng.randint(0, 6))
    if kind == "int":
        return sp.Integer(rng.randint(-5, 6))
    if kind in ("positive", "nonnegative"):
        return mag
    if kind in ("negative", "nonpositive"):
        return -mag
    sign = rng.choice([1, -1])
    if kind == "complex":
        im = sp.Rational(rng.randint(-3 * den, 3 * den), den)
        return sign * mag + im * sp.I
    return sign * mag


@dataclass(frozen=True)
class Shape:
    """The variables of a claim: plain ones, dimensions (symbolic n) and indexed bases."""

    plain: tuple[sp.Symbol, ...]
    dims: tuple[sp.Symbol, ...]
    bases: tuple[sp.IndexedBase, ...]


def _sum_limit_symbols(expr: sp.Basic) -> set[sp.Symbol]:
    dims: set[sp.Symbol] = set()
    for s in expr.atoms(sp.Sum, sp.Product):
        for lim in s.limits:
            for bound in lim[1:]:
                dims |= {a for a in sp.sympify(bound).free_symbols if a.is_integer}
    return dims


def shape_of(exprs: list[sp.Basic]) -> Shape:
    """Split the free variables of `exprs` into plain symbols, dimensions and bases."""
    plain: set[sp.Symbol] = set()
    dims: set[sp.Symbol] = set()
    bases: set[sp.IndexedBase] = set()
    for e in exprs:
        bases |= e.atoms(sp.IndexedBase)
        dims |= _sum_limit_symbols(e)
        for s in e.free_symbols:
            if isinstance(s, sp.Symbol):
                plain.add(s)
    labels = {b.label for b in bases}
    plain -= labels
    plain -= dims
    key = sp.default_sort_key
    return Shape(tuple(sorted(plain, key=key)), tuple(sorted(dims, key=key)),
                 tuple(sorted(bases, key=key)))


def satisfies(given: tuple[sp.Basic, ...], point: Point) -> bool:
    """True when every relation of `given` certainly holds at `point` (undecidable counts
    as no)."""
    from .numeric import evaluate  # numeric imports this module's neighbours

    for g in given:
        try:
            if evaluate(g, point).truth is not True:
                return False
        except budget.BudgetExceeded:
            raise
        except Exception:
            return False
    return True


def _linear_parts(eq: sp.Expr, var: sp.Basic) -> tuple[sp.Expr, sp.Expr] | None:
    """(a, b) with eq = a∙var + b and neither depending on var, when eq is of degree 1 in
    var; None otherwise."""
    if not eq.is_polynomial(var):
        return None
    slope = sp.expand(eq.diff(var))
    if slope == 0 or slope.has(var):  # degree 0, or 2 and more (a Poly costs much more)
        return None
    return slope, eq.xreplace({var: sp.Integer(0)})


def _linear_root(parts: tuple[sp.Expr, sp.Expr], values: Point) -> sp.Expr | None:
    """The root -b/a of a∙var + b with the other variables at `values`, when a and b are
    then finite numbers and a ≠ 0."""
    a = sp.expand(parts[0].xreplace(values))
    b = sp.expand(parts[1].xreplace(values))
    if not (a.is_number and b.is_number) or not a.is_finite or (
            not b.is_finite) or a.is_zero is not False:
        return None
    return -b / a


def _solve_equalities(given: tuple[sp.Basic, ...], point: Point,
                      fixed: dict[sp.Basic, sp.Basic] | None = None,
                      linear: dict[tuple, tuple | None] | None = None) -> Point:
    """Make equality assumptions hold by solving each for one of its (linear) variables.
    `fixed` may hold each equation already instantiated at the integer variables, and
    `linear` the `_linear_parts` of (equation, variable) pairs so far (filled in here)."""
    linear = {} if linear is None else linear
    out = dict(point)
    ints = {k: v for k, v in out.items() if _is_int_key(k)}
    for g in given:
        if not isinstance(g, sp.Eq):
            continue
        inst = fixed[g] if fixed is not None and g in fixed else instantiate(g, ints)
        eq = inst.lhs - inst.rhs
        free = sorted((a for a in eq.atoms(sp.Symbol, sp.Indexed) if a in out and a not in ints),
                      key=sp.default_sort_key)
        for var in reversed(free):
            if (eq, var) not in linear:
                linear[(eq, var)] = _linear_parts(eq, var)
            parts = linear[(eq, var)]
            if parts is None:
                continue
            others = dict(out)
            del others[var]
            sol = _linear_root(parts, others)
            if sol is not None:
                out[var] = sol
                break
    return out


class Sampler:
    """Points satisfying the assumptions of a statement and its `given` relations."""

    def __init__(self, exprs: list[sp.Basic], given: tuple[sp.Basic, ...], seed: int = 0,
                 max_dim: int = 5) -> None:
        self.exprs = list(exprs) + list(given)
        self.given = given
        self.shape = shape_of(self.exprs)
        self.rng = random.Random(seed)
        self.max_dim = max_dim
        self._var_cache: dict[tuple, list[sp.Basic]] = {}
        self._fixed_cache: dict[frozenset, dict[sp.Basic, sp.Basic]] = {}
        self._linear: dict[tuple, tuple | None] = {}  # (equation, variable): its parts
        self._kinds: dict[sp.Basic, str] = {}

    def kind(self, var: sp.Basic) -> str:
        """`kind_of(var)`, asked of sympy once per variable (once per base for indexed
        variables, which take their assumptions from their base)."""
        key = var.base if isinstance(var, sp.Indexed) else var
        if key not in self._kinds:
            self._kinds[key] = kind_of(var)
        return self._kinds[key]

    def _fixed(self, point: Point) -> dict[sp.Basic, sp.Basic]:
        """Each equation of `given` instantiated at the integer variables of `point`
        (computed once per choice of integers), for `_solve_equalities`."""
        ints = {k: v for k, v in point.items() if _is_int_key(k)}
        key = frozenset(ints.items())
        if key not in self._fixed_cache:
            fixed = {}
            for g in self.given:
                if not isinstance(g, sp.Eq):
                    continue
                try:
                    fixed[g] = instantiate(g, ints)
                except Exception:
                    continue  # `satisfies` says no
            self._fixed_cache[key] = fixed
        return self._fixed_cache[key]

    def _variables(self, ints: Point) -> list[sp.Basic]:
        """The non-integer variables once the integer ones are fixed: plain symbols and
        the Indexed atoms that the expanded statement holds (each side of a relation
        expanded on its own, so that sympy cannot decide the relation and drop them)."""
        key = tuple(sorted((str(k), int(v)) for k, v in ints.items()))
        if key in self._var_cache:
            return self._var_cache[key]
        variables: set[sp.Basic] = {s for s in self.shape.plain if not s.is_integer}
        if self.shape.bases:
            known = {k: int(v) for k, v in ints.items()}
            for e in self.exprs:
                for piece in _pieces(e):
                    try:
                        variables |= indexed_atoms(piece, known)
                    except Undefined:  # an index the walk cannot follow: write it out
                        variables |= {a for a in instantiate(piece, ints).atoms(sp.Indexed)
                                      if all(i.is_number for i in a.indices)}
        out = sorted(variables, key=sp.default_sort_key)
        self._var_cache[key] = out
        return out

    def _integers(self, dims0: Point) -> Point | None:
        """Values for the integer variables (indices) that meet the assumptions which
        involve integers only, tried before anything else is sampled."""
        ints = self._int_vars()
        if not ints:
            return dict(dims0)
        only_ints = tuple(g for g in self.given if g.free_symbols
                          and all(getattr(v, "is_integer", False) for v in g.free_symbols))
        for _ in range(60):
            pt = {**dims0, **{s: self.rng.choice(_index_range(s, dims0)) for s in ints}}
            if satisfies(only_ints, pt):
                return pt
        return None

    def _int_vars(self) -> list[sp.Symbol]:
        return [s for s in self.shape.plain if s.is_integer]

    def dim_choices(self) -> list[dict[sp.Symbol, sp.Expr]]:
        if not self.shape.dims:
            return [{}]
        out = []
        for k in range(1, self.max_dim + 1):
            out.append({d: sp.Integer(k) for d in self.shape.dims})
        return out

    def large_dims(self, every: bool = True) -> list[dict[sp.Symbol, sp.Expr]]:
        """Dimensions past the small ones, smallest first: every n up to 12, some up to
        50, two random ones up to 100 (a claim about all n can fail first at n = 11 or
        n = 31); without `every`, a sparser choice of the same kind."""
        if not self.shape.dims:
            return []
        if every:
            sizes = [*range(self.max_dim + 1, 13), 16, 20, 24, 31, 40, 50,
                     *sorted(self.rng.sample(range(51, 101), 2))]
        else:
            sizes = [9, 12, 20, 31, 50, self.rng.randrange(51, 101)]
        return [{d: sp.Integer(k) for d in self.shape.dims} for k in sizes]

    def points_at(self, dims0: dict[sp.Symbol, sp.Expr], fixed: Point | None = None,
                  wide: bool = False, tries: int = 40) -> Point | None:
        """One random point meeting every assumption with the dimensions `dims0` and the
        values `fixed` (a landmark of a proof, say). Every other try shrinks the values
        of the variables with a sign by the number of variables, so that an equation such
        as sum_t p_t = 1 over nonnegative p_t can be met at large n too."""
        for attempt in range(tries):
            budget.check()
            dims = self._integers(dims0)
            if dims is None:
                return None
            variables = [v for v in self._variables(dims) if v not in (fixed or {})]
            shrink = sp.Rational(1, 4 * len(variables)) if attempt % 2 and variables else 1
            cand = {v: random_value(self.kind(v), self.rng, wide)
                    * (shrink if self.kind(v) in _SIGNED else 1) for v in variables}
            pt = self._complete({**dims, **cand, **(fixed or {})})
            if pt is not None:
                return pt
        return None

    def _complete(self, point: Point) -> Point | None:
        point = _solve_equalities(self.given, point, self._fixed(point), self._linear)
        for var, val in point.items():
            if not _fits(var, val, self.kind(var)):
                return None
        return point if satisfies(self.given, point) else None

    def boundary_points(self, limit: int = 400) -> Iterator[Point]:
        """Edge values: all variables equal, zeros, ones, small grids; each checked."""
        seen: set[frozenset] = set()
        count = 0
        for dims0 in self.dim_choices():
            dims = self._integers(dims0)
            if dims is None:
                continue
            variables = self._variables(dims)
            kinds = [self.kind(v) for v in variables]
            candidates: list[Point] = []
            common = {str(v): v for k in kinds for v in edge_values(k)}  # in text order
            for text in sorted(common):
                val = common[text]
                pt = {v: val for v in variables}
                if all(_fits(v, val, k) for v, k in zip(variables, kinds, strict=True)):
                    candidates.append(pt)
            if len(variables) <= 3:
                pools = [edge_values(k)[:5] for k in kinds]
                for combo in itertools.product(*pools):
                    candidates.append(dict(zip(variables, combo, strict=True)))
            else:
                for _ in range(60):
                    candidates.append({v: self.rng.choice(edge_values(k)[:5])
                                       for v, k in zip(variables, kinds, strict=True)})
            tried: set[frozenset] = set()  # a candidate met again completes to the same point
            for cand in candidates:
                budget.check()
                cand_key = frozenset(cand.items())
                if cand_key in tried:
                    continue
                tried.add(cand_key)
                pt = self._complete({**dims, **cand})
                if pt is None:
                    continue
                key = frozenset(pt.items())
                if key in seen:
                    continue
                seen.add(key)
                yield pt
                count += 1
                if count >= limit:
                    return

    def random_points(self, count: int, tries: int = 4000, wide: bool = False
                      ) -> Iterator[Point]:
        """Random points that satisfy every assumption (rejection sampling); `wide`: see
        `random_value`."""
        made = 0
        dim_options = self.dim_choices()
        for _ in range(tries):
            budget.check()
            dims = self._integers(self.rng.choice(dim_options))
            if dims is None:
                continue
            variables = self._variables(dims)
            if not variables and not dims:
                count = 1  # nothing to vary: one point says it all
            cand = {v: random_value(self.kind(v), self.rng, wide) for v in variables}
            pt = self._complete({**dims, **cand})
            if pt is None:
                continue
            yield pt
            made += 1
            if made >= count:
                return


def _pieces(e: sp.Basic) -> list[sp.Basic]:
    """The expressions inside a statement: the sides of relations, the matrix of PSD,
    the function of Convex."""
    from .forms import PSD, Convex

    if isinstance(e, sp.Rel):
        return [e.lhs, e.rhs]
    if isinstance(e, PSD):
        return [e.matrix]
    if isinstance(e, Convex):
        return [e.expr]
    if isinstance(e, (sp.And, sp.Or, sp.Not, sp.Implies, sp.Equivalent)):
        return [p for a in e.args for p in _pieces(a)]
    return [e]


def _index_range(sym: sp.Symbol, dims: Point) -> list[sp.Expr]:
    """Candidate values of an integer variable that is not a dimension."""
    top = max([int(v) for v in dims.values()] + [3])
    vals = [sp.Integer(k) for k in range(1 if sym.is_positive else 0, top + 1)]
    return vals if sym.is_nonnegative else vals + [sp.Integer(-1)]


_FITS = {
    "positive": lambda v: v.is_positive, "negative": lambda v: v.is_negative,
    "nonnegative": lambda v: v.is_nonnegative, "nonpositive": lambda v: v.is_nonpositive,
    "nonzero": lambda v: v.is_real and v.is_nonzero, "real": lambda v: v.is_real,
    "posint": lambda v: v.is_integer and v.is_positive,
    "natint": lambda v: v.is_integer and v.is_nonnegative, "int": lambda v: v.is_integer,
    "complex": lambda v: True,
}
"""Whether a number lies in each kind of domain (`kind_of`)."""


_RATIONAL_FITS = {
    "positive": lambda p, q: p > 0, "negative": lambda p, q: p < 0,
    "nonnegative": lambda p, q: p >= 0, "nonpositive": lambda p, q: p <= 0,
    "nonzero": lambda p, q: p != 0, "real": lambda p, q: True,
    "posint": lambda p, q: q == 1 and p > 0, "natint": lambda p, q: q == 1 and p >= 0,
    "int": lambda p, q: q == 1, "complex": lambda p, q: True,
}
"""`_FITS` for an exact rational p/q (q > 0), read off p and q: sympy's assumption system
takes tens of microseconds for each new number, and a point at n = 87 has 175."""


def _fits(var: sp.Basic, val: sp.Expr, kind: str | None = None) -> bool:
    """Does the value respect the variable's own assumptions (`kind`: its kind_of)?"""
    if not val.is_number:
        return False
    kind = kind_of(var) if kind is None else kind
    if val.is_Rational:
        return _RATIONAL_FITS[kind](int(val.p), int(val.q))
    return bool(_FITS[kind](val))
