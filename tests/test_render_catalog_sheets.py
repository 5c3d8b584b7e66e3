"""The real sheets read as solutions, not as the engine's log: no sympy reprs in the
justifications (and more checks of what a reader sees)."""

from __future__ import annotations

import re

import pytest
from catalog_sheets import texts

pytestmark = pytest.mark.catalog

RAW = re.compile(r"\b(?:Eq|Sum|Symbol|Indexed|Mul|Add|Pow|Dummy|Integer|Rational)\(")


def _md_math(md: str) -> list[str]:
    blocks = re.findall(r"\$\$(.*?)\$\$", md, re.S)
    rest = re.sub(r"\$\$.*?\$\$", "", md, flags=re.S)
    return blocks + re.findall(r"(?<![\\$])\$([^$\n]+)\$", rest)


def raw_sympy(tex: str, md: str) -> list[str]:
    """Places where sympy's str form shows: `Eq(`, `Sum(`, ..., and `**` (in the .tex
    anywhere, in the .md inside math, where `**` is not bold)."""
    found = [m.group(0) for m in RAW.finditer(tex + md)]
    found += ["**"] * tex.count("**")
    found += ["**" for seg in _md_math(md) if "**" in seg]
    return found


def test_raw_sympy_check_can_fail():
    assert raw_sympy("using Eq(Sum(y[t], (t, 1, n)), 1)", "") == ["Eq(", "Sum("]
    assert raw_sympy("", "$x**2$ and **bold**") == ["**"]


def test_no_sympy_text_in_either_sheet():
    for name, (tex, md) in texts().items():
        assert raw_sympy(tex, md) == [], name
