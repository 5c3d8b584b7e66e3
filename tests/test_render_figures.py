"""Figures: every plot and a graph draw, the same bytes every time, no metadata stamps."""

import pytest

from render import figures

GRAPH = "graph:2*(x*y+max(z,w))@x=3,y=-4,z=2,w=-1"


@pytest.mark.parametrize("name", [*figures.NAMES, GRAPH])
def test_figure_is_deterministic_png(name):
    a, b = figures.png_bytes(name), figures.png_bytes(name)
    assert a[:8] == b"\x89PNG\r\n\x1a\n" and a == b
    assert b"matplotlib" not in a.lower() and b"Software" not in a
    assert name.partition(":")[0] in figures.__doc__


def test_graphs_have_tikz_and_unknown_names_fail():
    assert figures.tikz(GRAPH).startswith(r"\begin{tikzpicture}")
    with pytest.raises(ValueError, match="unknown figure"):
        figures.png_bytes("no-such-figure")
    with pytest.raises(ValueError):
        figures.tikz("rsm-gap")


def test_file_stems_are_safe_and_distinct():
    other = GRAPH.replace("z=2", "z=5")
    a, b = figures.file_stem(GRAPH), figures.file_stem(other)
    assert a != b and a.startswith("graph-2-x-y-max-z-w-")
    assert all(ch.isalnum() or ch == "-" for ch in a)
    assert figures.file_stem("rsm-gap") == "rsm-gap"
