"""Limits: `Eq(Limit(f, x, x0, dir), L)` (either side) with symbolic real parameters.

Every limit is first moved to `t → +∞` (x = t, x = -t, x = x0 ± 1/t). The limit
algebra then computes the value from the limits of the pieces, each rule a theorem of
real analysis (sum, product and quotient rules in the extended reals, continuity of
exp, log and powers, `b^t → 0` for 0 < b < 1), with three rewrites for indeterminate
forms: factoring out the dominant term of a sum (`log(e^{λa} + e^{λb}) = λa +
log(1 + e^{λ(b-a)})` when a > b), distributing a product over a sum, and L'Hôpital's
rule (its hypotheses checked). Where the value depends on the sign of a parameter
expression, the algebra stops and names it; `cases_on_sign` then splits on it (> 0,
= 0, < 0), each case built into the variables (`proofs.cases`). Orderings in `given`
are built in the same way first. `sympy.limit` is only ever a candidate, accepted when
an independent series expansion at 0 of `f(1/s)` gives the same constant term.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

import sympy as sp

from .. import budget
from ..cases import embody_order, fresh, new_variable_step, solve_into
from ..hints import Squeeze
from ..positivity import known_sign, sign_reason
from ..search import Decline, Goal, solve, sub_steps, tactic
from ..verdict import Proof, Step, case, note, rel
from .inequality import split_max_min

_INF = (sp.oo, -sp.oo)
_MAX_REWRITES = 14
_MAX_HOSPITAL = 3


class NeedSign(Decline):
    """The value of the limit depends on the sign of `expr` (free of the limit variable)."""

    def __init__(self, expr: sp.Expr) -> None:
        self.expr = expr
        super().__init__(f"the limit depends on the sign of {sp.sstr(expr)}")


class _Stuck(Exception):
    """An indeterminate form that no rewrite resolved."""


# ----------------------------------------------------------------------------------
# reading the goal


@dataclass(frozen=True)
class LimitGoal:
    """`Limit(f, x, x0, direction) = value`, whichever side the limit was written on."""

    limit: sp.Limit
    value: sp.Expr

    @property
    def f(self) -> sp.Expr:
        return self.limit.args[0]

    @property
    def x(self) -> sp.Symbol:
        return self.limit.args[1]

    @property
    def x0(self) -> sp.Expr:
        return self.limit.args[2]

    @property
    def direction(self) -> str:
        return str(self.limit.args[3])


def read_goal(statement: sp.Basic, sums_ok: bool = False) -> LimitGoal:
    """The limit and the claimed value of an equation with a Limit on one side (a sum in
    the function is allowed only where bounds, not the function itself, are computed)."""
    if not isinstance(statement, sp.Eq):
        raise Decline("only equations `Limit(...) = value` are handled")
    lhs, rhs = statement.lhs, statement.rhs
    if isinstance(rhs, sp.Limit) and not isinstance(lhs, sp.Limit):
        lhs, rhs = rhs, lhs
    if not isinstance(lhs, sp.Limit) or rhs.has(sp.Limit):
        raise Decline("not of the form Limit(f, x, x0) = value")
    lg = LimitGoal(lhs, rhs)
    if lg.x in rhs.free_symbols:
        raise Decline("the claimed value depends on the limit variable")
    if lg.f.has(sp.Limit, sp.Derivative, sp.Integral) or (lg.f.has(sp.Sum) and not sums_ok):
        raise Decline("the function holds an unevaluated operation")
    if lg.x0.free_symbols and lg.x0 not in _INF:
        for s in lg.x0.free_symbols:
            if not s.is_real:
                raise Decline("the limit point is not known to be real")
    params = (lg.f.free_symbols | rhs.free_symbols | lg.x0.free_symbols) - {lg.x}
    for s in params:
        if not s.is_real:
            raise Decline(f"the parameter {s} is not declared real")
    return lg


def _dummy_like(x: sp.Symbol) -> sp.Dummy:
    return sp.Dummy(str(x) if str(x) != "t" else "t", positive=True)


def _positive_symbol(name: str, taken: set[sp.Basic]) -> sp.Symbol:
    """A positive symbol printed as `name`, distinct from every symbol in `taken`."""
    sym = sp.Symbol(name, positive=True)
    if sym in taken or any(str(s) == name and s.is_positive for s in taken):
        return sp.Dummy(name, positive=True)
    return sym


def sides(lg: LimitGoal) -> list[tuple[sp.Expr, sp.Dummy, Step | None]]:
    """The function at t → +∞ for each side of the limit, with the substitution made."""
    x, x0, d = lg.x, lg.x0, lg.direction
    taken = lg.f.free_symbols | lg.value.free_symbols
    t = _positive_symbol("t", taken)
    if x0 is sp.oo:
        if x.is_positive:
            return [(lg.f, x, None)]
        t = _positive_symbol(str(x), taken)  # prints as x; only large x matter
        subs = [(t, None)]
    elif x0 is -sp.oo:
        subs = [(-t, "reflect: {0} \u2192 +\u221e")]
    else:
        subs = []
        if d in ("+", "+-"):
            subs.append((x0 + 1 / t, "from the right: {0} \u2192 +\u221e"))
        if d in ("-", "+-"):
            subs.append((x0 - 1 / t, "from the left: {0} \u2192 +\u221e"))
    out = []
    for value, why in subs:
        # the variable's own assumptions must hold along the way
        for name in ("positive", "negative", "nonnegative", "nonpositive"):
            if getattr(x, f"is_{name}"):
                probe = value if name in ("positive", "nonnegative") else -value
                if not sign_reason(probe, name in ("positive", "negative")):
                    raise Decline(f"{x} is {name}, which the limit direction does not respect")
        if x.is_integer:
            raise Decline("limits of sequences over integers are not handled")
        g = lg.f.xreplace({x: value})
        step = None if why is None else rel(x, "=", value, why, (t,))
        out.append((g, t, step))
    return out


# ----------------------------------------------------------------------------------
# the limit algebra at t → +∞


def tidy(e: sp.Expr) -> sp.Expr:
    """exp(u)·exp(v) as exp(u + v) with the exponents expanded, and p^u·q^(-u) as
    (p/q)^u for positive constant bases p, q (identities)."""
    def expand_exps(u: sp.Expr) -> sp.Expr:
        return u.replace(lambda w: isinstance(w, sp.exp), lambda w: sp.exp(sp.expand(w.args[0])))
    out = expand_exps(sp.powsimp(expand_exps(e), combine="exp"))
    return out.replace(lambda w: w.is_Mul, _common_exponent)


def _common_exponent(e: sp.Mul) -> sp.Expr:
    """Powers of positive constants with exponents c·u (c a number) gathered as one power."""
    groups: dict[sp.Expr, list[tuple[sp.Expr, sp.Expr]]] = {}
    rest = []
    for f in e.args:
        if f.is_Pow and f.base.is_positive and not f.exp.is_number and not f.base.is_number:
            c, core = f.exp.as_coeff_Mul()
            groups.setdefault(core, []).append((f.base, c))
        else:
            rest.append(f)
    if all(len(v) < 2 for v in groups.values()):
        return e
    for core, items in groups.items():
        base = sp.Mul(*[b ** c for b, c in items])
        rest.append(sp.Pow(base, core))
    return sp.Mul(*rest)


@dataclass
class Algebra:
    """Limits at t → +∞ from the limits of the pieces; records the rewrites it makes."""

    t: sp.Dummy
    steps: list[Step] = field(default_factory=list)
    facts: list[str] = field(default_factory=list)
    rewrites: int = 0
    hospital: int = 0
    signs: dict[sp.Expr, int] = field(default_factory=dict)

    # signs -----------------------------------------------------------------------
    def sign_of(self, v: sp.Expr) -> int:
        """Sign of a finite value free of t; NeedSign when the assumptions do not fix it."""
        if v == 0 or known_sign(v) == 0:
            return 0
        if v in self.signs:
            return self.signs[v]
        for w in (v, sp.together(v), sp.factor(v)):
            if sign_reason(w, True):
                self.signs[v] = 1
                return 1
            if sign_reason(-w, True):
                self.signs[v] = -1
                return -1
        if sp.expand(v) == 0:
            return 0
        raise NeedSign(v)

    def eventually_positive(self, e: sp.Expr) -> bool:
        """e > 0 for every t > 0, or for every t > 1 (so for all large t)."""
        if any(sign_reason(w, True) for w in (e, sp.together(e))):
            return True
        u = sp.Dummy("u", positive=True)
        return bool(sign_reason(sp.expand_log(e.xreplace({self.t: 1 + u}), force=False), True))

    def _fact(self, text: str) -> None:
        if text not in self.facts:
            self.facts.append(text)

    # entry -----------------------------------------------------------------------
    def value(self, e: sp.Expr) -> sp.Expr:
        budget.check()
        return self.lim(self.prepare(tidy(e)))

    # the dominant term -------------------------------------------------------------
    def dominant(self, s: sp.Add, signed: bool = False) -> tuple[sp.Expr, sp.Expr] | None:
        """A term T of the sum s such that every term divided by T has a finite limit,
        with T > 0 (or, when `signed`, T < 0 allowed); returns (T, s/T term by term)."""
        t = self.t
        try:  # a finite, non-zero limit needs no factoring
            v = self.lim(s)
            if v not in _INF and self.sign_of(v) != 0:
                return None
        except (_Stuck, Decline):
            pass
        terms = list(s.args)
        first_need: NeedSign | None = None
        for k, big in enumerate(terms):
            if not (self.eventually_positive(big)
                    or (signed and self.eventually_positive(-big))):
                continue
            ratios = [tidy(other / big) for i, other in enumerate(terms) if i != k]
            mark = len(self.steps), len(self.facts)
            try:
                vals = [self.value(r) for r in ratios]
            except NeedSign as need:
                first_need = first_need or need
                continue
            except (_Stuck, Decline):
                continue
            finally:  # the side computations are not part of the proof's text
                del self.steps[mark[0]:]
                del self.facts[mark[1]:]
            if any(v in _INF for v in vals):
                continue
            if t not in big.free_symbols:
                return None  # a constant term dominates: the sum has a finite limit
            rest = sp.Add(sp.Integer(1), *ratios)
            return big, rest
        if first_need is not None:
            raise first_need
        return None

    def prepare(self, e: sp.Expr) -> sp.Expr:
        """Bottom-up: a sum under log or in a denominator has its dominant term factored out."""
        t = self.t
        if t not in e.free_symbols or not e.args:
            return e
        new = e.func(*[self.prepare(a) for a in e.args])
        if isinstance(new, sp.log) and new.args[0].is_Mul:
            out = sp.expand_log(new, force=False)
            if out != new:
                self.steps.append(rel(new, "=", out, "the log of a product of positive factors"))
                return self.prepare(out)
        if isinstance(new, sp.log) and new.args[0].is_Add:
            s = new.args[0]
            dom = self.dominant(s)
            if dom is not None:
                big, rest = dom
                if self.eventually_positive(rest):
                    out = sp.expand_log(sp.log(big), force=False) + sp.log(rest)
                    self.steps.append(rel(new, "=", out, f"factor out the dominant term "
                                          f"${sp.latex(big)}$ (the other terms divided by it "
                                          "have finite limits)"))
                    return out
        if new.is_Pow and new.base.is_Add and new.exp.is_number and new.exp.is_negative:
            dom = self.dominant(new.base)
            if dom is not None and (new.exp.is_integer or self.eventually_positive(dom[1])):
                big, rest = dom
                out = big ** new.exp * rest ** new.exp
                self.steps.append(rel(new, "=", out, f"divide by the dominant term "
                                      f"${sp.latex(big)}$ of the denominator"))
                return out
        if new.is_Mul:
            new = tidy(new)
        return new

    # the rules ----------------------------------------------------------------------
    def lim(self, e: sp.Expr) -> sp.Expr:
        budget.check()
        t = self.t
        if t not in e.free_symbols:
            return e
        if e == t:
            return sp.oo
        if e.is_Add:
            return self._add(e)
        if e.is_Mul:
            return self._mul(e)
        if e.is_Pow:
            return self._pow(e)
        if isinstance(e, sp.exp):
            u = self.lim(e.args[0])
            if u is sp.oo:
                self._fact(f"${sp.latex(e)} \\to \\infty$")
                return sp.oo
            if u is -sp.oo:
                self._fact(f"${sp.latex(e)} \\to 0$ (its exponent tends to $-\\infty$)")
                return sp.Integer(0)
            return sp.exp(u)
        if isinstance(e, sp.log):
            u = self.lim(e.args[0])
            if u is sp.oo:
                return sp.oo
            if u is -sp.oo:
                raise Decline("log of a quantity tending to -oo")
            if self.sign_of(u) > 0:
                return sp.log(u)
            if self.sign_of(u) == 0 and self.eventually_positive(e.args[0]):
                return -sp.oo
            raise Decline("log of a quantity that is not positive")
        if isinstance(e, (sp.atan, sp.tanh)):
            u = self.lim(e.args[0])
            if u in _INF:
                sgn = 1 if u is sp.oo else -1
                return sgn * (sp.pi / 2 if isinstance(e, sp.atan) else sp.Integer(1))
            return e.func(u)
        if isinstance(e, (sp.sin, sp.cos)):
            u = self.lim(e.args[0])
            if u in _INF:
                raise _Stuck()
            return e.func(u)
        raise Decline(f"no limit rule for {type(e).__name__}")

    def _add(self, e: sp.Add) -> sp.Expr:
        if e.is_polynomial(self.t):
            # a polynomial in t: its leading coefficient decides
            poly = sp.Poly(sp.expand(e), self.t)
            if poly.degree() <= 0:
                return poly.as_expr()
            lead = sp.factor(poly.LC())
            return sp.oo if self.sign_of(lead) > 0 else -sp.oo
        vals = [self.lim(a) for a in e.args]
        up, down = sp.oo in vals, -sp.oo in vals
        if up and down:
            return self._rewrite_difference(e)
        if up:
            return sp.oo
        if down:
            return -sp.oo
        return sp.Add(*vals)

    def _rewrite_difference(self, e: sp.Add) -> sp.Expr:
        self._count()
        dom = self.dominant(e, signed=True)
        if dom is None:
            raise _Stuck()
        big, rest = dom
        self.steps.append(rel(e, "=", sp.Mul(big, rest, evaluate=False),
                              f"∞ − ∞: factor out the dominant term ${sp.latex(big)}$"))
        vb, vr = self.lim(big), self.lim(self.prepare(rest))
        if vr == 0 or vr in _INF:
            return self._mul_values(big * rest, [vb, vr], [big, rest])
        return self._times(vb, vr)

    def _times(self, u: sp.Expr, v: sp.Expr) -> sp.Expr:
        if u in _INF or v in _INF:
            s = (1 if u is sp.oo else -1 if u is -sp.oo else self.sign_of(u)) * (
                1 if v is sp.oo else -1 if v is -sp.oo else self.sign_of(v))
            if s == 0:
                raise _Stuck()
            return sp.oo if s > 0 else -sp.oo
        return u * v

    def _mul(self, e: sp.Mul) -> sp.Expr:
        try:
            vals = [self.lim(a) for a in e.args]
            return self._mul_values(e, vals, list(e.args))
        except (_Stuck, NeedSign) as first:
            expanded = sp.expand_mul(e)
            if expanded != e and self.rewrites < _MAX_REWRITES:
                self._count()
                mark = len(self.steps), len(self.facts)
                try:
                    v = self.lim(self.prepare(expanded))
                except (_Stuck, NeedSign):
                    del self.steps[mark[0]:]
                    del self.facts[mark[1]:]
                    raise first from None
                self.steps.append(rel(e, "=", expanded, "distribute the product"))
                return v
            raise

    def _mul_values(self, e: sp.Expr, vals: list[sp.Expr], factors: list[sp.Expr]) -> sp.Expr:
        zeros = [f for f, v in zip(factors, vals, strict=True) if v == 0]
        infs = [f for f, v in zip(factors, vals, strict=True) if v in _INF]
        if zeros and infs:
            rest = [f for f, v in zip(factors, vals, strict=True) if v != 0 and v not in _INF]
            return self._hospital(sp.Mul(*zeros), sp.Mul(*infs), sp.Mul(*rest))
        out = sp.Integer(1)
        for v in vals:
            out = self._times(out, v)
        return out

    def _hospital(self, zero: sp.Expr, inf: sp.Expr, rest: sp.Expr) -> sp.Expr:
        """0·∞ as a quotient, then L'Hôpital's rule with its hypotheses checked."""
        if self.hospital >= _MAX_HOSPITAL:
            raise _Stuck()
        t = self.t
        c = self.lim(rest)
        options = []
        for num, den, form in ((inf, 1 / zero, "∞/∞"), (zero, 1 / inf, "0/0")):
            num, den = tidy(num), tidy(den)
            dden = tidy(sp.diff(den, t))
            ratio = sp.cancel(tidy(sp.diff(num, t) / dden))
            options.append((sp.count_ops(ratio), form, num, den, dden, ratio))
        options.sort(key=lambda o: o[0])  # the simpler quotient of derivatives first
        need: NeedSign | None = None
        spent = self.rewrites
        for _, form, num, den, dden, ratio in options:
            budget.check()
            try:
                dv = self.lim(den)
            except (_Stuck, Decline):
                continue
            if form == "∞/∞" and dv not in _INF:
                continue
            if form == "0/0" and dv != 0:
                continue
            if not (self.eventually_positive(dden) or self.eventually_positive(-dden)):
                continue
            self.hospital += 1
            mark = len(self.steps), len(self.facts)
            try:
                v = self.value(ratio)
            except (_Stuck, NeedSign) as why:
                del self.steps[mark[0]:]
                del self.facts[mark[1]:]
                if isinstance(why, NeedSign):
                    need = need or why
                continue
            finally:
                self.hospital -= 1
            self.steps.append(rel(sp.Mul(num, 1 / den, evaluate=False), "→", v,
                                  f"L'Hôpital's rule ({form}; the derivative of the "
                                  f"denominator keeps one sign): the quotient of the "
                                  f"derivatives is ${sp.latex(ratio)}$"))
            return self._times(c, v)
        self.rewrites = spent  # the failed attempts above do not count
        self.hospital += 1
        try:
            return self._times(c, self._through_log(zero * inf))
        except _Stuck:
            if need is not None:
                raise need from None
            raise
        finally:
            self.hospital -= 1

    def _through_log(self, e: sp.Expr) -> sp.Expr:
        """A product of positive factors as exp of the sum of their logs."""
        factors = sp.Mul.make_args(e)
        if not all(self.eventually_positive(f) for f in factors):
            raise _Stuck()
        self._count()
        exponent = sp.Add(*[sp.expand_log(sp.log(f), force=False) for f in factors])
        if any(isinstance(w, sp.log) and w.args[0] in factors for w in sp.Add.make_args(exponent)
               if len(factors) > 1):
            raise _Stuck()  # the logs did not come apart
        mark = len(self.steps), len(self.facts)
        try:
            u = self.lim(self.prepare(exponent))
        except _Stuck:
            del self.steps[mark[0]:]
            del self.facts[mark[1]:]
            raise
        self.steps.insert(mark[0], rel(e, "=", sp.exp(exponent),
                                       "a product of positive factors as exp of a sum of logs"))
        if u is sp.oo:
            return sp.oo
        if u is -sp.oo:
            return sp.Integer(0)
        return sp.exp(u)

    def _pow(self, e: sp.Pow) -> sp.Expr:
        t = self.t
        base, ex = e.args
        if t not in ex.free_symbols:
            b = self.lim(base)
            if b in _INF:
                s = self.sign_of(ex)
                if b is sp.oo:
                    return sp.oo if s > 0 else sp.Integer(0)
                if ex.is_integer:
                    if s < 0:
                        return sp.Integer(0)
                    return sp.oo if ex.is_even else -sp.oo
                raise Decline("a non-integer power of a quantity tending to -oo")
            if self.sign_of(b) != 0:
                if ex.is_integer or self.sign_of(b) > 0:
                    return b ** ex
                raise Decline("a non-integer power of a negative limit")
            s = self.sign_of(ex)
            if s > 0:
                return sp.Integer(0)
            if self.eventually_positive(base) or (ex.is_integer and ex.is_even):
                return sp.oo
            if ex.is_integer and self.eventually_positive(-base):
                return -sp.oo
            raise Decline("1/0 with a denominator of unknown sign")
        if t not in base.free_symbols:
            if self.sign_of(base) <= 0:
                raise Decline("a variable power of a base that is not positive")
            u = self.lim(ex)
            if u not in _INF:
                return base ** u
            s = self.sign_of(sp.together(base - 1))
            if s == 0:
                return sp.Integer(1)
            self._fact(f"${sp.latex(e)}$: the base is {'above' if s > 0 else 'below'} 1")
            return sp.oo if (s > 0) == (u is sp.oo) else sp.Integer(0)
        if not self.eventually_positive(base):
            raise Decline("a variable power of a base not known to be positive")
        self._count()
        as_exp = sp.exp(ex * sp.log(base))
        self.steps.append(rel(e, "=", as_exp, "a power with a positive base, written with exp"))
        return self.lim(self.prepare(as_exp))

    def _count(self) -> None:
        self.rewrites += 1
        if self.rewrites > _MAX_REWRITES:
            raise _Stuck()


# ----------------------------------------------------------------------------------
# tactics


def _same(goal: Goal, value: sp.Expr, claimed: sp.Expr) -> Proof | None:
    """The computed value equals the claimed one (an identity subgoal)."""
    if value == claimed or (value not in _INF and sp.expand(value - claimed) == 0):
        return Proof("equal", ())
    if value in _INF or claimed in _INF:
        return None
    return solve(goal.sub(sp.Eq(value, claimed, evaluate=False)))


_cache: dict[sp.Basic, tuple] = {}


def _analyse(goal: Goal) -> tuple[LimitGoal, list[tuple[sp.Expr, Algebra, Step | None, sp.Expr]]]:
    """Each side's value by the limit algebra (cached: two tactics ask for it)."""
    key = goal.statement
    if key in _cache:
        kind, payload = _cache[key]
        if kind == "error":
            raise payload
        return payload
    try:
        lg = read_goal(goal.statement)
        results = []
        for g, t, step in sides(lg):
            alg = Algebra(t)
            try:
                v = alg.value(g)
            except _Stuck:
                raise Decline("an indeterminate form that no rewrite resolved") from None
            if v in _INF and v != lg.value:
                raise Decline(f"the function tends to {v}, the claim says otherwise")
            results.append((g, alg, step, v))
        out = (lg, results)
    except Decline as why:
        if len(_cache) > 256:
            _cache.clear()
        _cache[key] = ("error", why)
        raise
    if len(_cache) > 256:
        _cache.clear()
    _cache[key] = ("ok", out)
    return out


def _vacuous(goal: Goal) -> bool:
    return any(g is sp.false or g is False for g in goal.given)


def _prove_bounds(goal: Goal, lo: sp.Expr, f: sp.Expr, hi: sp.Expr) -> list[tuple[str, Proof]]:
    """Proofs of lo <= f and f <= hi, or Decline naming the bound that failed."""
    out = []
    for small, big, what in ((lo, f, "lower"), (f, hi, "upper")):
        sub = solve(goal.sub(sp.Le(small, big, evaluate=False)))
        if sub is None:
            raise Decline(f"the {what} bound {sp.sstr(small)} <= {sp.sstr(big)} was not proved")
        out.append((what, sub))
    return out


@tactic("limit", cost=1)
def squeeze(goal: Goal) -> Proof | None:
    """A `Squeeze(lower, upper)` hint: prove lower <= f <= upper near the limit point and
    that lower and upper both tend to the claimed value."""
    hints = [h for h in goal.hints if isinstance(h, Squeeze)]
    if not hints:
        raise Decline("no squeeze bounds among the hints")
    lg = read_goal(goal.statement, sums_ok=True)
    x, x0, d = lg.x, lg.x0, lg.direction
    if d == "+-" and x0 not in _INF:
        raise Decline("a two-sided limit: give each side its own claim")
    plain = replace(goal, hints=())
    for h in hints:
        if x not in (h.lower.free_symbols | h.upper.free_symbols) | lg.f.free_symbols:
            continue
        if (h.lower.free_symbols | h.upper.free_symbols) - {x} - goal.statement.free_symbols:
            continue  # written for the claim before a change of variables: not this goal
        if x0 is sp.oo and x.is_positive:
            near, where = x, None
        else:
            u = sp.Dummy("u", positive=True)
            near = {sp.oo: u, -sp.oo: -u}.get(x0, x0 + u if d == "+" else x0 - u)
            where = sp.Eq(x, near, evaluate=False)
        lo, f, hi = (e.xreplace({x: near}) for e in (h.lower, lg.f, h.upper))
        steps: list[Step] = []
        if where is not None:
            steps.append(note("write {0} with {1}", (where, sp.Gt(u, 0))))
        # a hint is a suggestion: bounds not shown in 3/4 of the time left are dropped
        # (a share, not a fixed number of seconds, so that a loaded machine finds the
        # same proof)
        bounds = budget.within(0.75 * budget.remaining(), _prove_bounds,
                         plain, lo, f, hi)
        if bounds is None:
            raise Decline("the squeeze bounds were not proved in time")
        for what, sub in bounds:
            steps.append(rel(*((lo, "<=", f) if what == "lower" else (f, "<=", hi)),
                             f"the {what} bound ({sub.method})"))
            steps.extend(sub_steps(sub.steps))
        methods = [sub.method for _, sub in bounds]
        for bound, what in ((h.lower, "lower"), (h.upper, "upper")):
            stmt = sp.Eq(sp.Limit(bound, x, x0, d), lg.value, evaluate=False)
            sub = solve(plain.sub(stmt))
            if sub is None:
                raise Decline(f"the limit of the {what} bound was not shown to be "
                              f"{sp.sstr(lg.value)}")
            steps.append(rel(sp.Limit(bound, x, x0, d), "=", lg.value,
                             f"limit of the {what} bound"))
            steps.extend(sub_steps(sub.steps))
        steps.append(rel(lg.limit, "=", lg.value, "squeeze: both bounds tend to the same value"))
        return Proof("squeeze (bounds: " + "; ".join(dict.fromkeys(methods)) + ")",
                     tuple(steps))
    raise Decline("the squeeze hints do not mention the limit variable")


@tactic("limit", cost=1)
def orderings_into_variables(goal: Goal) -> Proof | None:
    """Orderings and equalities of `given` built into the variables (a ≥ b as a = b + δ)."""
    if not goal.given:
        raise Decline("no assumptions to build in")
    if _vacuous(goal):
        return Proof("the case cannot occur", (note("the assumptions exclude this case"),))
    lg = read_goal(goal.statement)
    stmt, pending, kept = goal.statement, list(goal.given), []
    steps: list[Step] = []
    rounds = 0
    while pending:
        budget.check()
        rounds += 1
        if rounds > 2 * len(goal.given) + 2:  # a sign assumption kept making a new order
            raise Decline("the orderings keep turning into new ones")
        g = pending.pop(0)
        if g is sp.true:
            continue
        if g is sp.false:
            return Proof("the case cannot occur", (note("the assumptions exclude this case"),))
        made = None
        if isinstance(g, (sp.Gt, sp.Ge, sp.Lt, sp.Le)):
            strict = isinstance(g, (sp.Gt, sp.Lt))
            big, small = (g.lhs, g.rhs) if isinstance(g, (sp.Gt, sp.Ge)) else (g.rhs, g.lhs)
            if sign_reason(big - small, strict):
                continue  # already implied by the symbols' assumptions
            if lg.x in (big - small).free_symbols:
                kept.append(g)
                continue
            made = embody_order(stmt, tuple(pending), big, small, strict)
        elif isinstance(g, sp.Eq) and lg.x not in g.free_symbols:
            made = _embody_equality(stmt, tuple(pending), g)
        if made is None:
            kept.append(g)
            continue
        stmt, rest, (var, val) = made
        pending = list(rest)
        kept = [k.xreplace({var: val}) for k in kept]
        steps.append(rel(var, "=", val, "build {0} into the variables", (g,)))
    if not steps:
        raise Decline("no ordering could be built into the variables")
    sub = solve(goal.sub(stmt, tuple(kept)))
    if sub is None:
        raise Decline("the limit with the orderings built in was not shown")
    return Proof(sub.method, tuple(steps) + sub_steps(sub.steps))


def _embody_equality(statement: sp.Basic, given: tuple[sp.Basic, ...], eq: sp.Eq
                     ) -> tuple[sp.Basic, tuple[sp.Basic, ...], tuple[sp.Symbol, sp.Expr]] | None:
    """`statement` with eq solved for one of its variables (linear, non-zero coefficient)."""
    return solve_into(statement, given, sp.expand(eq.lhs - eq.rhs), sp.Integer(0))


@tactic("limit", cost=2)
def limit_of_pieces(goal: Goal) -> Proof | None:
    """The limit algebra: the value from the limits of the pieces, then value = claim."""
    if _vacuous(goal):
        return Proof("the case cannot occur", (note("the assumptions exclude this case"),))
    lg, results = _analyse(goal)
    steps: list[Step] = []
    methods = ["limit of the pieces"]
    for g, alg, step, v in results:
        if step is not None:
            steps.append(step)
        for s_ in alg.steps:
            if s_ not in steps:
                steps.append(s_)
        if any("L'Hôpital" in s.why for s in alg.steps):
            methods.append("L'Hôpital")
        if any("dominant" in s.why for s in alg.steps):
            methods.append("dominant term")
        why = "limits of the pieces" + (": " + "; ".join(alg.facts[:4]) if alg.facts else "")
        steps.append(rel(sp.Limit(g, alg.t, sp.oo), "=", v, why))
    v0 = results[0][3]
    for _, _, _, v in results[1:]:
        if v != v0 and (v in _INF or v0 in _INF or sp.expand(v - v0) != 0):
            raise Decline("the one-sided limits differ")
    same = _same(goal, v0, lg.value)
    if same is None:
        raise Decline(f"the limit is {sp.sstr(v0)}, not shown equal to {sp.sstr(lg.value)}")
    steps.extend(sub_steps(same.steps))
    steps.append(rel(lg.limit, "=", lg.value, "so the claimed value"))
    return Proof(", ".join(dict.fromkeys(methods)), tuple(steps))


def _sign_cases(goal: Goal, expr: sp.Expr
                ) -> list[tuple[sp.Basic, sp.Basic, tuple[sp.Basic, ...], tuple | None]]:
    """The three cases expr > 0, expr = 0, expr < 0, each built into the variables."""
    out = []
    st, given = goal.statement, goal.given
    for cond, made in (
        (sp.Gt(expr, 0), solve_into(st, given, sp.expand(expr), fresh(True))),
        (sp.Eq(expr, 0), solve_into(st, given, sp.expand(expr), sp.Integer(0))),
        (sp.Lt(expr, 0), solve_into(st, given, sp.expand(expr), -fresh(True))),
    ):
        if cond is sp.false:
            continue
        if made is None:
            raise Decline(f"cannot build the sign of {sp.sstr(expr)} into the variables")
        stmt, given, sub = made
        out.append((cond, stmt, given, sub))
    return out


def _sign_core(expr: sp.Expr) -> sp.Expr:
    """The factors of `expr` whose sign is not known (the others only scale or flip the
    sign): -δ/(δ + ε) with ε > 0 becomes δ. Any expression splits the cases completely;
    a simpler one is more often linear, so that the cases can be built in."""
    f = sp.factor(sp.together(expr))
    if not f.is_Mul:
        return expr
    keep = []
    for factor in f.args:
        if factor.is_number or sign_reason(factor, True) or sign_reason(-factor, True):
            continue
        keep.append(factor)
    return sp.Mul(*keep) if keep else expr


@tactic("limit", cost=3)
def cases_on_sign(goal: Goal) -> Proof | None:
    """Split on the sign of the parameter expression the limit algebra could not settle."""
    try:
        _analyse(goal)
    except NeedSign as need:
        expr = need.expr
    else:
        raise Decline("the limit does not depend on an unknown sign")
    if _vacuous(goal):
        raise Decline("vacuous case")
    expr = _sign_core(expr)
    steps: list[Step] = []
    methods = []
    for cond, stmt, given, sub_ in _sign_cases(goal, expr):
        budget.check()
        if any(g is sp.false for g in given):
            steps.append(case(cond, "excluded by the assumptions"))
            continue
        proof = solve(goal.sub(stmt, given))
        if proof is None:
            raise Decline(f"the case {sp.sstr(cond)} was not shown")
        steps.append(case(cond))
        var, val = sub_
        steps.append(new_variable_step(var, val).nested())
        steps.extend(sub_steps(proof.steps))
        methods.append(proof.method)
    return Proof(f"cases on the sign of ${sp.latex(expr)}$ (> 0, = 0, < 0), each by "
                 + "; ".join(dict.fromkeys(methods)), tuple(steps))


@tactic("limit", cost=5)
def cases_on_max_min(goal: Goal) -> Proof | None:
    """Max/Min of the parameters (in the claimed value, say): split on which is largest."""
    lg = read_goal(goal.statement)
    atoms = sorted(goal.statement.atoms(sp.Max, sp.Min),
                   key=lambda e: (sp.count_ops(e), sp.default_sort_key(e)))
    if not atoms:
        raise Decline("no Max or Min")
    if lg.x in atoms[0].free_symbols:
        raise Decline("the Max/Min involves the limit variable")
    return split_max_min(goal)


@tactic("limit", cost=6)
def candidate_checked_by_series(goal: Goal) -> Proof | None:
    """sympy.limit proposes a value; a series of f(1/s) at s = 0 (a separate computation)
    must have that value as its constant term, with no negative powers or logs of s."""
    lg = read_goal(goal.statement)
    steps: list[Step] = []
    found = None
    for g, t, step in sides(lg):
        budget.check()
        try:
            cand = sp.limit(g, t, sp.oo)
        except (NotImplementedError, ValueError, TypeError, sp.PoleError) as exc:
            raise Decline(f"sympy.limit gave no candidate ({type(exc).__name__})") from None
        if cand.has(sp.Limit, sp.AccumBounds) or cand in _INF or t in cand.free_symbols:
            raise Decline("sympy.limit gave no finite candidate")
        s = sp.Dummy("s", positive=True)
        h = g.xreplace({t: 1 / s})
        try:
            ser = sp.series(h, s, 0, 2)
        except (NotImplementedError, ValueError, TypeError, sp.PoleError) as exc:
            raise Decline(f"no series of f(1/s) at 0 ({type(exc).__name__})") from None
        poly = ser.removeO()
        if ser.getO() is None or not poly.is_polynomial(s):
            raise Decline("the series of f(1/s) at 0 is not a power series")
        c0 = poly.subs(s, 0)
        if sp.simplify(c0 - cand) != 0:
            raise Decline("the series and sympy.limit disagree")
        if found is not None and sp.simplify(found - cand) != 0:
            raise Decline("the one-sided limits differ")
        found = cand
        if step is not None:
            steps.append(step)
        steps.append(rel(h, "=", poly, "series in s = 1/t at s = 0 (constant term, then "
                         "non-negative powers of s)"))
        steps.append(rel(sp.Limit(g, t, sp.oo), "=", cand,
                         "the constant term (sympy.limit's candidate agrees)"))
    assert found is not None
    same = _same(goal, found, lg.value)
    if same is None:
        raise Decline(f"the limit is {sp.sstr(found)}, not shown equal to the claim")
    steps.extend(sub_steps(same.steps))
    return Proof("series at the limit point (sympy.limit's candidate verified)", tuple(steps))
