"""Tactics that bound a goal by named facts: tangent lines of exp and log (Jensen,
Gibbs, entropy), weighted AM-GM on monomials, sums of squares, roots as powers, terms
held by a given total, and lemma instances. Each on goals it must prove and near misses
it must decline (called directly, without the numeric cross-check of `prove`)."""

from __future__ import annotations

import sympy as sp
from tactic_helpers import declines, run

from proofs.lemmas import proving
from proofs.tactics.amgm import am_gm_weights, monomial_am_gm
from proofs.tactics.lemma_instance import lemma_instance
from proofs.tactics.roots import roots_as_powers, square_both_sides
from proofs.tactics.sos import gram_sos, sum_of_squares
from proofs.tactics.sums import terms_within_their_sum
from proofs.tactics.tangent import combine_logs, merge_sums, tangent_bounds

R = sp.Rational
a, b, c = sp.symbols("a b c", positive=True)
p, q = sp.symbols("p q", positive=True)
u, v, w = sp.symbols("u v w", real=True)
n = sp.Symbol("n", integer=True, positive=True)
k = sp.Symbol("k", integer=True)
P = sp.IndexedBase("p", positive=True)
Q = sp.IndexedBase("q", positive=True)
W = sp.IndexedBase("w", nonnegative=True)
X = sp.IndexedBase("x", real=True)


def S(body):
    return sp.Sum(body, (k, 1, n))


def test_tangent_bounds_prove_jensen_and_name_it() -> None:
    proof = run(tangent_bounds, S(W[k] * sp.exp(X[k])) >= sp.exp(S(W[k] * X[k])),
                (sp.Eq(S(W[k]), 1),))
    assert "Jensen's inequality for the convex exp" in proof.steps[0].why
    proof = run(tangent_bounds, p * sp.exp(u) + (1 - p) * sp.exp(v)
                >= sp.exp(p * u + (1 - p) * v), (p < 1,))
    assert "weights" in proof.steps[0].why
    # reversed, or weights not summing to 1: declined
    assert declines(tangent_bounds, S(W[k] * sp.exp(X[k])) <= sp.exp(S(W[k] * X[k])),
                    (sp.Eq(S(W[k]), 1),))
    assert declines(tangent_bounds, S(W[k] * sp.exp(X[k])) >= sp.exp(S(W[k] * X[k])))
    assert declines(tangent_bounds, p * sp.exp(u) + (1 - p) * sp.exp(v)
                    >= sp.exp(p * u + (1 - p) * v))  # p < 1 not given: 1 - p may be < 0


def test_tangent_bounds_prove_gibbs_and_entropy() -> None:
    gibbs = S(P[k] * sp.log(P[k] / Q[k])) >= 0
    both = (sp.Eq(S(P[k]), 1), sp.Eq(S(Q[k]), 1))
    assert run(tangent_bounds, gibbs, both) is not None
    assert declines(tangent_bounds, gibbs, both[:1])  # q not normalised: false
    entropy = -S(P[k] * sp.log(P[k])) <= sp.log(n)
    assert run(tangent_bounds, entropy, both[:1]) is not None
    assert declines(tangent_bounds, -S(P[k] * sp.log(P[k])) <= sp.log(n) - R(1, 10),
                    both[:1])
    two = -p * sp.log(p) - (1 - p) * sp.log(1 - p) <= sp.log(2)
    assert run(tangent_bounds, two, (p < 1,)) is not None
    assert declines(tangent_bounds, -p * sp.log(p) - (1 - p) * sp.log(1 - p) < sp.log(2),
                    (p < 1,))  # equal at p = 1/2


def test_tangent_lemmas_are_not_used_to_prove_themselves() -> None:
    with proving("exp-above-tangent"):
        assert declines(tangent_bounds, sp.exp(u) >= 1 + u)


def test_log_and_sum_identities() -> None:
    d = combine_logs(p * sp.log(p) - p * sp.log(q), ())
    assert len(d.atoms(sp.log)) == 1
    assert sp.expand(sp.expand_log(d - p * sp.log(p / q), force=True)) == 0
    assert combine_logs(sp.log(2) + sp.log(p), ()) == sp.log(2) + sp.log(p)  # same sign
    merged, did = merge_sums(S(P[k]) - sp.Sum(Q[n + 0 * k], (k, 1, n)) + S(X[k] ** 2))
    assert did and len(merged.atoms(sp.Sum)) == 1


def test_monomial_am_gm() -> None:
    assert run(monomial_am_gm, a**3 + b**3 + c**3 >= 3 * a * b * c) is not None
    assert declines(monomial_am_gm, a**3 + b**3 + c**3 > 3 * a * b * c)  # equal at a = b = c
    assert declines(monomial_am_gm, a**3 + b**3 >= 3 * a * b * c)
    assert declines(monomial_am_gm, u**2 + v**2 >= 2 * u * v)  # not positive variables
    pos, neg, weights = am_gm_weights(a**2 * b + a * b**2 - 2 * a * b * c + c**3,
                                      [a, b, c])
    for j, (e, beta) in enumerate(neg):  # the certificate holds exactly
        assert sum(weights[(i, j)] for i in range(len(pos))) == e
        for g in range(3):
            assert sum(weights[(i, j)] * pos[i][1][g] for i in range(len(pos))) == e * beta[g]
    assert am_gm_weights(a**2 + b**2 - 3 * a * b, [a, b]) is None


def test_sum_of_squares() -> None:
    cs3 = ((u**2 + v**2 + w**2) * (a**2 + b**2 + c**2) - (u * a + v * b + w * c) ** 2)
    parts = gram_sos(sp.expand(cs3), sorted(cs3.free_symbols, key=sp.default_sort_key))
    assert parts and sp.expand(sum(d * s**2 for d, s in parts) - cs3) == 0
    assert run(sum_of_squares, u**2 + v**2 + w**2 >= u * v + v * w + w * u) is not None
    assert declines(sum_of_squares, u**2 + v**2 >= 3 * u * v)
    assert declines(sum_of_squares, u**2 + v**2 + w**2 > u * v + v * w + w * u)


def test_roots_and_squares() -> None:
    assert run(roots_as_powers, (a + b) / 2 >= sp.sqrt(a * b)) is not None
    assert declines(roots_as_powers, (a + b) / 3 >= sp.sqrt(a * b))
    assert run(square_both_sides, sp.sqrt((a**2 + b**2) / 2) >= (a + b) / 2) is not None
    assert declines(square_both_sides, sp.sqrt((a**2 + b**2) / 2) >= (a + b) / 1)
    assert declines(square_both_sides, sp.sqrt(u**2 + 1) >= u)  # the right side's sign


def test_terms_within_their_sum() -> None:
    one = (sp.Eq(S(P[k]), 1),)
    assert run(terms_within_their_sum, -S(P[k] * sp.log(P[k])) >= 0, one) is not None
    assert run(terms_within_their_sum, S(P[k] ** 2) <= 1, one) is not None
    assert declines(terms_within_their_sum, S(P[k] ** 2) >= 1, one)
    assert declines(terms_within_their_sum, -S(P[k] * sp.log(P[k])) >= 0)  # no total


def test_lemma_instance_renames_and_checks_assumptions() -> None:
    proof = run(lemma_instance, (p + q) / 2 >= sp.sqrt(p * q))
    assert "AM–GM for two numbers" in proof.steps[0].why
    assert run(lemma_instance, p + q >= 2 * sp.sqrt(p * q)) is not None  # scaled by 2
    assert declines(lemma_instance, (u + v) / 2 >= sp.sqrt(u * v))  # signs unknown
    assert declines(lemma_instance, (p + q) / 2 > sp.sqrt(p * q))   # strict: not a lemma
    with proving("am-gm-2"):
        assert declines(lemma_instance, (p + q) / 2 >= sp.sqrt(p * q))
