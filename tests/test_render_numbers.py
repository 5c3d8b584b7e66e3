"""Numbers as text: certified decimals for any magnitude, JSON that stays JSON."""

from __future__ import annotations

import json

import mpmath
import pytest
import sympy as sp

from proofs.graph import held
from render.numbers import approx, exact, json_number, number


def _mantissa_exponent(log10: mpmath.mpf) -> tuple[float, int]:
    e = int(mpmath.floor(log10))
    return float(mpmath.power(10, log10 - e)), e


@pytest.mark.parametrize("value, log10", [
    (sp.exp(710), mpmath.mpf(710) / mpmath.log(10)),
    (held(sp.Pow(3, 10**8, evaluate=False)), 10**8 * mpmath.log10(3)),
    (sp.exp(-800), mpmath.mpf(-800) / mpmath.log(10)),
    (held(sp.Pow(10, 10**10, evaluate=False)), mpmath.mpf(10**10)),
])
def test_far_beyond_float64_gives_the_right_decimal(value, log10) -> None:
    mpmath.mp.dps = 60
    mantissa, exponent = _mantissa_exponent(log10)
    text = approx(value, 9)
    got_mantissa, got_exponent = text.split("e")
    assert int(got_exponent) == exponent
    assert abs(float(got_mantissa) - mantissa) < 1e-7 * mantissa
    assert "inf" not in number(value)


def test_moderate_values_read_plainly() -> None:
    assert approx(sp.Rational(1, 3), 5) == "0.33333"
    assert approx(sp.E / (1 + sp.E), 12) == "0.73105857863"   # 0.731058578630 (digit 12 is 0)
    assert approx(sp.Integer(-7)) == "-7" and approx(0.1) == "0.1"
    assert approx(sp.Symbol("x")) is None
    assert number(sp.Rational(1, 2)) == "1/2 ≈ 0.5" and number(sp.Integer(12)) == "12"


def test_long_exact_text_is_shortened_around_an_ellipsis() -> None:
    value = sp.Integer(7) ** 200
    cell = number(value)
    assert "…" in cell and cell.split(" ≈ ")[1].startswith("1.")
    assert exact(value) == str(7 ** 200)


def test_json_numbers_are_floats_or_strings_never_infinity() -> None:
    values = [sp.exp(710), sp.exp(-800), sp.Rational(1, 4), 2.5, None]
    out = [json_number(v) for v in values]
    assert out[0].startswith("2.23399476616") and isinstance(out[1], str)
    assert out[2:] == [0.25, 2.5, None]
    json.loads(json.dumps(out, allow_nan=False))
