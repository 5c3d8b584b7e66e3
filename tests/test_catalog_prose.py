"""The catalog's prose (each sheet's intro, each exercise's question and answer) writes its
formulas as math in `$...$`, not as flattened text: no Unicode math symbol, no `^`/`_`
script and no backslash outside a math span, and only ASCII LaTeX inside one (issue 14)."""

from __future__ import annotations

import re

import pytest

from derivations import sheets

# Unicode that is math, not punctuation: Greek letters, operators and relations, the minus
# sign, super- and subscripts, transposes and combining accents (v̄)
MATH_CHARS = re.compile(
    "[\u0370-\u03ff"          # Greek (σ λ α ε Σ ...)
    "\u2070-\u209f"           # superscripts and subscripts (⁻ ¹ ² ⁺ ₀ ...)
    "\u1d40-\u1d6a"           # modifier letters (ᵀ ᵢ ...)
    "\u2190-\u21ff"           # arrows (→ ⇒ ...)
    "\u2200-\u22ff"           # mathematical operators (∂ ≈ ∞ ≥ ≤ ≠ ∇ ∝ ∑ − ...)
    "\u2308-\u230b"           # ⌈ ⌉ ⌊ ⌋
    "\u0300-\u036f\u20d0-\u20ff"  # combining accents
    "\u00b1\u00b2\u00b3\u00b7\u00b9\u00d7\u00f7"  # ± ² ³ · ¹ × ÷
    "]")
MATH = re.compile(r"\$[^$]*\$")
CODE = re.compile(r"`[^`]*`")


def math_outside_dollars(prose: str) -> list[str]:
    """What in `prose` is math written as text: outside `$...$` and code spans, a Unicode
    math symbol, a relation (`=`, `<`, `>`), a function applied (`softmax(o)`), a `^` or
    `_` (a script such as e^{-x} or p_j) or a backslash; an unpaired `$`; non-ASCII inside
    a math span (it should be LaTeX)."""
    found = []
    if prose.count("$") % 2:
        found.append("unpaired $")
    for span in MATH.findall(prose):
        found += [f"{ch!r} in {span}" for ch in span if ord(ch) > 127]
    text = CODE.sub(" ", MATH.sub(" ", prose))
    found += MATH_CHARS.findall(text)
    found += re.findall(r"\S*[=<>]\S*", text)
    found += re.findall(r"\S*\w\(\S*", text)         # a function applied: softmax(o)
    found += re.findall(r"\S*[\^_\\]\S*", text)
    return found


def test_the_check_can_fail():
    assert math_outside_dollars("≈ 0.7311, λ → ∞, ∂l, x ≥ 0, a ≠ b, ∇g") == [
        "≈", "λ", "→", "∞", "∂", "≥", "≠", "∇"]
    assert math_outside_dollars("LSE − Σ, pᵀ, v̄, λ⁻¹, 3², ⌈n⌉, P ∝ Q") == [
        "−", "Σ", "ᵀ", "\u0304", "λ", "⁻", "¹", "²", "⌈", "⌉", "∝"]
    assert math_outside_dollars("with e^{-x}, p_j and \\lambda") == [
        "e^{-x},", "p_j", "\\lambda"]
    assert math_outside_dollars("at w0 = 2, and 2 > -1") == ["=", ">"]
    assert math_outside_dollars("softmax(o) of RealSoftMax(a, b)") == [
        "softmax(o)", "RealSoftMax(a,"]
    assert math_outside_dollars("$a$ and $b") == ["unpaired $"]
    assert math_outside_dollars("$σ(1) \\approx 0.7311$") == ["'σ' in $σ(1) \\approx 0.7311$"]


def test_the_check_passes_markup_and_code():
    assert math_outside_dollars(
        r"so $f = \sigma(1) = 1/(1 + e^{-1}) \approx 0.7311$ and "
        r"$\partial f/\partial w_0 = x_0 \sigma'(1) = -\sigma'(1)$; plain `sympy.limit` "
        r"and `DBL_MAX`, the Bradley–Terry model, 'neither', float64, 1/2 each") == []


def _prose() -> list[tuple[str, str]]:
    out = []
    for sheet in sheets():
        out.append((f"{sheet.name} intro", sheet.intro))
        for ex in sheet.exercises:
            out.append((f"{sheet.name} {ex.key} question", ex.question))
            out.append((f"{sheet.name} {ex.key} answer", ex.answer))
    return out


PROSE = _prose()


def test_every_sheet_has_prose():
    assert {where.split()[0] for where, _ in PROSE} == {s.name for s in sheets()}
    assert len(PROSE) >= 40


@pytest.mark.parametrize("where,prose", PROSE, ids=[w for w, _ in PROSE])
def test_formulas_are_written_as_math(where, prose):
    assert math_outside_dollars(prose) == [], where
