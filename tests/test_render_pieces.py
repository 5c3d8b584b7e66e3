"""Shared pieces: line breaking of long formulas, prose math, engine names, shown claims."""

import render_fixture as fx
import sympy as sp

from proofs import Exercise
from render.pieces import WIDTH, broken, clean_why, mathify, shown_claims, visible_len


def test_long_sums_break_into_aligned_lines_that_fit():
    xs = sp.symbols("x1:13", real=True)
    long = sum(sp.exp(a) / (1 + sp.exp(b)) for a, b in zip(xs[:-1], xs[1:], strict=True))
    lines = broken(long).split(r" \\ &\qquad ")
    assert len(lines) > 1 and all(visible_len(ln) <= WIDTH for ln in lines)
    joined = " ".join(lines)
    assert joined.count(r"\frac") == len(xs) - 1      # no term lost
    short = xs[0] + 1
    assert broken(short) == "x_{1} + 1"


def test_prose_scripts_become_math_but_snake_case_names_do_not():
    assert mathify("q = 1 + e^{-x} and δ_kj") == "q = 1 + $e^{-x}$ and $δ_{kj}$"
    assert mathify("stable_softmax and `x_1` and $a_b$") == "stable_softmax and `x_1` and $a_b$"


def test_engine_fresh_names_are_cleaned():
    assert clean_why("write _delta20 + s1 >= s2") == "write δ_20 + s1 ≥ s2"


def test_link_claims_are_shown_with_their_derivation_only():
    d = fx.SIGMA_DERIV
    ex = Exercise("k", "src", "t", "q", "a", claims=(fx.RSM_GT_MAX, *d.link_claims()),
                  derivations=(d,))
    assert [c.name for c in shown_claims(ex)] == [fx.RSM_GT_MAX.name]


# ---- proof rows: what a reader sees of a verdict's steps ----------------------------

def _steps():
    from proofs.verdict import note, rel

    a, b = sp.symbols("a b", real=True)
    return a, b, (
        rel(a + b, "=", a + b, "constants taken out of the sums"),        # A = A
        rel(a + b, "=", b + 2 * a - a, "algebra"),
        rel(b + a, "=", a + b, "constants taken out of the sums"),        # &= B under B
        note("the difference is monotone"),
        rel(sp.exp(a), ">=", 1 + a, "the tangent"),
        rel(sp.exp(a), ">=", 1 + a, "so the claimed bound"),              # the same again
    )


def test_rows_that_change_nothing_are_dropped_and_repeats_merge():
    from render.pieces import proof_rows

    _, _, steps = _steps()
    rows, omitted = proof_rows(steps)
    assert omitted == 0
    shown = [(r.lhs, r.op, r.rhs) for r in rows]
    assert len(shown) == len(set(shown)) == 1        # only e^a >= 1 + a is left
    assert rows[0].why == "the difference is monotone; the tangent; so the claimed bound"
    assert all(r.lhs != r.rhs for r in rows)


def test_a_note_is_never_a_blank_math_row():
    from proofs.verdict import note, rel
    from render.pieces import proof_rows

    a = sp.Symbol("a", real=True)
    rows, _ = proof_rows((note("write p_i"), rel(a, "=", 2 * a - a, "cancel"),
                          rel(a, "<", a + 1, "one more")))
    assert [r.op for r in rows] == ["<"] and rows[0].why == "write p_i; one more"


def test_a_one_step_proof_is_one_line_without_the_claim():
    from proofs import Claim, prove
    from proofs.verdict import Step, Verdict
    from render import to_latex, to_markdown
    from render.pieces import one_line_proof

    a, b = sp.symbols("a b", positive=True)
    claim = Claim("fx-cancel", sp.Eq((a + b) ** 2, a**2 + 2 * a * b + b**2, evaluate=False))
    v = prove(claim, budget=10)
    assert v.status == "proved"
    said = one_line_proof(v)
    assert said and "difference" in said
    for text in (to_latex(v), to_markdown(v)):
        assert "(1)" not in text and text.count(r"\left(a + b\right)^{2}") == 1  # stated once
    signs = Verdict(claim, "proved", method="sympy's assumptions",
                    steps=(Step(why="true by the signs the assumptions give"),))
    assert one_line_proof(signs) == "true by the signs the assumptions give"
    assert "tag" not in to_latex(signs) and "aligned" not in to_markdown(signs)


def test_a_conjunction_proved_part_by_part_is_one_line():
    """Rows that only restate each part of a conjunction, in order, are said in words;
    a row that shows real work keeps the display."""
    from proofs import Claim
    from proofs.verdict import Verdict, rel
    from render.pieces import one_line_proof

    x = sp.Symbol("x", real=True)
    d1, d2 = sp.Derivative(x**2, x), sp.Derivative(x**3, x)
    claim = Claim("fx-parts", sp.And(sp.Eq(d1, 2 * x, evaluate=False),
                                     sp.Eq(d2, 3 * x**2, evaluate=False)))
    parts = Verdict(claim, "proved", method="each part",
                    steps=(rel(d1, "=", 2 * x, "differentiate"),
                           rel(d2, "=", 3 * x**2, "differentiate")))
    assert one_line_proof(parts) == "differentiate, part by part"
    work = Verdict(claim, "proved", method="each part",
                   steps=(rel(d1, "=", sp.Add(x, x, evaluate=False), "differentiate"),
                          rel(d2, "=", 3 * x**2, "differentiate")))
    assert one_line_proof(work) is None


def test_long_integers_in_prose_math_are_shown_in_scientific_form():
    from render.pieces import prose_md, prose_tex

    dbl_max = str(2**1024 - 2**971)
    for text in (prose_tex(f"$\\log({dbl_max}) > 709$"), prose_md(f"$\\log({dbl_max}) > 709$")):
        assert dbl_max not in text and r"1.797693\ldots \times 10^{308}" in text
    assert prose_tex("$0.0027128933 + 12345$") == "$0.0027128933 + 12345$"


ML_UNICODE = "∝ ⊙ ∀ ∃ ‖ ⟨ ⟩ ∑ ∏ ∫ ≪ ∘ ⊤ ω Ω ℓ 𝔼 ℕ xᵢ"


def test_unicode_of_ml_notes_reaches_latex_and_compiles(tmp_path):
    from render_tools import compile_tex

    from render.pieces import prose_tex

    prose = f"Q(i) ∝ P(i)^α for all i; the symbols {ML_UNICODE}; in math $a ⊙ b ≪ ‖c‖$."
    out = prose_tex(prose)
    assert "?" not in out and not any(ord(ch) > 127 for ch in out)
    for symbol in (r"\propto", r"\odot", r"\forall", r"\exists", r"\langle", r"\ll", r"\top"):
        assert symbol in out
    tex = tmp_path / "u.tex"
    tex.write_text("\\documentclass{article}\n\\usepackage{amsmath,amssymb}\n"
                   "\\begin{document}\n" + out + "\n\\end{document}\n")
    proc = compile_tex(tex)
    assert proc.returncode == 0, proc.stdout[-2000:]


def test_a_character_without_a_latex_form_is_named_not_lost():
    from render.pieces import tex_text

    assert tex_text("a ☃ b") == "a [snowman] b"


def test_a_combining_accent_goes_on_the_character_before_it():
    from render.pieces import tex_text

    assert tex_text("(v_i − v\u0304)²") == (
        r"(v\_i \ensuremath{-} \ensuremath{\bar{v}})\ensuremath{^{2}}")


def test_counterexample_entries_of_a_vector_are_subscripts() -> None:
    import sympy as sp

    from render.pieces import _key_tex
    assert _key_tex(sp.Symbol("p[1]")) == "p_{1}"
    assert _key_tex(sp.Symbol("y[2, 3]")) == "y_{2,3}"
    assert _key_tex(sp.Symbol("odd name")) == r"\text{odd name}"
