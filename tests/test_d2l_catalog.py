"""The D2L 4.1.5 catalog: verdicts as expected, independent numeric spot checks of the true
claims (float64 and mpmath, at random points), counterexamples re-evaluated.

The verdicts of the whole catalog are computed once (module-scoped fixture, marked
`catalog`) and shared by the tests; the spot checks use only sympy's lambdify, mpmath,
math and numpy, never the engine's numeric code.
"""

from __future__ import annotations

import math
import random

import mpmath
import numpy as np
import pytest
import sympy as sp
from sympy.logic.boolalg import Boolean

import derivations
from derivations.d2l import SHEET
from proofs import PSD, Convex
from proofs.cache import ProofCache
from proofs.float64 import Float64
from proofs.parallel import default_jobs, prove_many

CLAIMS = SHEET.claims()
BUDGET = 20.0
TRUE_CLAIMS = [c for c in CLAIMS if c.expect == "proved"]
REFUTED = [c for c in CLAIMS if c.expect == "refuted"]


# --- the shape of the sheet -------------------------------------------------------------
def test_sheet_shape_and_order():
    assert SHEET.name == "d2l-4.1.5"
    keys = [e.key for e in SHEET.exercises]
    assert keys == ["1.1", "1.2", "2.1", "2.2", "3", "4.1", "4.2", "5.1", "5.2", "5.3", "5.4",
                    "5.5", "5.6", "6.1", "6.2", "6.3", "6.4", "7.1", "7.2", "7.3"]
    assert len(CLAIMS) >= 40 and len({c.name for c in CLAIMS}) == len(CLAIMS)
    for ex in SHEET.exercises:
        assert ex.claims and ex.question and ex.answer
        want = "d2l-4.1.5/ex3" if ex.key == "3" else f"d2l-4.1.5/ex{ex.key}"
        assert ex.source == want
        assert all(c.source == want for c in ex.claims), ex.key
    assert derivations.SHEET_MODULES[0] == "derivations.d2l"
    cat = derivations.catalog()
    assert cat[:len(CLAIMS)] == CLAIMS
    figs = {f.name: ex.key for ex in SHEET.exercises for f in ex.figures}
    assert figs["rsm-gap"] == "5.2" and figs["rsm-lambda"] == "5.4"
    assert figs["log-partition"] == "6.3" and figs["temperature"].startswith("7")


def test_recorded_mistakes_are_there():
    names = {c.name for c in REFUTED}
    assert {"logsumexp_shift_invariant", "positive_diagonal_implies_psd",
            "variance_eq_sq_dev_from_uniform", "cold_limit_uniform",
            "hot_limit_one_hot"} <= names
    assert isinstance(SHEET.exercises[13].claims[-1].statement, PSD)


def test_importable_by_name():
    from derivations.d2l.ex5_realsoftmax import realsoftmax_exceeds_max
    from derivations.d2l.ex6_log_partition import logsumexp_add_const

    assert realsoftmax_exceeds_max.source == "d2l-4.1.5/ex5.1"
    assert logsumexp_add_const in CLAIMS


def test_answers_say_what_the_blog_gets_wrong():
    ans = {e.key: e.answer for e in SHEET.exercises}
    assert r"\operatorname{diag}(p) - p p^T" in ans["1.1"] and "whole matrix" in ans["1.1"]
    assert "one-hot" in ans["1.2"] and r"\operatorname{Cov}(Y)" in ans["1.2"]
    assert "variance" in ans["6.1"] and "not give convexity" in ans["6.1"]
    assert "jointly" in SHEET.exercises[3].title and "$3^n$" in ans["2.2"]
    assert r"$\alpha = 1/2$" in ans["7.1"]


# --- verdicts, once for the whole catalog -------------------------------------------------
@pytest.fixture(scope="module")
def verdicts():
    """Proved in workers as `qedsheet check` proves them, through the session's proof
    cache (so claims the build test already proved in this session are not proved again)."""
    found = prove_many(CLAIMS, BUDGET, default_jobs(), isolate=True, cache=ProofCache.default())
    return {c.name: v for c, v in zip(CLAIMS, found, strict=True)}


@pytest.mark.catalog
@pytest.mark.parametrize("claim", CLAIMS, ids=[c.name for c in CLAIMS])
def test_verdict_as_expected(claim, verdicts):
    v = verdicts[claim.name]
    assert v.seconds <= BUDGET + 1
    assert v.ok, f"{claim.name}: {v.status} ({v.reason})"
    if v.status == "refuted":
        assert v.counterexample


@pytest.mark.catalog
def test_float64_claims_say_how_they_were_settled(verdicts):
    for c in CLAIMS:
        if isinstance(c.statement, Float64) and c.expect == "proved":
            assert "running the float64 computation" in verdicts[c.name].method
        elif verdicts[c.name].status == "proved":
            assert "float64" not in verdicts[c.name].method


# --- independent evaluation ---------------------------------------------------------------
def _random_value(atom, rng):
    if atom.is_positive:
        return sp.Rational(rng.randint(1, 300), 100)
    if atom.is_nonnegative:
        return sp.Rational(rng.randint(0, 300), 100)
    if atom.is_negative:
        return -sp.Rational(rng.randint(1, 300), 100)
    val = sp.Rational(rng.randint(-300, 300), 100)
    return val if val != 0 or not atom.is_nonzero else sp.Rational(1, 7)


def _ints_for(claim, rng):
    syms = sorted((s for s in claim.free_symbols if s.is_integer), key=str)
    for _ in range(200):
        pt = {s: sp.Integer(rng.randint(1, 4)) for s in syms}
        dims = [v for s, v in pt.items() if s.name == "n"]
        top = int(dims[0]) if dims else 4
        pt = {s: (v if s.name == "n" else sp.Integer(rng.randint(1, top))) for s, v in pt.items()}
        ok = all(bool(g.subs(pt)) for g in claim.given if not g.has(sp.Sum, sp.Indexed)
                 and g.free_symbols <= set(pt))
        if ok:
            return pt
    raise AssertionError("no integer point")


def _expand(expr, ints):
    e = expr.subs(ints) if ints else expr
    e = e.replace(lambda z: isinstance(z, sp.Sum), lambda z: z.doit())
    e = e.replace(lambda z: isinstance(z, sp.Derivative), lambda z: z.doit())
    return e


def _expand_stmt(stmt, ints):
    """The statement with integers substituted and sums expanded, kept unevaluated."""
    if isinstance(stmt, sp.Rel):
        return type(stmt)(_expand(stmt.lhs, ints), _expand(stmt.rhs, ints), evaluate=False)
    if isinstance(stmt, sp.And):
        return sp.And(*[_expand_stmt(a, ints) for a in stmt.args], evaluate=False)
    if isinstance(stmt, PSD):
        return PSD(_expand(stmt.matrix, ints))
    return stmt


def _point(claim, rng):
    """A random point meeting every assumption, as (ints, values) with the sums expanded."""
    for _ in range(300):
        ints = _ints_for(claim, rng)
        stmt = claim.statement
        parts = [stmt] if not isinstance(stmt, (PSD, Convex)) else [stmt.args[0]]
        exprs = [_expand_stmt(e, ints) if isinstance(e, Boolean)
                 else _expand(e, ints) for e in parts]
        exprs += [_expand_stmt(g, ints) for g in claim.given]
        atoms = set()
        for e in exprs:
            atoms |= {a for a in e.free_symbols if not a.is_integer}
            atoms |= e.atoms(sp.Indexed)
        if isinstance(stmt, Convex):
            atoms -= set(stmt.variables)
        labels = {ix.base.label for e in exprs for ix in e.atoms(sp.Indexed)}
        atoms = {a for a in atoms if not isinstance(a, sp.IndexedBase) and a not in labels}
        vals = {a: _random_value(a, rng) for a in sorted(atoms, key=str)}
        for g in claim.given:  # Σ_t p_t = 1: normalise
            if isinstance(g, sp.Eq) and g.has(sp.Sum) and g.rhs == 1:
                s = _expand(g.lhs, ints).xreplace(vals)
                if s == 0:
                    break
                base = next(iter(g.lhs.atoms(sp.IndexedBase)))
                vals = {a: (v / s if isinstance(a, sp.Indexed) and a.base == base else v)
                        for a, v in vals.items()}
        else:
            if all(_expand(g, ints).xreplace(vals) == sp.true for g in claim.given
                   if not isinstance(g, sp.Eq) or not g.has(sp.Sum)):
                return ints, vals
    raise AssertionError(f"no point for {claim.name}")


def _mp(expr, vals, dps=40):
    syms = sorted(vals, key=str)
    dummies = [sp.Dummy() for _ in syms]
    e = expr.xreplace(dict(zip(syms, dummies, strict=True)))
    with mpmath.workdps(dps):
        f = sp.lambdify(dummies, e, modules="mpmath")
        return f(*[mpmath.mpf(sp.Rational(vals[s]).p) / sp.Rational(vals[s]).q for s in syms])


def _fl(expr, vals):
    syms = sorted(vals, key=str)
    dummies = [sp.Dummy() for _ in syms]
    e = expr.xreplace(dict(zip(syms, dummies, strict=True)))
    f = sp.lambdify(dummies, e, modules="math")
    return f(*[float(vals[s]) for s in syms])


def _limit_values(lim, vals, far):
    f, x, x0, d = lim.args
    if x0 is sp.oo:
        at = far
    else:
        at = x0 + (1 if str(d) == "+" else -1) / far
    return f.xreplace({x: sp.Float(at, 50)})


def _relation_holds(rel, vals, use_float, far):
    lhs, rhs = rel.lhs, rel.rhs
    tol_eq = 1e-9 if use_float else mpmath.mpf(10) ** -25
    if rel.has(sp.Limit):
        lhs = lhs.replace(lambda z: isinstance(z, sp.Limit), lambda z: _limit_values(z, vals,
                                                                                     far))
        rhs = rhs.replace(lambda z: isinstance(z, sp.Limit), lambda z: _limit_values(z, vals,
                                                                                     far))
        tol_eq = 0.05 if use_float else mpmath.mpf(10) ** -4
    if use_float:
        dv = _fl(lhs, vals) - _fl(rhs, vals)
        scale = 1 + abs(_fl(lhs, vals)) + abs(_fl(rhs, vals))
    else:
        dv = _mp(lhs - rhs, vals)
        scale = 1 + abs(_mp(lhs, vals)) + abs(_mp(rhs, vals))
    tol = tol_eq * scale
    if isinstance(rel, sp.Eq):
        return abs(dv) <= tol
    if isinstance(rel, (sp.StrictGreaterThan, sp.GreaterThan)):
        return dv > -tol
    return dv < tol


def _holds(stmt, vals, use_float):
    if isinstance(stmt, sp.And):
        return all(_holds(a, vals, use_float) for a in stmt.args)
    if isinstance(stmt, PSD):
        m = stmt.matrix
        if use_float:
            arr = np.array([[_fl(e, vals) for e in row] for row in m.tolist()], dtype=float)
            return float(np.linalg.eigvalsh((arr + arr.T) / 2).min()) >= -1e-12
        with mpmath.workdps(40):
            arr = mpmath.matrix([[_mp(e, vals) for e in row] for row in m.tolist()])
            return min(mpmath.eigsy(arr, eigvals_only=True)) >= -mpmath.mpf(10) ** -30
    if isinstance(stmt, Convex):
        rng = random.Random(5)
        for _ in range(10):
            u = {w: sp.Rational(rng.randint(-300, 300), 100) for w in stmt.variables}
            w2 = {w: sp.Rational(rng.randint(-300, 300), 100) for w in stmt.variables}
            mid = {w: (u[w] + w2[w]) / 2 for w in stmt.variables}
            f = stmt.expr
            rel = sp.Le(f.xreplace(mid), (f.xreplace(u) + f.xreplace(w2)) / 2, evaluate=False)
            if not _relation_holds(rel, dict(vals), use_float, 1e6):
                return False
        return True
    far = 100.0 if use_float else 1e6
    return _relation_holds(stmt, vals, use_float, far)


def _independent_float64(stmt: Float64):
    """The computation redone with Python's math module (numpy only for float32)."""
    xs = [float(v) for v in stmt.inputs]

    def exp(t):
        try:
            return math.exp(t)
        except OverflowError:
            return math.inf

    name = stmt.computation
    if name == "exp":
        return [exp(xs[0])]
    if name == "exp_float32":
        r = exp(xs[0])
        return [math.inf if r > float(np.finfo(np.float32).max) else r]
    if name == "naive_lse":
        s = math.fsum(exp(t) for t in xs)
        return [math.log(s) if s > 0 else -math.inf]
    if name == "stable_lse":
        m = max(xs)
        return [m + math.log(math.fsum(exp(t - m) for t in xs))]
    if name == "naive_softmax":
        es = [exp(t) for t in xs]
        s = sum(es)
        return [(e / s if s not in (0.0, math.inf) else math.nan) for e in es]
    raise AssertionError(name)


def _float64_outcome_met(stmt: Float64, results) -> bool:
    outs = list(stmt.outcome) if isinstance(stmt.outcome, sp.Tuple) else [stmt.outcome]
    for r, o in zip(results, outs, strict=True):
        kind = getattr(o, "name", None)
        if kind == "inf" and r != math.inf or kind == "-inf" and r != -math.inf:
            return False
        if kind == "nan" and not math.isnan(r):
            return False
        if kind == "finite" and not math.isfinite(r):
            return False
        if kind == "subnormal" and not (0 < abs(r) < 2.2250738585072014e-308):
            return False
        if kind is None:
            exact = float(sp.N(o, 30))
            if not math.isfinite(r) or abs(r - exact) > 8 * math.ulp(exact or 5e-324):
                return False
    return True


@pytest.mark.parametrize("claim", TRUE_CLAIMS, ids=[c.name for c in TRUE_CLAIMS])
def test_true_claim_holds_at_random_points(claim):
    stmt = claim.statement
    if isinstance(stmt, Float64):
        assert _float64_outcome_met(stmt, _independent_float64(stmt))
        return
    rng = random.Random(claim.name)
    for _ in range(3):
        ints, vals = _point(claim, rng)
        inst = _expand_stmt(stmt, ints)
        assert _holds(inst, vals, use_float=False), (claim.name, ints, vals)
        try:
            assert _holds(inst, vals, use_float=True), (claim.name, ints, vals)
        except OverflowError:  # e^950 is beyond float64: the real claim is checked by mpmath
            assert claim.statement.has(sp.exp)


@pytest.mark.catalog
@pytest.mark.parametrize("claim", REFUTED, ids=[c.name for c in REFUTED])
def test_counterexample_reevaluated(claim, verdicts):
    v = verdicts[claim.name]
    assert v.status == "refuted"
    cx = dict(v.counterexample)
    stmt = claim.statement
    if isinstance(stmt, Float64):
        assert not _float64_outcome_met(stmt, _independent_float64(stmt))
        return
    cx.pop(sp.Symbol("v"), None)
    ints = {k: val for k, val in cx.items() if getattr(k, "is_integer", False)
            and isinstance(k, sp.Symbol)}
    vals = {k: val for k, val in cx.items() if k not in ints}
    for g in claim.given:
        assert _expand(g, ints).xreplace(vals) in (sp.true, True) or (
            isinstance(g, sp.Eq) and abs(_mp(_expand(g.lhs - g.rhs, ints), vals)) < 1e-30)
    for s in claim.free_symbols:
        if s.is_positive and s in vals:
            assert vals[s] > 0
    for key, val in vals.items():  # entries of a nonnegative vector (labels y, probs p)
        if isinstance(key, sp.Indexed) and key.base.is_nonnegative:
            assert val >= 0, (key, val)
    inst = _expand_stmt(stmt, ints)
    assert not _holds(inst, vals, use_float=False)
    assert not _holds(inst, vals, use_float=True)


def test_blog_counterexamples_by_hand():
    # the spec's own counterexamples, computed here with plain floats
    p = (0.9, 0.1)
    assert abs(sum((q - 0.5) ** 2 for q in p) - sum(q * (1 - q) for q in p)) > 0.1
    assert np.linalg.eigvalsh(np.array([[1.0, 2.0], [2.0, 1.0]])).min() < 0
    x, b = (0.3, -1.2), 1.0
    lse = lambda z: math.log(sum(math.exp(t) for t in z))  # noqa: E731
    assert abs(lse([t + b for t in x]) - lse(x) - b) < 1e-12
    assert abs(lse([t + b for t in x]) - lse(x)) > 0.5
