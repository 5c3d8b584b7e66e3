"""The figures a sheet can show, by name, drawn with matplotlib (Agg) deterministically.

Names an `Exercise(figures=...)` may use:

- `rsm-gap`: RealSoftMax(a, 0) − max(a, 0) = log(1 + e^{−|a|}), at most log 2 (ex. 5.2)
- `rsm-lambda`: λ⁻¹ RealSoftMax(λa, λb) against a for several λ, tending to max (ex. 5.4)
- `log-partition`: contours of g(x₁, x₂) = log(e^{x₁} + e^{x₂}) (ex. 6.3)
- `temperature`: Q ∝ P^α for several α over the same P (ex. 7)
- `graph:EXPR@x=-2,y=5,z=-4`: the computational graph of EXPR (parsed by
  `proofs.parsing`) with the forward values and gradients of `proofs.graph` at the
  point, e.g. `graph:(x+y)*z@x=-2,y=5,z=-4` (the notes' four graphs are named so)

Plots are PNG files for both sheets; graphs are TikZ in LaTeX and PNG in Markdown
(file `graph-<readable part of EXPR>-<hash>.png`, see `file_stem`).
Same inputs, same bytes: no timestamps or software tags in the files, fixed rcParams.
"""

from __future__ import annotations

import hashlib
import io
import re
from collections.abc import Callable
from pathlib import Path

import numpy as np

from .atomic import write_bytes
from .graph_drawing import PREFIX, draw, drawing, figure_size, to_tikz

RC = {
    "figure.dpi": 100, "savefig.dpi": 130, "font.family": "DejaVu Sans", "font.size": 10,
    "axes.grid": True, "grid.alpha": 0.3, "svg.hashsalt": "qedsheet", "svg.fonttype": "path",
    "path.simplify": True, "lines.linewidth": 1.6,
    "mathtext.fontset": "dejavusans",
}
PNG_METADATA = {"Software": None}


def _rsm_gap(fig) -> None:
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
    ax.set_title(r"$g(x) = \log(e^{x_1} + e^{x_2})$: convex, level sets bend around the max")


def _temperature(fig) -> None:
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
    ax.set_title("α → 0: uniform; α = 1: P itself; α → ∞: one-hot on the most likely state")


PLOTS: dict[str, tuple[Callable, tuple[float, float]]] = {
    "rsm-gap": (_rsm_gap, (6.0, 3.6)),
    "rsm-lambda": (_rsm_lambda, (6.0, 3.8)),
    "log-partition": (_log_partition, (5.2, 5.0)),
    "temperature": (_temperature, (6.4, 3.8)),
}
NAMES: tuple[str, ...] = tuple(PLOTS)
CAPTIONS: dict[str, str] = {
    "rsm-gap": r"The gap $\operatorname{RealSoftMax}(a, 0) - \max(a, 0) = \log(1 + e^{-|a|})$: "
               r"positive, largest ($\log 2$) at $a = 0$, tending to 0.",
    "rsm-lambda": r"$\lambda^{-1} \operatorname{RealSoftMax}(\lambda a, \lambda b)$ for several "
                  r"$\lambda > 0$: above $\max(a, b)$, closer to it as $\lambda$ grows.",
    "log-partition": r"Level sets of the log-partition function "
                     r"$g(x_1, x_2) = \log(e^{x_1} + e^{x_2})$.",
    "temperature": r"$Q(i) \propto P(i)^\alpha$ for several $\alpha$ over the same $P$.",
}


def caption(name: str) -> str:
    """A one-sentence caption for a plot (plain text)."""
    return CAPTIONS.get(name, f"Figure {name}.")


def is_graph(name: str) -> bool:
    return name.startswith(PREFIX)


def check_name(name: str) -> None:
    """A one-line ValueError for a figure name nobody knows how to draw."""
    if is_graph(name):
        drawing(name)
    elif name not in NAMES:
        raise ValueError(f"unknown figure {name!r}; known figures: {', '.join(NAMES)}, "
                         "graph:EXPR@x=...,y=...")


def file_stem(name: str) -> str:
    """The file name (without .png) of a figure: plots by name, graphs by a readable
    slug of the expression plus a short hash of the whole name."""
    if not is_graph(name):
        return name
    expr = name[len(PREFIX):].rpartition("@")[0]
    slug = re.sub(r"[^A-Za-z0-9]+", "-", expr).strip("-")[:32].rstrip("-")
    return f"graph-{slug}-{hashlib.sha1(name.encode()).hexdigest()[:6]}"


def png_bytes(name: str) -> bytes:
    """The figure as PNG bytes (the same bytes on every call)."""
    check_name(name)
    import matplotlib

    matplotlib.use("Agg", force=True)
    import matplotlib.pyplot as plt
    from cycler import cycler

    rc = dict(RC)
    rc["axes.prop_cycle"] = cycler(color=["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728",
                                          "#9467bd", "#8c564b"])
    with matplotlib.rc_context(rc):
        if name in PLOTS:
            fn, size = PLOTS[name]
            fig = plt.figure(figsize=size, layout="constrained")
            fn(fig)
        else:
            g = drawing(name)
            fig = plt.figure(figsize=figure_size(g))
            ax = fig.add_axes((0.0, 0.0, 1.0, 0.9))
            draw(g, ax)
            fig.suptitle(g.title + r"   (green: value, red: gradient)", fontsize=10)
        buf = io.BytesIO()
        fig.savefig(buf, format="png", metadata=PNG_METADATA)
        plt.close(fig)
    return buf.getvalue()


def tikz(name: str) -> str:
    """The TikZ picture of a graph figure."""
    check_name(name)
    if not is_graph(name):
        raise ValueError(f"figure {name!r} is a plot, not a graph")
    return to_tikz(drawing(name))


def write_png(name: str, directory: str | Path) -> Path:
    """Write `directory/<file_stem(name)>.png` atomically; return its path."""
    return write_bytes(Path(directory) / f"{file_stem(name)}.png", png_bytes(name))
