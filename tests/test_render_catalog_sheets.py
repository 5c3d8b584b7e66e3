"""The real sheets read as solutions, not as the engine's log: no sympy reprs in the
justifications (and more checks of what a reader sees)."""

from __future__ import annotations

import re

import pytest
from catalog_sheets import real_sheets, texts

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


def repeated_rows(tex: str) -> list[str]:
    """Rows of the `align*` blocks that say what the row above says (`&= B` under
    `... &= B`), `A &= A`, or show no formula at all."""
    bad = []
    for block in re.findall(r"\\begin\{align\*\}(.*?)\\end\{align\*\}", tex, re.S):
        above = None
        for raw in block.split("\\\\\n"):
            row = re.sub(r"\\tag\*\{.*$", "", raw).strip()
            lhs, _, rest = row.partition("&")
            op, _, rhs = rest.strip().partition(" ")
            lhs, rhs = lhs.strip(), rhs.strip()
            if not lhs and not rest.strip():
                bad.append("(blank)")
            elif op == "=" and lhs == rhs:
                bad.append(row)
            elif above is not None and (op, rhs) == above[1:] and lhs in ("", above[0]):
                bad.append(row)
            above = (lhs or (above[0] if above else ""), op, rhs)
    return bad


def test_repeated_rows_check_can_fail():
    block = "\\begin{align*}\na &= b \\tag*{$(1)$} \\\\\n &= b \\tag*{$(2)$} \\\\\n" \
            " & \\tag*{$(3)$}\n\\end{align*}"
    assert repeated_rows(block) == ["&= b", "(blank)"]


def test_no_repeated_or_blank_rows_in_either_sheet():
    for name, (tex, _) in texts().items():
        assert repeated_rows(tex) == [], name


def overfull(log: str, limit: float = 20.0) -> list[float]:
    """The widths (pt) by which lines of a pdflatex log run past the margin, over `limit`."""
    return [w for w in map(float, re.findall(r"Overfull \\hbox \(([\d.]+)pt too wide", log))
            if w > limit]


def test_overfull_check_can_fail():
    assert overfull("Overfull \\hbox (1324.5pt too wide) in paragraph\n"
                    "Overfull \\hbox (3.1pt too wide) in paragraph") == [1324.5]


@pytest.mark.parametrize("name", ["d2l-4.1.5", "lecture-notes"])
def test_nothing_runs_past_the_margin(name, tmp_path):
    import subprocess

    from render_tools import need

    need("pdflatex")
    chosen, verdicts = real_sheets()
    from render.build import write_sheets

    sheet = next(s for s in chosen if s.name == name)
    write_sheets([sheet], verdicts, tmp_path, {"tex"})
    subprocess.run(["pdflatex", "-interaction=nonstopmode", "-draftmode", f"{name}.tex"],
                   cwd=tmp_path, capture_output=True, timeout=300, check=False)
    log = (tmp_path / f"{name}.log").read_text(errors="replace")
    assert overfull(log) == [], name


# ---- Markdown that works everywhere: explicit ids, plain alt text, no internal keys ----

def test_every_contents_link_has_an_explicit_id():
    for name, (_tex, md) in texts().items():
        links = re.findall(r"\]\(#([^)]+)\)", md)
        ids = set(re.findall(r'<a id="([^"]+)"></a>', md))
        assert len(links) >= 8, name
        assert [x for x in links if x not in ids] == [], name
        assert len(ids) == len(re.findall(r'<a id="', md)), f"{name}: an id used twice"


def test_image_alt_text_is_plain():
    for name, (_tex, md) in texts().items():
        alts = [re.sub(r"\\([_*\[\]()#`])", r"\1", a)  # Markdown's own escapes
                for a in re.findall(r"!\[((?:[^\]\\]|\\.)*)\]\(", md)]
        assert alts, name
        assert [a for a in alts if re.search(r"[\\{}$]|operatorname|mathrm", a)] == [], name


def test_headings_show_numbers_and_titles_not_internal_keys():
    chosen, _ = real_sheets()
    for sheet in chosen:
        tex, md = texts()[sheet.name]
        headings = re.findall(r"^## (.+)$", md, re.M)
        for ex in sheet.exercises:
            if not re.fullmatch(r"[\d.]+", ex.key):
                assert not any(h.startswith(ex.key) for h in headings), ex.key
                assert f"\\section*{{{ex.key}" not in tex
