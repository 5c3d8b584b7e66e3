"""The D2L 4.1.5 solution sheet: every sub-exercise as claims, answers and derivations.

    >>> from derivations.d2l.ex5_realsoftmax import realsoftmax_exceeds_max
    >>> realsoftmax_exceeds_max.source
    'd2l-4.1.5/ex5.1'
"""

from __future__ import annotations

import sympy as sp

from proofs import Derivation, Exercise, Sheet

from . import ex1_exponential_family as e1
from . import ex2_coding as e2
from . import ex3_ternary as e3
from . import ex4_bradley_terry as e4
from . import ex5_realsoftmax as e5
from . import ex6_log_partition as e6
from . import ex7_temperature as e7
from .figures import LOG_PARTITION, RSM_GAP, RSM_LAMBDA, TEMPERATURE
from .notation import a

_gap = sp.log(1 + sp.exp(-a))
gap_decreasing_chain = Derivation.chain(
    "rsm_gap_b0_derivative", sp.Derivative(_gap, a),
    (-1 / (1 + sp.exp(a)), "differentiate: -e^{-a}/(1 + e^{-a}) = -1/(1 + e^a)"),
    ("<", 0, "1 + e^a > 0"),
    source="d2l-4.1.5/ex5.2", title="the gap d(a) is strictly decreasing")

stable_lse_chain = Derivation.chain(
    "stable_lse_225_617_950", sp.log(sp.exp(225) + sp.exp(617) + sp.exp(950)),
    (950 + sp.log(sp.exp(-725) + sp.exp(-333) + 1), "factor out e^{950}, the largest term"),
    source="d2l-4.1.5/ex6.4", title="the stable form of LSE(225, 617, 950)")


def _ex(key: str, title: str, question: str, answer: str, claims: tuple = (),
        derivations: tuple = (), figures: tuple = ()) -> Exercise:
    src = "d2l-4.1.5/ex3" if key == "3" else f"d2l-4.1.5/ex{key}"
    return Exercise(key, src, title, question, answer, tuple(claims), tuple(derivations),
                    tuple(figures))


EXERCISES = (
    _ex("1.1", "Gradient and Hessian of the softmax cross-entropy",
        "Write the cross-entropy of softmax(o) against a label distribution y as a function "
        "of o, and compute its first and second derivatives with respect to o.",
        "With Σ_j y_j = 1 the loss is l = LSE(o) − Σ_j y_j o_j. Its gradient is "
        "∂l/∂o_i = p_i − y_i with p = softmax(o). Differentiating once more, the label "
        "term drops out and the Hessian is the whole matrix ∂²l/∂o_i∂o_j = p_i(δ_ij − p_j), "
        "that is diag(p) − p pᵀ, the same for every label y. Its diagonal p_j(1 − p_j) is "
        "only part of it: the off-diagonal entries −p_i p_j are not zero, so the answer "
        "'the second derivative is p_j(1 − p_j)' is refuted as a statement about the Hessian.",
        e1.CLAIMS_1_1),
    _ex("1.2", "The variance of the distribution softmax(o)",
        "Which variance of the distribution softmax(o) is the Hessian of exercise 1.1?",
        "Let Y be the one-hot random vector with P(Y = e_j) = p_j. Then "
        "Cov(Y) = E[Y Yᵀ] − E[Y] E[Y]ᵀ = diag(p) − p pᵀ, exactly the Hessian of 1.1 (with "
        "p = softmax(o)); each diagonal entry is the Bernoulli variance p_j(1 − p_j). "
        "Equivalently, for a fixed vector v, Var_{J~p}[v_J] = vᵀ(diag(p) − p pᵀ)v. "
        "Sums of squared deviations from the uniform distribution, such as Σ_j (p_j − 1/n)² "
        "or the seed's Σ_j p_j(p_j − 1/n)², are not this variance (both refuted).",
        e1.CLAIMS_1_2),
    _ex("2.1", "Three equally likely classes in binary",
        "Three classes have probability 1/3 each. How well does a binary code do?",
        "The entropy is log2 3 ≈ 1.585 bits. A fixed-length binary code needs "
        "⌈log2 3⌉ = 2 bits, one of the four codewords is wasted and about 0.415 bits per "
        "symbol are lost. The best prefix code {0, 10, 11} averages 5/3 ≈ 1.667 bits, still "
        "above log2 3 because 1/3 is not a power of 1/2.",
        e2.CLAIMS_2_1),
    _ex("2.2", "A better code: encode n observations jointly",
        "Design a better code for the three classes.",
        "Encode n observations together: the 3^n outcomes need ⌈n log2 3⌉ bits, so the rate "
        "r_n = ⌈n log2 3⌉/n satisfies log2 3 ≤ r_n < log2 3 + 1/n and tends to log2 3 (the "
        "limit is proved over real n, which gives it for the sequence). n = 2 still needs 2 "
        "bits per symbol, n = 5 gives 8/5 = 1.6 and n = 17 gives 27/17 ≈ 1.588. A Huffman "
        "code on pairs (seven codewords of length 3, two of length 4) averages 29/18 ≈ 1.611 "
        "bits per symbol, below the 5/3 of the single-symbol prefix code. A ternary or "
        "one-hot code changes the alphabet or wastes bits; it does not answer the question.",
        e2.CLAIMS_2_2),
    _ex("3", "PAM-3 ternary signalling",
        "How many ternary digits does it take to send the integers 0..7, and why can "
        "ternary signalling be better than binary?",
        "Two trits suffice (3² = 9 ≥ 8 > 3, so ⌈log_3 8⌉ = 2) against three bits. Each "
        "ternary symbol carries log2 3 ≈ 1.585 bits, so the symbol rate (bandwidth) for a "
        "given bit rate drops by that factor. In radix economy the cost r·log_r N = "
        "(r/ln r)·ln N is smallest at r = e, and among integers 3 beats 2 and 4: "
        "3/ln 3 ≈ 2.731 < 2/ln 2 = 4/ln 4 ≈ 2.885.",
        e3.CLAIMS_3),
    _ex("4.1", "Bradley–Terry: two items",
        "With scores o_apple and o_orange, show that the softmax model prefers the item "
        "with the larger score.",
        "With two items p_apple = e^{o_a}/(e^{o_a} + e^{o_o}) = σ(o_a − o_o). A larger score "
        "raises its own probability (∂p_i/∂o_i = p_i(1 − p_i) > 0 for n ≥ 2) and lowers the "
        "others' (∂p_j/∂o_i = −p_i p_j < 0), for any number n of items; and the largest "
        "score is the most likely, since p_i/p_j = e^{o_i − o_j} > 1 when o_i > o_j.",
        e4.CLAIMS_4_1),
    _ex("4.2", "A third option: neither",
        "Add the option 'neither' with score o_n. What changes?",
        "There are now three outcomes with probabilities e^{o}/(e^{o_a} + e^{o_o} + e^{o_n}). "
        "The odds p_apple/p_orange = e^{o_a − o_o} do not change (independence of irrelevant "
        "alternatives), and as o_n → −∞ the two-item model comes back.",
        e4.CLAIMS_4_2),
    _ex("5.1", "RealSoftMax exceeds the max",
        "Show that RealSoftMax(a, b) = log(e^a + e^b) > max(a, b).",
        "Take a ≥ b. Then log(e^a + e^b) = a + log(1 + e^{b−a}) and 1 + e^{b−a} > 1, so the "
        "value exceeds a = max(a, b); the other case is symmetric.",
        e5.CLAIMS_5["5.1"] + e5.realsoftmax_factor_max.link_claims(),
        (e5.realsoftmax_factor_max,)),
    _ex("5.2", "How small can the gap be?",
        "How small can RealSoftMax(a, b) − max(a, b) be made?",
        "With b = 0 and a ≥ 0 the gap is d(a) = log(1 + e^{−a}). It is strictly decreasing, "
        "largest at a = b where it equals log 2, positive everywhere, and tends to 0 as "
        "a → ∞. So 0 < RealSoftMax − max ≤ log 2: the gap can be made as small as wanted "
        "by separating a and b, but never zero.",
        e5.CLAIMS_5["5.2"] + gap_decreasing_chain.link_claims(), (gap_decreasing_chain,),
        (RSM_GAP,)),
    _ex("5.3", "Scaling by λ",
        "Show that λ⁻¹ RealSoftMax(λa, λb) > max(a, b) for λ > 0.",
        "This is exercise 5.1 applied to λa and λb, divided by λ > 0. The assumption is "
        "needed: for λ < 0 division by λ flips the inequality and the value lies below "
        "min(a, b), so the statement 'for every λ ≠ 0' is refuted.",
        e5.CLAIMS_5["5.3"]),
    _ex("5.4", "The limit λ → ∞",
        "Show that λ⁻¹ RealSoftMax(λa, λb) → max(a, b) as λ → ∞.",
        "For all real a, b, including a = b: max(a, b) < λ⁻¹ RealSoftMax(λa, λb) ≤ "
        "max(a, b) + log(2)/λ, and both bounds tend to max(a, b) (squeeze). Plain "
        "sympy.limit with positive a, b answers b here, which is wrong when a > b; the proof "
        "does not rely on it.",
        e5.CLAIMS_5["5.4"], (), (RSM_LAMBDA,)),
    _ex("5.5", "Softmin",
        "What does the soft minimum look like?",
        "RealSoftMin(a, b) = −log(e^{−a} + e^{−b}) = −RealSoftMax(−a, −b). It satisfies "
        "min(a, b) − log 2 ≤ RealSoftMin(a, b) < min(a, b), and the λ-scaled version tends "
        "to min(a, b). The probability vector softmax(−x) is a different object.",
        e5.CLAIMS_5["5.5"]),
    _ex("5.6", "n numbers",
        "Extend RealSoftMax to n numbers.",
        "LSE(x) = log Σ_i e^{x_i} satisfies max_i x_i < LSE(x) ≤ max_i x_i + log n for "
        "n ≥ 2 (for n = 1 it equals x_1), with equality on the right exactly when all "
        "entries are equal, and λ⁻¹ LSE(λx) → max_i x_i as λ → ∞.",
        e5.CLAIMS_5["5.6"]),
    _ex("6.1", "The log-partition function is convex",
        "Show that g(x) = log Σ_i e^{x_i} is convex.",
        "∇g = softmax(x) = p and ∇²g = diag(p) − p pᵀ. For every v, vᵀ∇²g v = "
        "Σ_i p_i v_i² − (Σ_i p_i v_i)² = Σ_i p_i (v_i − v̄)² ≥ 0 with v̄ = Σ_i p_i v_i: a "
        "variance, so the Hessian is positive semidefinite and g is convex. It is not "
        "strictly convex: the form vanishes at v = 1. Positive diagonal entries alone do "
        "not give convexity: [[1, 2], [2, 1]] has them and is not PSD (that step is refuted).",
        e6.CLAIMS_6["6.1"]),
    _ex("6.2", "Translation",
        "What happens to g when a constant b is added to every coordinate?",
        "g(x + b·1) = g(x) + b. The book's printed g(x + b) = g(x) is false for b ≠ 0 "
        "(refuted); what is invariant under the shift is softmax(x + b·1) = softmax(x).",
        e6.CLAIMS_6["6.2"]),
    _ex("6.3", "Very large or very small x",
        "What happens numerically when some x_i are very large, or all very negative?",
        "In float64, e^x overflows to inf for x > ln(DBL_MAX) ≈ 709.78 (float32: ≈ 88.72), "
        "so naive g is inf and naive softmax is nan (inf/inf). For x below about −745.13 "
        "every e^{x_i} underflows to 0, so naive g is log 0 = −inf and softmax is 0/0 = nan. "
        "The terms do not become 'close to 1' (refuted). The float64 facts are settled by "
        "running the computation; the thresholds themselves are proved about the reals.",
        e6.CLAIMS_6["6.3"], (), (LOG_PARTITION,)),
    _ex("6.4", "The stable form",
        "Use the translation property to compute g without overflow or underflow.",
        "With m = max_i x_i, g(x) = m + log Σ_i e^{x_i − m}. Every exponent is ≤ 0 (no "
        "overflow) and the largest term is exactly 1, so the sum lies in [1, n] (no log 0): "
        "the result is finite for every finite input. x = (225, 617, 950) gives naive inf "
        "and stable 950.0; x = (−1000, −1001) gives naive −inf and stable "
        "−1000 + log(1 + e^{−1}) ≈ −999.6867.",
        e6.CLAIMS_6["6.4"] + stable_lse_chain.link_claims(), (stable_lse_chain,)),
    _ex("7.1", "Temperature: doubling and halving",
        "With Q(i) ∝ P(i)^α and P(i) ∝ e^{−ε_i/T}, which α doubles or halves the "
        "temperature?",
        "P(i)^α ∝ e^{−ε_i/(T/α)}: the same family at temperature T/α. Doubling the "
        "temperature takes α = 1/2; halving it takes α = 2. Swapping the two is refuted.",
        e7.CLAIMS_7["7.1"], (), (TEMPERATURE,)),
    _ex("7.2", "Temperature to zero",
        "What happens as T → 0 (α → ∞)?",
        "Q tends to the one-hot distribution on the most probable state (lowest energy): "
        "its probability tends to 1 and every higher energy's to 0. With ties, the limit is "
        "uniform over the tied lowest states (two tied states get 1/2 each).",
        e7.CLAIMS_7["7.2"], (), (TEMPERATURE,)),
    _ex("7.3", "Temperature to infinity",
        "What happens as T → ∞ (α → 0⁺)?",
        "Q tends to the uniform distribution on the support of P, whatever the energies "
        "(ties or not). Published answers that swap α and T get the two limits reversed: "
        "'T → 0 gives uniform' and 'T → ∞ gives one-hot' are both refuted.",
        e7.CLAIMS_7["7.3"], (), (TEMPERATURE,)),
)

SHEET = Sheet(
    name="d2l-4.1.5",
    title="Dive into Deep Learning 4.1.5: softmax regression exercises",
    intro="Every answer rests on claims that the engine proves symbolically (or refutes "
          "with a counterexample, for the recorded mistakes of the book, the seed blog and "
          "other published answers); float64 facts are settled by running the computation.",
    exercises=EXERCISES,
)
