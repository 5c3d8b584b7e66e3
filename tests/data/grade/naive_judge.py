"""The approach a user would take without qedsheet: latex2sympy2_extended + sympy.simplify.

Reads a JSON list of LaTeX relations on standard input and prints a JSON list of
verdicts ("correct", "wrong" or "unchecked"). Needs `latex2sympy2_extended` (not a
dependency of qedsheet: install it in a separate environment to run the comparison).
An equation is correct when simplify(lhs - rhs) is 0 and wrong when it is a nonzero
number; an inequality is decided when simplify makes it True or False or the
difference of its sides a number; anything else is unchecked (10 s per relation).
"""

import json
import signal
import sys

import sympy as sp
from latex2sympy2_extended import latex2sympy


class _Timeout(Exception):
    pass


def _alarm(signum, frame):
    raise _Timeout


def judge_relation(r) -> str:
    if isinstance(r, sp.And):
        verdicts = [judge_relation(a) for a in r.args]
        if "wrong" in verdicts:
            return "wrong"
        return "correct" if all(v == "correct" for v in verdicts) else "unchecked"
    if not isinstance(r, sp.core.relational.Relational):
        return "unchecked"
    d = sp.simplify(r.lhs - r.rhs)
    if isinstance(r, sp.Eq):
        if d == 0:
            return "correct"
        if d.is_number and d.evalf() != 0:
            return "wrong"
        return "unchecked"
    if isinstance(r, sp.Ne):
        if d.is_number:
            return "correct" if d.evalf() != 0 else "wrong"
        return "unchecked"
    decided = sp.simplify(r)
    if decided in (sp.true, sp.false):
        return "correct" if decided is sp.true else "wrong"
    if d.is_number:
        value = type(r)(d.evalf(), 0)
        if value in (sp.true, sp.false):
            return "correct" if value is sp.true else "wrong"
    return "unchecked"


def judge(latex: str) -> str:
    signal.signal(signal.SIGALRM, _alarm)
    signal.alarm(10)
    try:
        return judge_relation(latex2sympy(latex))
    except _Timeout:
        return "unchecked"
    except Exception:  # noqa: BLE001 - any failure to read or decide is "unchecked"
        return "unchecked"
    finally:
        signal.alarm(0)


if __name__ == "__main__":
    print(json.dumps([judge(x) for x in json.load(sys.stdin)]))
