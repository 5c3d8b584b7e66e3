"""Signs of expressions: positivity and non-negativity by structural rules.

Each rule is a fact of real analysis (a sum of positive terms is positive, exp is
positive, exp(u) > 1 for u > 0, log(u) > 0 for u > 1, an even power is non-negative,
...) and sympy's assumption system is consulted at the leaves. `sign_reason` returns
the words of the argument, or None when no rule applies.
"""

from __future__ import annotations

import sympy as sp

from . import budget, certified

_MAX_DEPTH = 8


def _leaf(e: sp.Expr, strict: bool) -> str | None:
    if strict and e.is_positive:
        return f"${sp.latex(e)} > 0$" if not e.is_number else f"{sp.sstr(e)} > 0"
    if not strict and e.is_nonnegative:
        return f"${sp.latex(e)} \\ge 0$" if not e.is_number else f"{sp.sstr(e)} >= 0"
    return None


def known_sign(e: sp.Expr) -> int | None:
    """1, -1 or 0 when the sign of `e` is the same for every value the assumptions allow:
    certified for numbers (ball arithmetic), sympy's assumptions for expressions with
    symbols; None otherwise. The one way tactics ask for the sign of a number."""
    e = sp.sympify(e)
    if e.is_number:
        return certified.sign(e)
    if e.is_zero:
        return 0
    if e.is_positive:
        return 1
    if e.is_negative:
        return -1
    return None


def number_sign_reason(e: sp.Expr, strict: bool) -> str | None:
    """Why the number `e` is > 0 (or >= 0): its certified enclosure (ball arithmetic),
    or an exact zero; None when the enclosure does not settle it."""
    enc = certified.enclose(e)
    if enc is None or enc.sign is None or enc.sign < 0 or (strict and enc.sign == 0):
        return None
    if e.is_Rational:
        return f"{sp.sstr(e)} > 0" if enc.sign > 0 else f"{sp.sstr(e)} = 0"
    if enc.sign == 0:
        return f"${sp.latex(e)} = 0$ exactly"
    return f"${sp.latex(e)} \\in {enc.latex()}$ (certified enclosure), so it is positive"


_MEMO: dict[tuple[sp.Basic, bool, int, str], str | None] = {}


def sign_reason(e: sp.Expr, strict: bool = True, depth: int = 0) -> str | None:
    """Why `e > 0` (strict) or `e >= 0` holds for every value the assumptions allow."""
    budget.check()
    if depth > _MAX_DEPTH:
        return None
    e = sp.sympify(e)
    key = (e, strict, depth, sp.srepr(e) if e.has(sp.Subs) else "")  # see numeric._differentiated
    if key in _MEMO:
        return _MEMO[key]
    out = _sign_reason(e, strict, depth)  # only finished answers are remembered
    if len(_MEMO) > 50_000:
        _MEMO.clear()
    _MEMO[key] = out
    return out


def _sign_reason(e: sp.Expr, strict: bool, depth: int) -> str | None:
    if e.is_number:
        return number_sign_reason(e, strict)
    leaf = _leaf(e, strict)
    if leaf:
        return "sign from the assumptions"
    for rule in (_sum_rule, _product_rule, _power_rule, _exp_rule, _log_rule,
                 _exp_against_const_rule, _split_constant_rule,
                 _common_factor_rule, _fraction_rule):
        why = rule(e, strict, depth)
        if why:
            return why
    return None


def _sum_rule(e: sp.Expr, strict: bool, depth: int) -> str | None:
    if not e.is_Add:
        return None
    terms = e.args
    nonneg = [sign_reason(t, False, depth + 1) for t in terms]
    if not all(nonneg):
        return None
    if not strict:
        return "a sum of non-negative terms"
    if any(sign_reason(t, True, depth + 1) for t in terms):
        return "a sum of non-negative terms, one of them positive"
    return None


def _product_rule(e: sp.Expr, strict: bool, depth: int) -> str | None:
    if not e.is_Mul:
        return None
    negatives = 0
    for f in e.args:
        if sign_reason(f, strict, depth + 1):
            continue
        if sign_reason(-f, strict, depth + 1):
            negatives += 1
            continue
        return None
    if negatives % 2:
        return None
    return "a product of factors of known sign" if negatives else "a product of positive factors"


def _power_rule(e: sp.Expr, strict: bool, depth: int) -> str | None:
    if not e.is_Pow:
        return None
    base, ex = e.args
    if sign_reason(base, True, depth + 1) and ex.is_real:
        return "a real power of a positive base"
    if not strict and ex.is_integer and ex.is_even and base.is_real:
        return "an even power"
    if strict and ex.is_integer and ex.is_even and base.is_real and sign_reason(
            base, True, depth + 1) is None and sign_reason(-base, True, depth + 1):
        return "an even power of a non-zero number"
    return None


def _exp_rule(e: sp.Expr, strict: bool, depth: int) -> str | None:
    if isinstance(e, sp.exp) and e.args[0].is_real:
        return "exp is positive"
    return None


def _log_rule(e: sp.Expr, strict: bool, depth: int) -> str | None:
    if isinstance(e, sp.log):
        u = e.args[0]
        if sign_reason(u - 1, strict, depth + 1):
            return "log(u) > 0 for u > 1" if strict else "log(u) >= 0 for u >= 1"
    return None


def _exp_against_const_rule(e: sp.Expr, strict: bool, depth: int) -> str | None:
    """k·exp(u) - c > 0 when u > log(c/k), and c - k·exp(u) > 0 when u < log(c/k), for
    k, c > 0 (exp(d) > 1 for d > 0 and 1 - exp(-d) >= 0 for d >= 0 are cases)."""
    if not e.is_Add:
        return None
    consts = [t for t in e.args if t.is_number]
    rest = [t for t in e.args if not t.is_number]
    if len(rest) != 1 or not consts:
        return None
    c = sp.Add(*consts)
    coeff, core = rest[0].as_coeff_Mul()
    if not isinstance(core, sp.exp):
        return None
    u = core.args[0]
    signs = known_sign(coeff), known_sign(c)
    if signs == (1, -1):
        if sign_reason(u - sp.log(-c / coeff), strict, depth + 1):
            return "exp is increasing: exp(u) > c when u > log(c)"
    elif signs == (-1, 1):
        if sign_reason(sp.log(c / -coeff) - u, strict, depth + 1):
            return "exp is increasing: c - exp(u) > 0 when u < log(c)"
    return None


def _fraction_rule(e: sp.Expr, strict: bool, depth: int) -> str | None:
    num, den = sp.fraction(sp.together(e))
    if den == 1:
        return None
    if sign_reason(den, True, depth + 1) and sign_reason(num, strict, depth + 1):
        return "numerator and denominator of known sign"
    if sign_reason(-den, True, depth + 1) and sign_reason(-num, strict, depth + 1):
        return "numerator and denominator both negative"
    return None


def _split_constant_rule(e: sp.Expr, strict: bool, depth: int) -> str | None:
    """c + t1 + ... + tm: share the constant, c/m + ti, and show each part's sign."""
    if not e.is_Add:
        return None
    consts = [t for t in e.args if t.is_number]
    rest = [t for t in e.args if not t.is_number]
    if len(rest) < 2 or not consts:
        return None
    c = sp.Add(*consts)
    if known_sign(c) != 1:
        return None
    share = c / len(rest)
    if all(sign_reason(share + t, strict, depth + 1) for t in rest):
        return "the constant shared among the terms, each part of known sign"
    return None


def _common_factor_rule(e: sp.Expr, strict: bool, depth: int) -> str | None:
    """Pull a common factor out of a sum (factor_terms) and sign each factor."""
    if not e.is_Add:
        return None
    f = sp.factor_terms(sp.expand(e))
    if f.is_Add or f == e:
        return None
    return _product_rule(f, strict, depth + 1) if f.is_Mul else None
