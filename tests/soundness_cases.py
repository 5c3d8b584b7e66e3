"""Independent arithmetic for the soundness tests: an mpmath evaluator of sympy trees,
decisive falsity at a point, constants just beside a transcendental number, and the
constant mutants of a statement.

Nothing here calls the engine (`proofs`) or sympy's `evalf`: every number is computed by
mpmath from the expression tree, at a precision chosen by the caller, and a statement
counts as false at a point only when it fails by a margin far above the rounding error
at two different precisions.
"""

from __future__ import annotations

import itertools
import random
from collections.abc import Iterable, Iterator

import mpmath
import sympy as sp
from sympy.core.relational import Relational

# --------------------------------------------------------------------------------------
# the evaluator


class Unsupported(Exception):
    """The expression holds something this evaluator does not compute (or a complex
    value, or a point outside the domain): no verdict from it."""


def _int_of(v) -> int:
    r = mpmath.nint(v)
    if abs(v - r) > mpmath.mpf(10) ** (-(mpmath.mp.dps // 2)):
        raise Unsupported(f"not an integer: {v}")
    return int(r)


def _rounded(v, up: bool) -> int:
    """ceiling/floor, refusing arguments too close to an integer to tell."""
    r = mpmath.nint(v)
    if abs(v - r) < mpmath.mpf(10) ** (-(mpmath.mp.dps // 2)):
        raise Unsupported("ceiling/floor of a number too close to an integer")
    return int(mpmath.ceil(v) if up else mpmath.floor(v))


def _real(v):
    if isinstance(v, mpmath.mpc):
        if abs(v.imag) > mpmath.mpf(10) ** (-(mpmath.mp.dps // 2)) * max(1, abs(v.real)):
            raise Unsupported("complex value")
        return v.real
    return v


def _limit(e: sp.Limit, env: dict):
    """A limit estimated at two points very close to the limit point (10^-40 and 10^-60
    away, or 10^40 and 10^60 out); both must agree to 10^-30 (relative), else no value.
    The expressions whose limits are taken here converge at least like 1/x or exp(-c/x),
    so the estimate is within 10^-30 of the limit, far inside the 10^-12 perturbations
    the mutation test looks for."""
    f, x, x0, d = e.args
    if x0 is sp.oo:
        ts = [mpmath.mpf(10) ** 40, mpmath.mpf(10) ** 60]
    elif x0 is -sp.oo:
        ts = [-mpmath.mpf(10) ** 40, -mpmath.mpf(10) ** 60]
    else:
        base = value(x0, env)
        sgn = -1 if str(d) == "-" else 1
        ts = [base + sgn * mpmath.mpf(10) ** -40, base + sgn * mpmath.mpf(10) ** -60]
    vals = [value(f, {**env, x: t}) for t in ts]
    if abs(vals[0] - vals[1]) > mpmath.mpf(10) ** -30 * max(1, abs(vals[1])):
        raise Unsupported("limit estimate not settled")
    return vals[1]


_FUNCS = {
    sp.exp: mpmath.exp, sp.sin: mpmath.sin, sp.cos: mpmath.cos, sp.tan: mpmath.tan,
    sp.atan: mpmath.atan, sp.acot: mpmath.acot, sp.tanh: mpmath.tanh, sp.sinh: mpmath.sinh,
    sp.cosh: mpmath.cosh, sp.Abs: abs, sp.asin: mpmath.asin, sp.acos: mpmath.acos,
    sp.acosh: mpmath.acosh, sp.asinh: mpmath.asinh,
}


def value(e: sp.Basic, env: dict):
    """The real value of `e` with the symbols (and indexed variables) of `env`, by mpmath
    at the current mpmath precision. Raises Unsupported when it cannot tell."""
    if e in env:
        return env[e]
    if isinstance(e, sp.Integer):
        return mpmath.mpf(int(e))
    if isinstance(e, sp.Rational):
        return mpmath.mpf(int(e.p)) / int(e.q)
    if isinstance(e, sp.Float):
        return mpmath.mpf(e._mpf_)
    if e is sp.pi:
        return +mpmath.pi
    if e is sp.E:
        return +mpmath.e
    if isinstance(e, sp.Indexed):
        key = sp.Indexed(e.base, *[sp.Integer(_int_of(value(i, env))) for i in e.indices])
        if key in env:
            return env[key]
        raise Unsupported(f"no value for {key}")
    if isinstance(e, sp.Symbol) or e.is_Atom:
        raise Unsupported(f"no value for {e}")
    if isinstance(e, sp.Add):
        return _real(mpmath.fsum(value(a, env) for a in e.args))
    if isinstance(e, sp.Mul):
        out = mpmath.mpf(1)
        for a in e.args:
            out *= value(a, env)
        return _real(out)
    if isinstance(e, sp.Pow):
        b, x = value(e.args[0], env), value(e.args[1], env)
        if b == 0 and x < 0:
            raise Unsupported("division by zero")
        if b < 0 and not e.args[1].is_integer:
            raise Unsupported("non-integer power of a negative number")
        return _real(mpmath.power(b, x))
    if isinstance(e, sp.log):
        u = value(e.args[0], env)
        if len(e.args) > 1 or u <= 0:
            raise Unsupported("log outside (0, oo)")
        return mpmath.log(u)
    for f, g in _FUNCS.items():
        if isinstance(e, f):
            return _real(g(*[value(a, env) for a in e.args]))
    if isinstance(e, sp.Max):
        return max(value(a, env) for a in e.args)
    if isinstance(e, sp.Min):
        return min(value(a, env) for a in e.args)
    if isinstance(e, (sp.Heaviside, sp.sign)):
        u = value(e.args[0], env)
        if abs(u) < mpmath.mpf(10) ** (-(mpmath.mp.dps // 2)):
            raise Unsupported("Heaviside or sign at (or too near) 0")
        return mpmath.mpf(1 if u > 0 else (0 if isinstance(e, sp.Heaviside) else -1))
    if isinstance(e, sp.ceiling):
        return mpmath.mpf(_rounded(value(e.args[0], env), True))
    if isinstance(e, sp.floor):
        return mpmath.mpf(_rounded(value(e.args[0], env), False))
    if isinstance(e, sp.KroneckerDelta):
        a, b = (_int_of(value(t, env)) for t in e.args[:2])
        return mpmath.mpf(int(a == b))
    if isinstance(e, (sp.Sum, sp.Product)):
        body, limits = e.function, e.limits
        if len(limits) != 1:
            return value(type(e)(type(e)(body, *limits[1:]), limits[0]), env)
        k, lo, hi = limits[0]
        lo, hi = _int_of(value(lo, env)), _int_of(value(hi, env))
        if hi - lo > 100_000:
            raise Unsupported("sum too long")
        terms = [value(body, {**env, k: mpmath.mpf(i)}) for i in range(lo, hi + 1)]
        if isinstance(e, sp.Sum):
            return mpmath.fsum(terms)
        return mpmath.fprod(terms)
    if isinstance(e, sp.Subs):  # also proofs' At
        inner = {**env}
        for var, pt in zip(e.variables, e.point, strict=True):
            inner[var] = value(pt, env)
        return value(e.expr, inner)
    if isinstance(e, sp.Derivative):
        done = e.doit()
        if done.has(sp.Derivative):
            raise Unsupported("derivative not taken")
        return value(done, env)
    if isinstance(e, sp.Limit):
        return _limit(e, env)
    raise Unsupported(f"{type(e).__name__} not handled")


# --------------------------------------------------------------------------------------
# truth at a point

def _margin(dps: int, *vals) -> mpmath.mpf:
    return mpmath.mpf(10) ** (-(dps // 2)) * max([mpmath.mpf(1)] + [abs(v) for v in vals])


def _false_once(stmt: sp.Basic, env: dict, dps: int) -> bool | None:
    """True: decisively false; False: not false (holds, or too close to call); None:
    cannot be evaluated."""
    with mpmath.workdps(dps):
        if isinstance(stmt, sp.And):
            outs = [_false_once(a, env, dps) for a in stmt.args]
            return True if any(o is True for o in outs) else (
                None if any(o is None for o in outs) else False)
        if isinstance(stmt, sp.Or):
            outs = [_false_once(a, env, dps) for a in stmt.args]
            return True if all(o is True for o in outs) else (
                None if any(o is None for o in outs) else False)
        if not isinstance(stmt, Relational):
            return None
        try:
            lhs, rhs = value(stmt.lhs, env), value(stmt.rhs, env)
        except (Unsupported, ZeroDivisionError, ValueError, OverflowError):
            return None
        d, tol = lhs - rhs, _margin(dps, lhs, rhs)
        if stmt.has(sp.Limit):  # limits are estimated to 10^-30 (see _limit)
            tol = max(tol, mpmath.mpf(10) ** -25 * max(1, abs(lhs), abs(rhs)))
        if isinstance(stmt, sp.Eq):
            return abs(d) > tol
        if isinstance(stmt, sp.Ne):
            return False  # exact equality cannot be shown with numbers
        if isinstance(stmt, (sp.StrictGreaterThan, sp.GreaterThan)):
            return d < -tol
        if isinstance(stmt, (sp.StrictLessThan, sp.LessThan)):
            return d > tol
        return None


def false_at(stmt: sp.Basic, env: dict, dps: int = 80) -> bool:
    """`stmt` is false at the point `env`, by a margin of 10^-(dps/2) (relative to the
    sides), at dps digits and again at dps + 40 digits."""
    return _false_once(stmt, env, dps) is True and _false_once(stmt, env, dps + 40) is True


def holds_at(stmt: sp.Basic, env: dict, dps: int = 80) -> bool:
    """`stmt` holds at `env`: not false at either precision, and evaluable. (For an
    equality: the two sides agree to 10^-(dps/2); for a strict inequality: the right
    sign by more than that margin.)"""
    for digits in (dps, dps + 40):
        with mpmath.workdps(digits):
            if isinstance(stmt, sp.And):
                if not all(holds_at(a, env, dps) for a in stmt.args):
                    return False
                continue
            try:
                lhs, rhs = value(stmt.lhs, env), value(stmt.rhs, env)
            except (Unsupported, ZeroDivisionError, ValueError, OverflowError):
                return False
            d, tol = lhs - rhs, _margin(digits, lhs, rhs)
            ok = {sp.Eq: abs(d) <= tol, sp.StrictGreaterThan: d > tol,
                  sp.GreaterThan: d >= -tol, sp.StrictLessThan: d < -tol,
                  sp.LessThan: d <= tol, sp.Ne: abs(d) > tol}.get(type(stmt))
            if not ok:
                return False
    return True


# --------------------------------------------------------------------------------------
# points that meet the assumptions

_VALUES = {
    "positive_integer": [1, 2, 3, 4, 5, 7, 10, 17, 100],
    "nonnegative_integer": [0, 1, 2, 3, 5, 10],
    "integer": [0, 1, -1, 2, -3, 5, -8],
    "positive": [1, 2, sp.Rational(1, 2), 3, sp.Rational(1, 10), sp.Rational(7, 3), 10],
    "nonnegative": [0, 1, sp.Rational(1, 2), 3, sp.Rational(1, 10)],
    "negative": [-1, -2, sp.Rational(-1, 2), -3, sp.Rational(-1, 10)],
    "nonpositive": [0, -1, sp.Rational(-1, 2), -3],
    "real": [0, 1, -1, 2, -2, sp.Rational(1, 2), sp.Rational(-1, 3), 3, -5, sp.Rational(7, 4)],
}


def candidate_values(sym: sp.Symbol) -> list[sp.Rational]:
    """A few exact values that meet the symbol's own assumptions (0 and ties first)."""
    if sym.is_integer:
        if sym.is_positive:
            vals = _VALUES["positive_integer"]
        elif sym.is_nonnegative:
            vals = _VALUES["nonnegative_integer"]
        else:
            vals = _VALUES["integer"]
    elif sym.is_positive:
        vals = _VALUES["positive"]
    elif sym.is_nonnegative:
        vals = _VALUES["nonnegative"]
    elif sym.is_negative:
        vals = _VALUES["negative"]
    elif sym.is_nonpositive:
        vals = _VALUES["nonpositive"]
    elif sym.is_real:
        vals = _VALUES["real"]
    else:
        return []
    return [sp.Integer(v) if isinstance(v, int) else v for v in vals]


def points(symbols: Iterable[sp.Symbol], given: tuple = (), seed: int = 0,
           most: int = 600) -> Iterator[dict]:
    """Points (symbol -> exact value) meeting each symbol's assumptions and every given
    relation: the full grid of candidate values when it is small, else ties and a
    seeded sample of it."""
    syms = sorted(symbols, key=sp.default_sort_key)
    choices = [candidate_values(s) for s in syms]
    if any(not c for c in choices):
        return
    grid = 1
    for c in choices:
        grid *= len(c)
    if grid <= most:
        combos: Iterable = itertools.product(*choices)
    else:
        rng = random.Random(seed)
        ties = [tuple(c[i] if i < len(c) else c[0] for c in choices) for i in range(5)]
        combos = ties + [tuple(rng.choice(c) for c in choices) for _ in range(most)]
    for combo in combos:
        pt = dict(zip(syms, combo, strict=True))
        with mpmath.workdps(60):
            env = {s: value(v, {}) for s, v in pt.items()}
        if all(holds_at(g, env, 60) for g in given):
            yield pt


def as_env(point: dict, dps: int = 80) -> dict:
    with mpmath.workdps(dps + 40):
        return {s: value(sp.sympify(v), {}) for s, v in point.items()}


def _derivatives_taken(e: sp.Basic) -> sp.Basic:
    """Derivatives taken once by sympy's diff (not at every point of the grid)."""
    try:
        return e.replace(lambda t: isinstance(t, sp.Derivative) and not t.doit().has(
            sp.Derivative), lambda t: t.doit())
    except Exception:  # noqa: BLE001 - leave it to `value`, which declines
        return e


def shown_false(stmt: sp.Basic, given: tuple = (), dps: int | None = None, seed: int = 0,
                most: int = 600) -> dict | None:
    """A point (meeting every assumption) where `stmt` is decisively false, or None.
    Default precision: 80 digits, and 1200 for a statement without variables (one
    evaluation, so it can afford to see a change of 10^-12 * exp(-725))."""
    syms = {s for s in stmt.free_symbols | set().union(*[g.free_symbols for g in given])
            if isinstance(s, sp.Symbol)}
    if dps is None:
        dps = 80 if syms else 1200
    stmt = _derivatives_taken(stmt)
    for pt in points(syms, given, seed=seed, most=most):
        if false_at(stmt, as_env(pt, dps), dps):
            return pt
    return None


# --------------------------------------------------------------------------------------
# constants just beside a transcendental number

_OFFSET = sp.Rational(1, 10**15)


def beside(mp_value, digits: int = 40, offset: sp.Rational = _OFFSET,
           above: bool = True, dps: int = 3000) -> sp.Rational:
    """A rational within `offset` of the number that `mp_value()` computes (at dps
    digits): its first `digits` decimals after the point, plus (or minus) `offset`."""
    with mpmath.workdps(dps):
        v = mp_value()
        cut = sp.Rational(int(mpmath.floor(v * mpmath.mpf(10) ** digits)), 10**digits)
    return cut + offset if above else cut - offset


def closed_value(expr: sp.Expr, dps: int = 3000):
    """`expr` (no free symbols) at dps digits, by mpmath."""
    with mpmath.workdps(dps):
        return value(expr, {})


# --------------------------------------------------------------------------------------
# constant mutants

EPS = sp.Rational(1, 10**12)


def _skip_children(e: sp.Basic) -> set[int]:
    """Argument positions whose numbers are structure, not constants of the claim:
    numeric exponents, bounds and counts of sums, products, derivatives and limits,
    indices, and the bound variables of a substitution."""
    if isinstance(e, sp.Pow) and e.args[1].is_number:
        return {1}
    if isinstance(e, (sp.Sum, sp.Product, sp.Integral, sp.Derivative, sp.Limit)):
        return set(range(1, len(e.args)))
    if isinstance(e, (sp.Indexed, sp.KroneckerDelta)):
        return set(range(len(e.args)))
    if isinstance(e, sp.Subs):
        return {1}
    return set()


def constant_positions(e: sp.Basic, path: tuple = ()) -> Iterator[tuple[tuple, sp.Rational]]:
    """(path, number) for each Rational/Integer leaf other than 0, 1, -1 that is a
    constant of the statement (see `_skip_children`)."""
    if isinstance(e, sp.Rational):
        if e not in (0, 1, -1):
            yield path, e
        return
    skip = _skip_children(e)
    for i, a in enumerate(e.args):
        if i in skip or not isinstance(a, sp.Basic):
            continue
        yield from constant_positions(a, path + (i,))


def _rebuild(e: sp.Basic, args: list) -> sp.Basic:
    if isinstance(e, sp.Tuple):
        return sp.Tuple(*args)
    try:
        return e.func(*args, evaluate=False)
    except TypeError:
        return e.func(*args)


def replace_at(e: sp.Basic, path: tuple, new: sp.Basic) -> sp.Basic:
    if not path:
        return new
    args = list(e.args)
    args[path[0]] = replace_at(args[path[0]], path[1:], new)
    return _rebuild(e, args)


def mutants(stmt: sp.Basic) -> list[tuple[str, sp.Basic]]:
    """(label, statement) for each constant times 1 + 10^-12 and times 1 - 10^-12."""
    out = []
    for path, c in constant_positions(stmt):
        for sign, factor in (("up", 1 + EPS), ("down", 1 - EPS)):
            label = f"{sp.sstr(c)}@{'.'.join(map(str, path))}-{sign}"
            out.append((label, replace_at(stmt, path, c * factor)))
    return out


# --------------------------------------------------------------------------------------
# the catalog's mutants, proved in a separate process

def eligible(claim) -> bool:
    """A proved claim of the catalog whose statement this module can evaluate: not a
    Float64 computation (IEEE rounding, not real arithmetic: a change of 10^-12 in an
    input rarely changes the outcome, and this evaluator does not emulate float64), not
    PSD or Convex (their truth is a property over all points, not a value at one)."""
    from proofs import PSD, Convex
    from proofs.float64 import Float64

    st = claim.statement
    return claim.expect == "proved" and not isinstance(st, (Float64, PSD, Convex)) and not (
        st.has(Float64) or st.has(PSD) or st.has(Convex))


def catalog_mutants() -> list[tuple[str, object, str, sp.Basic]]:
    """(id, claim, label, mutant) for every constant mutant of every eligible claim of
    the catalog, each distinct mutant statement once (first claim wins), in catalog
    order. The id is `claim-name|label`."""
    from derivations import catalog

    seen: set[str] = set()
    out = []
    for claim in catalog():
        if not eligible(claim):
            continue
        for label, m in mutants(claim.statement):
            key = sp.srepr(m) + "|" + sp.srepr(sp.Tuple(*claim.given))
            if key in seen:
                continue
            seen.add(key)
            out.append((f"{claim.name}|{label}", claim, label, m))
    return out


def _worker(budget: float) -> None:
    """Read mutant ids on stdin, prove each, print one JSON line per mutant."""
    import json
    import sys

    from proofs import Claim, prove

    table = {mid: (claim, m) for mid, claim, _, m in catalog_mutants()}
    index = {mid: i for i, mid in enumerate(table)}
    for line in sys.stdin:
        mid = line.strip()
        if not mid:
            continue
        claim, m = table[mid]
        print(json.dumps({"start": mid}), flush=True)
        try:
            v = prove(Claim(f"{claim.name}.m{index[mid]}", m, given=claim.given),
                      budget=budget)
            out = {"id": mid, "status": v.status, "method": v.method[:200],
                   "reason": v.reason[:200], "seconds": round(v.seconds, 2)}
        except BaseException as exc:  # noqa: BLE001 - prove must never raise: report it
            out = {"id": mid, "status": f"raised {type(exc).__name__}: {exc}"[:200],
                   "method": "", "reason": "", "seconds": 0}
        print(json.dumps(out), flush=True)


def prove_isolated(ids: list[str], budget: float, stall: float = 60.0) -> dict[str, dict]:
    """Prove the mutants `ids` in a worker process (this file run as a script), so that a
    crash of the interpreter (a signal from native code) or a hang is a result, not the
    end of the test run. A dead or silent worker is replaced and goes on after the
    mutant it died on. Returns id -> {"status", "method", "reason", "seconds"}."""
    import json
    import os
    import queue
    import subprocess
    import sys
    import threading
    from pathlib import Path

    results: dict[str, dict] = {}
    todo = list(ids)
    root = Path(__file__).resolve().parents[1]
    while todo:
        proc = subprocess.Popen(
            [sys.executable, str(Path(__file__).resolve()), "--worker", str(budget)],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
            text=True, cwd=root, env={**os.environ, "PYTHONPATH": str(root)})
        lines: queue.Queue = queue.Queue()
        threading.Thread(target=_pump, args=(proc.stdout, lines), daemon=True).start()
        proc.stdin.write("".join(i + "\n" for i in todo))
        proc.stdin.close()
        current = None
        while True:
            try:
                line = lines.get(timeout=stall + budget)
            except queue.Empty:
                proc.kill()
                results[current or todo[0]] = {"status": "hung (worker killed)", "method": "",
                                               "reason": "", "seconds": stall + budget}
                break
            if line is None:
                code = proc.wait()
                if current is not None:
                    results[current] = {"status": f"process died (exit code {code})",
                                        "method": "", "reason": "", "seconds": 0}
                break
            msg = json.loads(line)
            if "start" in msg:
                current = msg["start"]
            else:
                results[msg.pop("id")] = msg
                current = None
        proc.wait()
        left = [i for i in todo if i not in results]
        if len(left) == len(todo):
            raise RuntimeError(f"the worker made no progress (exit code {proc.returncode})")
        todo = left
    return results


def _pump(stream, lines) -> None:
    for line in stream:
        lines.put(line)
    lines.put(None)


if __name__ == "__main__":
    import sys as _sys

    if len(_sys.argv) == 3 and _sys.argv[1] == "--worker":
        _worker(float(_sys.argv[2]))
    else:
        raise SystemExit("usage: soundness_cases.py --worker BUDGET")
