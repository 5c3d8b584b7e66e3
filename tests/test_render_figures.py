"""Figures: plots declared with their sheet and graphs draw the same bytes every time, with
no metadata stamps; anything else is a one-line error."""

import pytest
import render_fixture as fx

from derivations.d2l import figures as d2l_figures
from proofs import Figure
from render import figures

GRAPH = "graph:2*(x*y+max(z,w))@x=3,y=-4,z=2,w=-1"
CATALOG_PLOTS = [d2l_figures.RSM_GAP, d2l_figures.RSM_LAMBDA, d2l_figures.LOG_PARTITION,
                 d2l_figures.TEMPERATURE]


@pytest.mark.parametrize("entry", [*CATALOG_PLOTS, fx.GAP, GRAPH], ids=figures.file_stem)
def test_figure_is_deterministic_png(entry):
    a, b = figures.png_bytes(entry), figures.png_bytes(entry)
    assert a[:8] == b"\x89PNG\r\n\x1a\n" and a == b
    assert b"matplotlib" not in a.lower() and b"Software" not in a


def test_graphs_have_tikz_and_anything_else_fails():
    assert figures.tikz(GRAPH).startswith(r"\begin{tikzpicture}")
    with pytest.raises(ValueError, match="unknown figure 'rsm-gap'"):
        figures.png_bytes("rsm-gap")           # a plot is a Figure now, not a name
    with pytest.raises(ValueError):
        figures.tikz(fx.GAP)


def test_file_stems_are_safe_and_distinct():
    other = GRAPH.replace("z=2", "z=5")
    a, b = figures.file_stem(GRAPH), figures.file_stem(other)
    assert a != b and a.startswith("graph-2-x-y-max-z-w-")
    assert all(ch.isalnum() or ch == "-" for ch in a)
    assert figures.file_stem(fx.GAP) == "fx-gap" and figures.caption(fx.GAP) == fx.GAP.caption


@pytest.mark.parametrize("name", ["", "has space", "../up", "graph-x", "a/b"])
def test_figure_names_must_be_file_names(name):
    with pytest.raises(ValueError):
        Figure(name, lambda fig: None)
