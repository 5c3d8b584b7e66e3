"""The Markdown sheets as real Markdown renderers read them: Python-Markdown with
pymdownx.arithmatex (what MkDocs sites use for math) and markdown-it-py with its dollar
math plugin (CommonMark, as GitHub parses it). Every formula must reach the math
renderer exactly as written (no `_` or `*` taken for emphasis, no `<` for a tag), every
contents link must land on an element with that id, and image alt text must be plain."""

from __future__ import annotations

import html
import re

import markdown
import pytest
from catalog_sheets import texts
from markdown_it import MarkdownIt
from mdit_py_plugins.dollarmath import dollarmath_plugin
from render_tools import math_fragments

SHEETS = ["d2l-4.1.5", "lecture-notes"]


def python_markdown(text: str) -> str:
    return markdown.markdown(text, extensions=["pymdownx.arithmatex", "fenced_code"],
                             extension_configs={"pymdownx.arithmatex": {"generic": True}})


def arithmatex_math(page: str) -> list[tuple[str, bool]]:
    """The formulas arithmatex handed on, in order: (LaTeX, display?)."""
    found = re.finditer(r'<div class="arithmatex">\\\[(.*?)\\\]</div>'
                        r'|<span class="arithmatex">\\\((.*?)\\\)</span>', page, re.S)
    return [(html.unescape(m.group(1)).strip(), True) if m.group(1) is not None
            else (html.unescape(m.group(2)).strip(), False) for m in found]


def commonmark() -> MarkdownIt:
    return MarkdownIt("commonmark", {"html": True}).use(dollarmath_plugin, allow_space=True,
                                                        double_inline=True)


def markdown_it_math(text: str) -> list[tuple[str, bool]]:
    def walk(tokens):
        for t in tokens:
            yield t
            if t.children:
                yield from walk(t.children)
    kinds = {"math_block": True, "math_inline_double": True, "math_inline": False}
    return [(t.content.strip(), kinds[t.type]) for t in walk(commonmark().parse(text))
            if t.type in kinds]


def ours(text: str) -> list[tuple[str, bool]]:
    return [(tex.strip(), display) for tex, display in math_fragments(text)]


def link_targets(text: str) -> set[str]:
    return set(re.findall(r"\]\(#([^)\s]+)\)", text))


def test_the_checks_can_fail() -> None:
    """Emphasis eating a formula, or a link without its id, is caught."""
    broken = "A *word* and $a_1 * b_2$ with a [link](#nowhere).\n"
    assert arithmatex_math(python_markdown("$a_1$ and\n\n$$\nx<y\n$$\n")) == [
        ("a_1", False), ("x<y", True)]
    assert markdown_it_math(broken) == ours(broken)
    assert "nowhere" not in set(re.findall(r'id="([^"]+)"', python_markdown(broken)))
    assert arithmatex_math(markdown.markdown("$a_1 * b_2$ and *c*")) == []  # no math ext


@pytest.mark.parametrize("name", SHEETS)
def test_mkdocs_python_markdown_keeps_every_formula_and_anchor(name: str) -> None:
    _tex, md = texts()[name]
    page = python_markdown(md)
    assert arithmatex_math(page) == ours(md)
    ids = set(re.findall(r'id="([^"]+)"', page))
    assert link_targets(md) and link_targets(md) <= ids
    alts = re.findall(r'<img alt="([^"]*)"', page)
    assert all("\\" not in a and "$" not in a for a in alts), alts


@pytest.mark.parametrize("name", SHEETS)
def test_commonmark_markdown_it_keeps_every_formula_and_anchor(name: str) -> None:
    _tex, md = texts()[name]
    assert markdown_it_math(md) == ours(md)
    page = commonmark().render(md)
    ids = set(re.findall(r'id="([^"]+)"', page))
    assert link_targets(md) <= ids
