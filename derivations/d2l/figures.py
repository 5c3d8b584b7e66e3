"""The plots of the D2L 4.1.5 sheet, declared as `proofs.Figure`s and drawn by render/.

Each function draws into an empty matplotlib figure (numpy is imported only when a plot
is drawn, so importing the catalog stays quick).
"""

from __future__ import annotations

from proofs import Figure


def _rsm_gap(fig) -> None:
    import numpy as np

    ax = fig.add_subplot()
    a = np.linspace(-6, 6, 601)
    gap = np.log1p(np.exp(-np.abs(a)))
    ax.plot(a, gap, label=r"$\mathrm{RealSoftMax}(a, 0) - \max(a, 0)$")
    ax.axhline(np.log(2), ls="--", color="gray", lw=1, label=r"$\log 2$ (the gap at $a = 0$)")
    ax.set_xlabel("$a$")
    ax.set_ylabel("gap")
    ax.set_ylim(0, 0.8)
    ax.legend(loc="upper right")
    ax.set_title("The gap is positive, largest at a = b, and tends to 0")


def _rsm_lambda(fig) -> None:
    import numpy as np

    ax = fig.add_subplot()
    a = np.linspace(-3, 3, 601)
    b = 0.5
    for lam in (0.5, 1, 2, 5, 20):
        ax.plot(a, np.logaddexp(lam * a, lam * b) / lam, label=rf"$\lambda = {lam:g}$")
    ax.plot(a, np.maximum(a, b), color="black", ls="--", lw=1.2, label=r"$\max(a, b)$")
    ax.set_xlabel(f"$a$  (b = {b:g})")
    ax.set_ylabel(r"$\lambda^{-1}\,\mathrm{RealSoftMax}(\lambda a, \lambda b)$")
    ax.legend(loc="upper left")
    ax.set_title("Larger λ: closer to max(a, b), always above it")


def _log_partition(fig) -> None:
    import numpy as np

    ax = fig.add_subplot()
    x = np.linspace(-4, 4, 161)
    x1, x2 = np.meshgrid(x, x)
    g = np.logaddexp(x1, x2)
    cs = ax.contour(x1, x2, g, levels=np.arange(-3, 5.5, 0.5), cmap="viridis")
    ax.clabel(cs, fmt="%.1f", fontsize=7)
    ax.plot(x, x, color="gray", ls=":", lw=1)
    ax.set_xlabel("$x_1$")
    ax.set_ylabel("$x_2$")
    ax.set_aspect("equal")
    ax.set_title(r"$g(x) = \log(e^{x_1} + e^{x_2})$" + "\nconvex; level sets bend around the max")


def _temperature(fig) -> None:
    import numpy as np

    ax = fig.add_subplot()
    p = np.array([0.05, 0.1, 0.15, 0.3, 0.4])
    alphas = (0.0, 0.5, 1.0, 2.0, 8.0)
    width = 0.8 / len(alphas)
    idx = np.arange(len(p))
    for k, alpha in enumerate(alphas):
        q = p ** alpha / np.sum(p ** alpha)
        ax.bar(idx + (k - (len(alphas) - 1) / 2) * width, q, width,
               label=rf"$\alpha = {alpha:g}$ (T/{alpha:g})" if alpha else r"$\alpha = 0$ (T → ∞)")
    ax.set_xticks(idx, [f"state {i + 1}" for i in idx])
    ax.set_ylabel(r"$Q(i) \propto P(i)^\alpha$")
    ax.legend(loc="upper left", fontsize=8)
    ax.set_title("α → 0: uniform; α = 1: P itself;\nα → ∞: one-hot on the most likely state")


RSM_GAP = Figure(
    "rsm-gap", _rsm_gap, size=(6.0, 3.6),
    caption=r"The gap $\operatorname{RealSoftMax}(a, 0) - \max(a, 0) = \log(1 + e^{-|a|})$: "
            r"positive, largest ($\log 2$) at $a = 0$, tending to 0.")
RSM_LAMBDA = Figure(
    "rsm-lambda", _rsm_lambda, size=(6.0, 3.8),
    caption=r"$\lambda^{-1} \operatorname{RealSoftMax}(\lambda a, \lambda b)$ for several "
            r"$\lambda > 0$: above $\max(a, b)$, closer to it as $\lambda$ grows.")
LOG_PARTITION = Figure(
    "log-partition", _log_partition, size=(5.2, 5.0),
    caption=r"Level sets of the log-partition function $g(x_1, x_2) = \log(e^{x_1} + e^{x_2})$.")
TEMPERATURE = Figure(
    "temperature", _temperature, size=(6.4, 3.8),
    caption=r"$Q(i) \propto P(i)^\alpha$ for several $\alpha$ over the same $P$.")
