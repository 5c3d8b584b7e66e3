"""proofs.testing: assertions on claims inside ordinary tests, and their failure messages."""

from __future__ import annotations

import pytest
import sympy as sp

from proofs import Claim, Ge
from proofs.testing import (
    ClaimFailure,
    assert_identity,
    assert_proved,
    assert_refuted,
    assert_verdict,
    failure_message,
)

x = sp.Symbol("x", real=True)
y = sp.Symbol("y", positive=True)


def test_assert_proved_returns_the_verdict():
    v = assert_proved(Claim("exp-ge", sp.exp(x) >= 1 + x), budget=10)
    assert v.status == "proved" and v.method


def test_assert_proved_fails_with_verdict_reason_and_counterexample():
    with pytest.raises(ClaimFailure) as info:
        assert_proved(Claim("exp-gt", sp.exp(x) > 1 + x), budget=10)
    lines = str(info.value).splitlines()
    assert lines[0] == "claim exp-gt: refuted, expected proved"
    assert lines[1] == "  statement: exp(x) > x + 1"
    assert lines[2].startswith("  reason: false at a point that meets every assumption")
    assert lines[-2:] == ["  counterexample:", "    x = 0"]
    assert isinstance(info.value, AssertionError)


def test_assert_refuted():
    v = assert_refuted(Claim("sq-pos", x**2 > 0), budget=10)
    assert v.counterexample == {x: 0}
    with pytest.raises(ClaimFailure, match="claim sq-ge: proved, expected refuted"):
        assert_refuted(Claim("sq-ge", Ge(x**2, 0)), budget=10)


def test_assert_verdict_follows_the_claims_expect():
    assert assert_verdict(Claim("sq-pos", x**2 > 0, expect="refuted"), budget=10).ok
    with pytest.raises(ClaimFailure, match="claim sq-pos2: refuted, expected proved"):
        assert_verdict(Claim("sq-pos2", x**2 > 0), budget=10)


def test_assert_identity_uses_symbol_assumptions_and_given():
    assert assert_identity(sp.log(y**2), 2 * sp.log(y), budget=10).status == "proved"
    a = sp.Symbol("a", real=True)
    assert assert_identity(a * x, 2 * x, given=(sp.Eq(a, 2),), budget=10).status == "proved"
    with pytest.raises(ClaimFailure) as info:
        assert_identity(sp.sqrt(x**2), x, name="sqrt-of-square", budget=10)
    text = str(info.value)
    assert text.startswith("claim sqrt-of-square: refuted, expected proved")
    assert "  statement: Eq(Abs(x), x)" in text  # sympy writes sqrt(x**2) as |x| for real x
    assert "counterexample:\n    x = -" in text  # a negative x


def test_assert_identity_refuses_strings_and_keeps_both_sides():
    with pytest.raises(TypeError, match="not the string"):
        assert_identity("x + x", 2 * x)
    # sympy would evaluate Eq(x, x) to True on construction; the claim keeps both sides
    assert assert_identity(x + x, 2 * x, budget=10).claim.statement.lhs == 2 * x


def test_failure_message_shows_given_and_method():
    from proofs import Verdict

    c = Claim("c", x > 0, given=(x > 1,), expect="refuted")
    text = failure_message(Verdict(c, "proved", method="positivity"))
    assert text.splitlines() == ["claim c: proved, expected refuted", "  statement: x > 0",
                                 "  given: x > 1", "  method: positivity"]


def test_failures_hide_the_helpers_own_frames(tmp_path):
    """A failing assert_proved points at the test that called it, not at proofs/testing."""
    import subprocess
    import sys

    (tmp_path / "test_mine.py").write_text(
        "import sympy as sp\n"
        "from proofs import Claim\n"
        "from proofs.testing import assert_proved\n"
        "x = sp.Symbol('x', real=True)\n"
        "def test_slip():\n"
        "    assert_proved(Claim('slip', sp.exp(x) > 1 + x), budget=5)\n")
    r = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:qedsheet",
                        "-p", "no:cacheprovider", "test_mine.py"], cwd=tmp_path,
                       capture_output=True, text=True, timeout=120)
    assert r.returncode == 1 and "claim slip: refuted, expected proved" in r.stdout
    assert "test_mine.py:6" in r.stdout and "proofs/testing.py" not in r.stdout
