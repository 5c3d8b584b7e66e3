"""Grading in process: verdicts, reasons, correct values, limits of a run."""

from fractions import Fraction

import pytest

from derivations.latex_vocabulary import VOCABULARY
from proofs.grading import grade_text


def grade(md: str, **kw):
    kw.setdefault("budget", 20.0)
    kw.setdefault("vocabulary", VOCABULARY)
    return grade_text(md, "markdown", jobs=1, **kw)


def test_a_wrong_derivative_gets_its_correct_value_and_a_counterexample():
    md = ("For $\\lambda > 0$:\n\n"
          "$$\\frac{d}{d\\lambda} \\log(1 + e^{-\\lambda a}) = -\\frac{1}{1 + e^{\\lambda a}}$$\n")
    [f] = grade(md).findings
    assert f.verdict == "wrong" and f.line == 3
    assert f.reason.startswith("the derivative is - \\frac{a}{e^{a \\lambda} + 1}, not "
                               "-\\frac{1}{1 + e^{\\lambda a}}")
    assert f.correct_value == "- \\frac{a}{e^{a \\lambda} + 1}"
    assert set(f.counterexample) == {"a", "λ"} and Fraction(f.counterexample["λ"]) > 0


def test_correct_relations_name_what_they_assumed():
    [f] = grade("For $x > 0$: $$\\log(x^2) = 2\\log x$$\n").findings
    assert f.verdict == "correct" and "x > 0 (line 1)" in f.reason
    [f] = grade("$$\\log(x^2) = 2\\log x$$\n").findings
    assert f.verdict == "wrong" and f.counterexample


def test_an_approximation_is_checked_to_its_last_digit():
    got = grade("$\\log_2 3 \\approx 1.585$ and $\\log_2 3 \\approx 1.6$, "
                "not $\\log_2 3 \\approx 1.49$.").findings
    assert [f.verdict for f in got] == ["correct", "correct", "wrong"]
    assert "the value is ≈ 1.584962501, not ≈ 1.49" in got[2].reason


def test_a_refutation_under_a_guessed_reading_is_unchecked():
    [f] = grade("$$a(b + c) = ab$$\n").findings
    assert f.verdict == "unchecked" and "a(...) read as a times (...)" in f.reason
    [f] = grade("$$2 Var = p(1 - p)$$\n").findings
    assert f.verdict == "unchecked" and "Var read as the product of its letters" in f.reason


def test_undecided_and_unreadable_relations_are_unchecked_with_the_reason():
    got = grade("$$e^x \\ge 1 + x$$\n\n$$\\max_i x_i \\le 1$$\n", budget=0.001).findings
    assert [f.verdict for f in got] == ["unchecked", "unchecked"]
    assert got[0].reason.startswith("undecided: budget")
    assert "maximum of n numbers" in got[1].reason


def test_limits_of_a_run_leave_relations_unchecked():
    md = "$$1 + 1 = 2$$\n\n$$2 + 2 = 4$$\n"
    got = grade(md, max_relations=1).findings
    assert [f.verdict for f in got] == ["correct", "unchecked"]
    assert "more than 1 relations" in got[1].reason
    got = grade(md, time_limit=0.0).findings
    assert {f.reason for f in got} == {"not checked: the time limit of the run was reached"}


def test_summary_and_records():
    r = grade("Let $f(x) = x^2$.\n\n$$f(2) = 4 < 5$$\n\n$$f(1) = 2$$\n")
    assert r.summary() == {"relations": 3, "correct": 2, "wrong": 1, "unchecked": 0,
                           "formulas": 3, "definitions": 1, "conditions": 0}
    rec = r.findings[2].record()
    assert set(rec) >= {"line", "latex", "verdict", "reason", "counterexample"}
    assert rec["line"] == 5 and rec["verdict"] == "wrong"


@pytest.mark.parametrize("text", ["$$x = 1", "no math at all"])
def test_documents_without_relations_give_empty_reports(text):
    r = grade(text)
    assert r.summary()["wrong"] == 0 and r.summary()["correct"] == 0
