"""Figures: every documented name draws, the same bytes every time, no metadata stamps."""

import pytest

from render import figures


@pytest.mark.parametrize("name", figures.NAMES)
def test_figure_is_deterministic_png(name):
    a, b = figures.png_bytes(name), figures.png_bytes(name)
    assert a[:8] == b"\x89PNG\r\n\x1a\n" and a == b
    assert b"matplotlib" not in a.lower() and b"Software" not in a
    assert name in figures.__doc__


def test_graphs_have_tikz_and_unknown_names_fail():
    assert figures.tikz("graph-max").startswith(r"\begin{tikzpicture}")
    with pytest.raises(ValueError, match="unknown figure"):
        figures.png_bytes("no-such-figure")
    with pytest.raises(ValueError):
        figures.tikz("rsm-gap")
