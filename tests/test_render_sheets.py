"""The fixture sheet as LaTeX and Markdown: labels, verdict wording, KaTeX, pdflatex."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import render_fixture as fx
from render_tools import compile_tex, katex_failures, math_fragments

from proofs import prove
from render import to_latex, to_markdown
from render.build import prove_all, sheet_claims, write_sheets
from render.md_sheet import sheet_md
from render.tex_sheet import sheet_tex


@pytest.fixture(scope="module")
def verdicts():
    return prove_all(sheet_claims(fx.SHEET), budget=10, workers=1)


def test_every_claim_has_its_label_and_anchor(verdicts):
    tex, md = sheet_tex(fx.SHEET, verdicts), sheet_md(fx.SHEET, verdicts)
    for c in fx.SHEET.claims():
        assert f"\\label{{claim:{c.name}}}" in tex
        assert f'<a id="{c.name}"></a>' in md


def test_verdicts_are_shown_plainly(verdicts):
    v = verdicts[fx.SHIFT_WRONG.name]
    assert v.status == "refuted"
    md = to_markdown(v)
    assert "A common answer says" in md and "It is false" in md and "counterexample" in md
    for key, value in v.counterexample.items():     # the engine's point, not a fixed one
        assert f"{key} = {value}" in md.replace("{", "").replace("}", "")
    proved = to_latex(verdicts[fx.RSM_GT_MAX.name])
    assert "{Proved}" in proved and "\\begin{align*}" in proved


def test_undecided_links_say_why(verdicts):
    md = to_markdown(fx.SIGMA_DERIV, verdicts)
    for c in fx.SIGMA_DERIV.link_claims():
        v = verdicts[c.name]
        if v.status != "proved":
            assert f"({c.name}) is {v.status}" in md
        else:
            assert md.count("\\checkmark") >= 1


def test_markdown_math_parses_with_katex(verdicts):
    md = sheet_md(fx.SHEET, verdicts)
    frags = math_fragments(md)
    assert len(frags) > 10
    assert katex_failures(frags) == []


def test_katex_check_can_fail():
    assert len(katex_failures([(r"\frac{1}{", True), (r"\notacommand x", False)])) == 2


def test_latex_compiles_standalone(tmp_path: Path, verdicts):
    result = write_sheets([fx.SHEET], verdicts, tmp_path, {"tex", "md"})
    tex = tmp_path / f"{fx.SHEET.name}.tex"
    assert tex in result.written
    proc = compile_tex(tex)
    assert proc.returncode == 0, proc.stdout[-3000:]
    assert (tmp_path / f"{fx.SHEET.name}.pdf").stat().st_size > 10_000


def test_fragments_compile_in_a_bare_amsmath_document(tmp_path: Path, verdicts):
    """Every fragment of the fixture sheet (each verdict, each derivation with its links
    marked) pasted into a document with amsmath and amssymb alone: no colours, no
    custom macros needed."""
    parts = [to_latex(v) for v in verdicts.values()]
    parts += [to_latex(d, verdicts) for ex in fx.SHEET.exercises for d in ex.derivations]
    body = "\n".join(parts)
    assert "\\textcolor" not in body and "\\verdict{" not in body
    assert "\\qedverdict{refuted}" in body
    tex = tmp_path / "note.tex"
    tex.write_text("\\documentclass{article}\n\\usepackage{amsmath,amssymb}\n"
                   "\\begin{document}\n" + body + "\n\\end{document}\n")
    proc = compile_tex(tex)
    assert proc.returncode == 0, proc.stdout[-3000:]


def test_markdown_images_are_relative_and_exist(tmp_path: Path, verdicts):
    write_sheets([fx.SHEET], verdicts, tmp_path, {"md"})
    md = (tmp_path / f"{fx.SHEET.name}.md").read_text()
    images = re.findall(r"!\[[^\]]*\]\(([^)]+)\)", md)
    assert images and all(not p.startswith("/") for p in images)
    assert all((tmp_path / p).is_file() for p in images)


def test_prose_is_escaped_for_latex(verdicts):
    tex = sheet_tex(fx.SHEET, verdicts)
    assert "50\\%" in tex and "log\\_sum\\_exp" in tex and "$\\lambda > 0$" in tex


def test_an_exercise_without_question_or_answer_shows_no_empty_labels(verdicts):
    from dataclasses import replace

    from render.md_sheet import exercise_md
    from render.tex_sheet import exercise_tex

    bare = replace(fx.SHEET.exercises[0], question="", answer=" ")
    assert "Question." not in exercise_md(bare, verdicts) + exercise_tex(bare, verdicts)
    assert "Answer." not in exercise_md(bare, verdicts) + exercise_tex(bare, verdicts)
    assert "**Question.**" in exercise_md(fx.SHEET.exercises[0], verdicts)


def test_to_latex_rejects_other_objects():
    with pytest.raises(TypeError):
        to_latex(42)
    assert "\\label{claim:fx-rsm-gt-max}" in to_latex(fx.RSM_GT_MAX)
    assert prove(fx.RSM_GT_MAX, budget=10).status == "proved"


HOSTILE = ("<script>alert(1)</script>", "<img src=x onerror=alert(1)>",
           "[x](javascript:alert(1))", "![y](javascript:alert(2))", "*x* _y_ `z` & <b>")


def _hostile_sheet():
    from dataclasses import replace

    import sympy as sp

    from proofs import Claim, Exercise

    x = sp.Symbol("x", real=True)
    claims = tuple(Claim(f"hostile-{k}", sp.exp(x) > x, title=t) for k, t in enumerate(HOSTILE))
    ex = Exercise(HOSTILE[0], "h/1", HOSTILE[2], HOSTILE[1], HOSTILE[3], claims=claims)
    return replace(fx.SHEET, title=HOSTILE[1], intro=" ".join(HOSTILE), exercises=(ex,))


def test_markdown_shows_hostile_text_as_text():
    """Titles, questions and intros holding HTML or link syntax are escaped: no tag, link
    or image reaches the Markdown, and the words are all still there."""
    md = sheet_md(_hostile_sheet(), {})
    body = re.sub(r'<a id="[A-Za-z0-9_.\-]+"></a>', "", md)  # our own anchors
    assert "<" not in body.replace("&lt;", "")
    assert not re.search(r"(?<!\\)\]\((?!#)", body)  # no [text](target) but our contents
    assert "javascript:alert(1)" in body and "&lt;script&gt;" in body
    assert "\\*x\\* \\_y\\_" in body and "`z`" in body


def test_markdown_math_cannot_open_a_tag():
    import sympy as sp

    from proofs import Claim

    odd = sp.Symbol("<img src=x onerror=alert(1)>", real=True)
    md = to_markdown(Claim("odd-symbol", sp.Gt(sp.exp(odd), 0, evaluate=False)))
    assert "<img" not in md and "\\lt img" in md


def test_markdown_rows_are_numbered_by_tags_in_align(verdicts):
    """Each row of a Markdown chain carries `\\tag{k}` (k = 1, 2, ... per block) in an
    `align*`, which KaTeX takes (not in `aligned`, where it allows one tag in all)."""
    md = sheet_md(fx.SHEET, verdicts)
    blocks = re.findall(r"\$\$\n\\begin\{align\*\}\n(.*?)\n\\end\{align\*\}\n\$\$", md, re.S)
    assert len(blocks) >= 2
    for block in blocks:
        tags = [int(k) for k in re.findall(r"\\tag\{(\d+)\}", block)]
        assert tags and tags == list(range(1, len(tags) + 1)), block
    assert "\\qquad (1)" not in md
    assert katex_failures([(b, True) for b in
                           re.findall(r"\$\$\n(\\begin\{align\*\}.*?\\end\{align\*\})\n\$\$",
                                      md, re.S)]) == []


def test_a_code_panel_shows_the_code_in_both_formats(verdicts):
    """The PDF typesets the function (latexify's algorithmic, full width), the Markdown
    shows its source and latexify's formula; neither pairs it with some other claim."""
    from render import code_panels

    tex, md = sheet_tex(fx.SHEET, verdicts), sheet_md(fx.SHEET, verdicts)
    for fn in (e for ex in fx.SHEET.exercises for e in ex.code):
        assert code_panels.algorithmic(fn) in tex
        assert f"$$\n{code_panels.formula(fn)}\n$$" in md
    assert "Implements" not in tex and "Implements" not in md and "minipage" not in tex
