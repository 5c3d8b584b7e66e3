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
        r"Write the cross-entropy of $\operatorname{softmax}(o)$ against a label distribution "
        r"$y$ as a function of $o$, and compute its first and second derivatives with "
        r"respect to $o$.",
        r"With $\sum_j y_j = 1$ the loss is $l = \operatorname{LSE}(o) - \sum_j y_j o_j$. Its "
        r"gradient is $\partial l/\partial o_i = p_i - y_i$ with $p = \operatorname{softmax}(o)$. "
        r"Differentiating once more, the label term drops out and the Hessian is the whole "
        r"matrix $\partial^2 l/\partial o_i \partial o_j = p_i(\delta_{ij} - p_j)$, that is "
        r"$\operatorname{diag}(p) - p p^T$, the same for every label $y$. Its diagonal "
        r"$p_j(1 - p_j)$ is only part of it: the off-diagonal entries $-p_i p_j$ are not "
        r"zero, so the answer 'the second derivative is $p_j(1 - p_j)$' is refuted as a "
        r"statement about the Hessian.",
        e1.CLAIMS_1_1),
    _ex("1.2", "The variance of the distribution softmax(o)",
        r"Which variance of the distribution $\operatorname{softmax}(o)$ is the Hessian of "
        r"exercise 1.1?",
        r"Let $Y$ be the one-hot random vector with $P(Y = e_j) = p_j$. Then "
        r"$\operatorname{Cov}(Y) = \mathrm{E}[Y Y^T] - \mathrm{E}[Y]\, \mathrm{E}[Y]^T "
        r"= \operatorname{diag}(p) - p p^T$, exactly the Hessian of 1.1 (with "
        r"$p = \operatorname{softmax}(o)$); each diagonal entry is the Bernoulli variance "
        r"$p_j(1 - p_j)$. Equivalently, for a fixed vector $v$, "
        r"$\operatorname{Var}_{J \sim p}[v_J] = v^T(\operatorname{diag}(p) - p p^T)v$. Sums "
        r"of squared deviations from the uniform distribution, such as "
        r"$\sum_j (p_j - 1/n)^2$ or the seed's $\sum_j p_j(p_j - 1/n)^2$, are not this "
        r"variance (both refuted).",
        e1.CLAIMS_1_2),
    _ex("2.1", "Three equally likely classes in binary",
        r"Three classes have probability $1/3$ each. How well does a binary code do?",
        r"The entropy is $\log_2 3 \approx 1.585$ bits. A fixed-length binary code needs "
        r"$\lceil \log_2 3 \rceil = 2$ bits, one of the four codewords is wasted and about "
        r"0.415 bits per symbol are lost. The best prefix code $\{0, 10, 11\}$ averages "
        r"$5/3 \approx 1.667$ bits, still above $\log_2 3$ because $1/3$ is not a power of "
        r"$1/2$.",
        e2.CLAIMS_2_1),
    _ex("2.2", "A better code: encode n observations jointly",
        "Design a better code for the three classes.",
        r"Encode $n$ observations together: the $3^n$ outcomes need "
        r"$\lceil n \log_2 3 \rceil$ bits, so the rate $r_n = \lceil n \log_2 3 \rceil/n$ "
        r"satisfies $\log_2 3 \le r_n < \log_2 3 + 1/n$ and tends to $\log_2 3$ (the limit "
        r"is proved over real $n$, which gives it for the sequence). $n = 2$ still needs 2 "
        r"bits per symbol, $n = 5$ gives $8/5 = 1.6$ and $n = 17$ gives "
        r"$27/17 \approx 1.588$. A Huffman code on pairs (seven codewords of length 3, two "
        r"of length 4) averages $29/18 \approx 1.611$ bits per symbol, below the $5/3$ of "
        r"the single-symbol prefix code. A ternary or one-hot code changes the alphabet or "
        r"wastes bits; it does not answer the question.",
        e2.CLAIMS_2_2),
    _ex("3", "PAM-3 ternary signalling",
        r"How many ternary digits does it take to send the integers $0, \dots, 7$, and "
        r"why can ternary signalling be better than binary?",
        r"Two trits suffice ($3^2 = 9 \ge 8 > 3$, so $\lceil \log_3 8 \rceil = 2$) against "
        r"three bits. Each ternary symbol carries $\log_2 3 \approx 1.585$ bits, so the "
        r"symbol rate (bandwidth) for a given bit rate drops by that factor. In radix "
        r"economy the cost $r \cdot \log_r N = (r/\ln r) \cdot \ln N$ is smallest at $r = e$, "
        r"and among integers 3 beats 2 and 4: "
        r"$3/\ln 3 \approx 2.731 < 2/\ln 2 = 4/\ln 4 \approx 2.885$.",
        e3.CLAIMS_3),
    _ex("4.1", "Bradley–Terry: two items",
        r"With scores $o_{\mathrm{apple}}$ and $o_{\mathrm{orange}}$, show that the softmax "
        r"model prefers the item with the larger score.",
        r"With two items $p_{\mathrm{apple}} = e^{o_a}/(e^{o_a} + e^{o_o}) = \sigma(o_a - o_o)$. "
        r"A larger score raises its own probability "
        r"($\partial p_i/\partial o_i = p_i(1 - p_i) > 0$ for $n \ge 2$) and lowers the "
        r"others' ($\partial p_j/\partial o_i = -p_i p_j < 0$), for any number $n$ of items; "
        r"and the largest score is the most likely, since $p_i/p_j = e^{o_i - o_j} > 1$ when "
        r"$o_i > o_j$.",
        e4.CLAIMS_4_1),
    _ex("4.2", "A third option: neither",
        r"Add the option 'neither' with score $o_n$. What changes?",
        r"There are now three outcomes with probabilities "
        r"$e^{o}/(e^{o_a} + e^{o_o} + e^{o_n})$. The odds "
        r"$p_{\mathrm{apple}}/p_{\mathrm{orange}} = e^{o_a - o_o}$ do not change "
        r"(independence of irrelevant alternatives), and as $o_n \to -\infty$ the two-item "
        r"model comes back.",
        e4.CLAIMS_4_2),
    _ex("5.1", "RealSoftMax exceeds the max",
        r"Show that $\operatorname{RealSoftMax}(a, b) = \log(e^a + e^b) > \max(a, b)$.",
        r"Take $a \ge b$. Then $\log(e^a + e^b) = a + \log(1 + e^{b-a})$ and "
        r"$1 + e^{b-a} > 1$, so the value exceeds $a = \max(a, b)$; the other case is "
        r"symmetric.",
        e5.CLAIMS_5["5.1"] + e5.realsoftmax_factor_max.link_claims(),
        (e5.realsoftmax_factor_max,)),
    _ex("5.2", "How small can the gap be?",
        r"How small can $\operatorname{RealSoftMax}(a, b) - \max(a, b)$ be made?",
        r"With $b = 0$ and $a \ge 0$ the gap is $d(a) = \log(1 + e^{-a})$. It is strictly "
        r"decreasing, largest at $a = b$ where it equals $\log 2$, positive everywhere, and "
        r"tends to 0 as $a \to \infty$. So $0 < \operatorname{RealSoftMax} - \max \le \log 2$: "
        r"the gap can be made as small as wanted by separating $a$ and $b$, but never zero.",
        e5.CLAIMS_5["5.2"] + gap_decreasing_chain.link_claims(), (gap_decreasing_chain,),
        (RSM_GAP,)),
    _ex("5.3", "Scaling by λ",
        r"Show that $\lambda^{-1} \operatorname{RealSoftMax}(\lambda a, \lambda b) > \max(a, b)$ "
        r"for $\lambda > 0$.",
        r"This is exercise 5.1 applied to $\lambda a$ and $\lambda b$, divided by "
        r"$\lambda > 0$. The assumption is needed: for $\lambda < 0$ division by $\lambda$ "
        r"flips the inequality and the value lies below $\min(a, b)$, so the statement 'for "
        r"every $\lambda \ne 0$' is refuted.",
        e5.CLAIMS_5["5.3"]),
    _ex("5.4", "The limit λ → ∞",
        r"Show that $\lambda^{-1} \operatorname{RealSoftMax}(\lambda a, \lambda b) \to \max(a, b)$ "
        r"as $\lambda \to \infty$.",
        r"For all real $a, b$, including $a = b$: "
        r"$\max(a, b) < \lambda^{-1} \operatorname{RealSoftMax}(\lambda a, \lambda b) "
        r"\le \max(a, b) + \log(2)/\lambda$, and both bounds tend to $\max(a, b)$ (squeeze). "
        r"Plain `sympy.limit` with positive $a, b$ answers $b$ here, which is wrong when "
        r"$a > b$; the proof does not rely on it.",
        e5.CLAIMS_5["5.4"], (), (RSM_LAMBDA,)),
    _ex("5.5", "Softmin",
        "What does the soft minimum look like?",
        r"$\operatorname{RealSoftMin}(a, b) = -\log(e^{-a} + e^{-b}) "
        r"= -\operatorname{RealSoftMax}(-a, -b)$. It satisfies "
        r"$\min(a, b) - \log 2 \le \operatorname{RealSoftMin}(a, b) < \min(a, b)$, and the "
        r"$\lambda$-scaled version tends to $\min(a, b)$. The probability vector "
        r"$\operatorname{softmax}(-x)$ is a different object.",
        e5.CLAIMS_5["5.5"]),
    _ex("5.6", "n numbers",
        r"Extend RealSoftMax to $n$ numbers.",
        r"$\operatorname{LSE}(x) = \log \sum_i e^{x_i}$ satisfies "
        r"$\max_i x_i < \operatorname{LSE}(x) \le \max_i x_i + \log n$ for $n \ge 2$ (for "
        r"$n = 1$ it equals $x_1$), with equality on the right exactly when all entries are "
        r"equal, and $\lambda^{-1} \operatorname{LSE}(\lambda x) \to \max_i x_i$ as "
        r"$\lambda \to \infty$.",
        e5.CLAIMS_5["5.6"]),
    _ex("6.1", "The log-partition function is convex",
        r"Show that $g(x) = \log \sum_i e^{x_i}$ is convex.",
        r"$\nabla g = \operatorname{softmax}(x) = p$ and "
        r"$\nabla^2 g = \operatorname{diag}(p) - p p^T$. For every $v$, "
        r"$v^T \nabla^2 g\, v = \sum_i p_i v_i^2 - (\sum_i p_i v_i)^2 "
        r"= \sum_i p_i (v_i - \bar{v})^2 \ge 0$ with $\bar{v} = \sum_i p_i v_i$: a variance, "
        r"so the Hessian is positive semidefinite and $g$ is convex. It is not strictly "
        r"convex: the form vanishes at $v = 1$. Positive diagonal entries alone do not give "
        r"convexity: $\left(\begin{smallmatrix} 1 & 2 \\ 2 & 1 \end{smallmatrix}\right)$ has "
        r"them and is not PSD (that step is refuted).",
        e6.CLAIMS_6["6.1"]),
    _ex("6.2", "Translation",
        r"What happens to $g$ when a constant $b$ is added to every coordinate?",
        r"$g(x + b \cdot 1) = g(x) + b$. The book's printed $g(x + b) = g(x)$ is false for "
        r"$b \ne 0$ (refuted); what is invariant under the shift is "
        r"$\operatorname{softmax}(x + b \cdot 1) = \operatorname{softmax}(x)$.",
        e6.CLAIMS_6["6.2"]),
    _ex("6.3", "Very large or very small x",
        r"What happens numerically when some $x_i$ are very large, or all very negative?",
        r"In float64, $e^x$ overflows to inf for $x > \ln(\mathtt{DBL\_MAX}) \approx 709.78$ "
        r"(float32: $\approx 88.72$), so naive $g$ is inf and naive softmax is nan "
        r"($\mathrm{inf}/\mathrm{inf}$). For $x$ below about $-745.13$ every $e^{x_i}$ "
        r"underflows to 0, so naive $g$ is $\log 0 = -\mathrm{inf}$ and softmax is "
        r"$0/0 = \mathrm{nan}$. The terms do not become 'close to 1' (refuted). The float64 "
        r"facts are settled by running the computation; the thresholds themselves are "
        r"proved about the reals.",
        e6.CLAIMS_6["6.3"], (), (LOG_PARTITION,)),
    _ex("6.4", "The stable form",
        r"Use the translation property to compute $g$ without overflow or underflow.",
        r"With $m = \max_i x_i$, $g(x) = m + \log \sum_i e^{x_i - m}$. Every exponent is "
        r"$\le 0$ (no overflow) and the largest term is exactly 1, so the sum lies in "
        r"$[1, n]$ (no $\log 0$): the result is finite for every finite input. "
        r"$x = (225, 617, 950)$ gives naive inf and stable 950.0; $x = (-1000, -1001)$ gives "
        r"naive $-\mathrm{inf}$ and stable $-1000 + \log(1 + e^{-1}) \approx -999.6867$.",
        e6.CLAIMS_6["6.4"] + stable_lse_chain.link_claims(), (stable_lse_chain,)),
    _ex("7.1", "Temperature: doubling and halving",
        r"With $Q(i) \propto P(i)^\alpha$ and $P(i) \propto e^{-\varepsilon_i/T}$, which "
        r"$\alpha$ doubles or halves the temperature?",
        r"$P(i)^\alpha \propto e^{-\varepsilon_i/(T/\alpha)}$: the same family at "
        r"temperature $T/\alpha$. Doubling the temperature takes $\alpha = 1/2$; halving it "
        r"takes $\alpha = 2$. Swapping the two is refuted.",
        e7.CLAIMS_7["7.1"], (), (TEMPERATURE,)),
    _ex("7.2", "Temperature to zero",
        r"What happens as $T \to 0$ ($\alpha \to \infty$)?",
        r"$Q$ tends to the one-hot distribution on the most probable state (lowest "
        r"energy): its probability tends to 1 and every higher energy's to 0. With ties, "
        r"the limit is uniform over the tied lowest states (two tied states get $1/2$ "
        r"each).",
        e7.CLAIMS_7["7.2"], (), (TEMPERATURE,)),
    _ex("7.3", "Temperature to infinity",
        r"What happens as $T \to \infty$ ($\alpha \to 0^+$)?",
        r"$Q$ tends to the uniform distribution on the support of $P$, whatever the "
        r"energies (ties or not). Published answers that swap $\alpha$ and $T$ get the two "
        r"limits reversed: '$T \to 0$ gives uniform' and '$T \to \infty$ gives one-hot' are "
        r"both refuted.",
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
