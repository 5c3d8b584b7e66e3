"""Markdown and LaTeX documents cut into headings, prose and formulas with line numbers."""

import pytest

from proofs.documents import DocumentError, detect_format, read_document


def math(parts):
    return [(p.line, p.text, p.display, p.continues) for p in parts if p.kind == "math"]


def test_markdown_inline_display_headings_and_code():
    md = ("# Ex 1\n"
          "Let $f(x) = x^2$, it costs $5 and $10.\n"
          "```python\n$x = 1$\n```\n"
          "Inline code `$y = 2$` is not math.\n"
          "$$\n"
          "f'(x) = 2x\n"
          "$$\n"
          "## Ex 2\n"
          r"Also \(a < b\) and \[ c = d \]" "\n")
    parts = read_document(md, "markdown")
    assert [(p.kind, p.line, p.text, p.level) for p in parts if p.kind == "heading"] == [
        ("heading", 1, "Ex 1", 1), ("heading", 10, "Ex 2", 2)]
    assert math(parts) == [(2, "f(x) = x^2", False, False), (8, "f'(x) = 2x", True, False),
                           (11, "a < b", False, False), (11, "c = d", True, False)]


def test_markdown_aligned_rows_continue_the_previous_row():
    md = "$$\n\\begin{aligned}\na &= b \\\\\n  &= c \\\\\n  &\\le d\n\\end{aligned}\n$$\n"
    assert math(read_document(md, "markdown")) == [
        (3, "a  = b", True, False), (4, "= c", True, True), (5, "\\le d", True, True)]


def test_markdown_display_that_starts_with_a_relation_continues():
    md = "$$f = e^{x}$$\n\n$$= \\exp(x)$$\n"
    assert [p.continues for p in read_document(md, "markdown") if p.kind == "math"] == [
        False, True]


def test_unbalanced_dollar_is_a_bad_part_and_reading_goes_on():
    md = "First $x = 1 is never closed\n\nThen $y = 2$ is fine.\n"
    parts = read_document(md, "markdown")
    assert [(p.kind, p.line) for p in parts if p.kind in ("bad", "math")] == [
        ("bad", 1), ("math", 3)]
    assert "never closed" in [p for p in parts if p.kind == "bad"][0].text


def test_latex_body_sections_environments_and_comments():
    tex = (r"\documentclass{article}" "\n"
           r"\newcommand{\R}{\mathbb{R}} $ignored$" "\n"
           r"\begin{document}" "\n"
           r"\section{Intro} % $x = 1$ in a comment" "\n"
           r"For \(\lambda > 0\) and $a \ge b$:" "\n"
           r"\begin{align}" "\n"
           r"f(x) &= x^2 \label{eq:f} \\" "\n"
           r"     &\le 2 \nonumber" "\n"
           r"\end{align}" "\n"
           r"\begin{equation*} e^x \ge 1 + x \end{equation*}" "\n"
           r"\begin{gather} a = 1 \\ = 2 \end{gather}" "\n"
           r"\end{document}" "\n"
           r"$after = end$" "\n")
    parts = read_document(tex, "latex")
    assert [(p.kind, p.text, p.line) for p in parts if p.kind == "heading"] == [
        ("heading", "Intro", 4)]
    got = math(parts)
    assert got[:4] == [(5, "\\lambda > 0", False, False), (5, "a \\ge b", False, False),
                       (7, "f(x)  = x^2", True, False), (8, "\\le 2", True, True)]
    assert got[4][1] == "e^x \\ge 1 + x" and got[4][0] == 10
    assert [g[3] for g in got[5:]] == [False, False]  # gather rows never continue
    assert all("after" not in g[1] and "ignored" not in g[1] for g in got)


def test_latex_unclosed_environment_is_reported():
    parts = read_document("\\begin{align} a = b\n", "latex")
    assert [p.kind for p in parts if p.kind == "bad"] == ["bad"]


def test_format_from_name_then_content():
    assert detect_format("a.tex", "") == "latex"
    assert detect_format("a.md", "\\section{x}") == "markdown"
    assert detect_format("-", "\\documentclass{article}") == "latex"
    assert detect_format("notes", "# heading") == "markdown"


def test_too_large_is_a_document_error():
    with pytest.raises(DocumentError, match="larger than"):
        read_document("x" * 3_000_000, "markdown")


def test_latex_macros_without_arguments_are_expanded():
    tex = ("\\documentclass{article}\n\\DeclareMathOperator{\\softmax}{softmax}\n"
           "\\newcommand{\\vo}{\\mathbf{o}}\n\\newcommand{\\norm}[1]{\\|#1\\|}\n"
           "\\def\\loop{\\loop x}\n\\begin{document}\n"
           "\\[ \\softmax(\\vo)_j \\le 1 \\]\n$\\norm{x} \\ge 0$ and $\\loop$\n"
           "\\end{document}\n")
    got = [" ".join(p.text.split()) for p in read_document(tex, "latex") if p.kind == "math"]
    assert got[0] == "\\operatorname{softmax} ( \\mathbf{o} )_j \\le 1"
    assert got[1] == "\\norm{x} \\ge 0"  # a macro with arguments is left alone
    assert len(got[2]) < 30_000  # a macro that expands to itself stops
