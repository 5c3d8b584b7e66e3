"""The figures of a sheet, drawn with matplotlib (Agg) deterministically.

An `Exercise(figures=...)` entry is either

- a `proofs.Figure` declared with the sheet (the catalog's in `derivations/`, a user's in
  their own module): its `draw(fig)` draws into an empty figure here, under fixed styles;
- `"graph:EXPR@x=-2,y=5,z=-4"`: the computational graph of EXPR (parsed by
  `proofs.parsing`) with the forward values and gradients of `proofs.graph` at the
  point (the notes' four graphs are written so).

Plots are PNG files for both sheets (`<name>.png`); graphs are TikZ in LaTeX and PNG in
Markdown (file `graph-<readable part of EXPR>-<hash>.png`, see `file_stem`).
Same inputs, same bytes: no timestamps or software tags in the files, fixed rcParams.
"""

from __future__ import annotations

import hashlib
import inspect
import io
import re
from importlib import metadata
from pathlib import Path

from proofs import Figure

from .atomic import write_bytes
from .graph_drawing import PREFIX, draw, drawing, figure_size, to_tikz
from .stamps import digest

RC = {
    "figure.dpi": 100, "savefig.dpi": 130, "font.family": "DejaVu Sans", "font.size": 10,
    "axes.grid": True, "grid.alpha": 0.3, "svg.hashsalt": "qedsheet", "svg.fonttype": "path",
    "path.simplify": True, "lines.linewidth": 1.6,
    "mathtext.fontset": "dejavusans",
}
PNG_METADATA = {"Software": None}


Entry = Figure | str  # a plot declared with its sheet, or "graph:EXPR@x=1,y=2"


def caption(entry: Entry) -> str:
    """The caption of a plot (prose, possibly with $math$)."""
    return entry.caption if isinstance(entry, Figure) else f"Figure {entry}."


def is_graph(entry: Entry) -> bool:
    return isinstance(entry, str) and entry.startswith(PREFIX)


def check_name(entry: Entry) -> None:
    """A one-line ValueError for an entry that is neither a Figure nor a graph spec."""
    if is_graph(entry):
        drawing(entry)
    elif not isinstance(entry, Figure):
        raise ValueError(f"unknown figure {entry!r}: a figure is a proofs.Figure declared "
                         "with the sheet, or a graph written 'graph:EXPR@x=...,y=...'")


def file_stem(entry: Entry) -> str:
    """The file name (without .png) of a figure: a plot by its name, a graph by a
    readable slug of the expression plus a short hash of the whole spec."""
    if isinstance(entry, Figure):
        return entry.name
    name = entry
    expr = name[len(PREFIX):].rpartition("@")[0]
    slug = re.sub(r"[^A-Za-z0-9]+", "-", expr).strip("-")[:32].rstrip("-")
    return f"graph-{slug}-{hashlib.sha1(name.encode()).hexdigest()[:6]}"


def png_bytes(name: Entry) -> bytes:
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
        if isinstance(name, Figure):
            fig = plt.figure(figsize=name.size, layout="constrained")
            try:
                name.draw(fig)
            except Exception as exc:  # the sheet's own drawing code
                plt.close(fig)
                detail = " ".join(str(exc).split())[:200]
                raise ValueError(f"figure {name.name}: its draw function failed "
                                 f"({type(exc).__name__}: {detail})") from None
            for ax in fig.axes:  # a title wider than the figure goes on two lines
                ax.title.set_wrap(True)
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


def tikz(name: Entry) -> str:
    """The TikZ picture of a graph figure."""
    check_name(name)
    if not is_graph(name):
        raise ValueError(f"figure {name!r} is a plot, not a graph")
    return to_tikz(drawing(name))


def inputs_digest(entry: Entry) -> str:
    """A digest of what the figure's PNG is made from: the entry, the source file of a
    plot's draw function, this module's drawing code and matplotlib's version."""
    parts: list[bytes | str] = [file_stem(entry), _own_sources(), _version("matplotlib")]
    if isinstance(entry, Figure):
        parts += [repr(entry.size), getattr(entry.draw, "__qualname__", "?")]
        try:
            parts.append(Path(inspect.getsourcefile(entry.draw) or "").read_bytes())
        except (OSError, TypeError):
            parts.append(f"unreadable source {id(entry)}")  # never up to date
    else:
        parts.append(entry)
    return digest(*parts)


def _own_sources() -> bytes:
    here = Path(__file__).resolve().parent
    return b"".join((here / f).read_bytes() for f in ("figures.py", "graph_drawing.py"))


def _version(lib: str) -> str:
    try:
        return metadata.version(lib)
    except metadata.PackageNotFoundError:
        return "?"


def write_png(name: Entry, directory: str | Path) -> Path:
    """Write `directory/<file_stem(name)>.png` atomically; return its path."""
    return write_bytes(Path(directory) / f"{file_stem(name)}.png", png_bytes(name))
