"""proofs.collect: module-level claims and the sheet of a file or module, one-line errors
for bad input."""

from __future__ import annotations

import textwrap

import pytest

from proofs import Claim, Derivation
from proofs.collect import (
    CollectError,
    collect_all,
    collect_claims,
    collect_sheets,
    sheet_name,
)

NOTES = """
import sympy as sp
from proofs import Claim, Ge

x = sp.Symbol("x", real=True)
first = Claim("exp-ge-1-plus-x", sp.exp(x) >= 1 + x)
second = Claim("square-nonneg", Ge(x**2, 0))
again = first                      # the same claim twice counts once
_private = Claim("private-claim", Ge(x**2, 0))
not_a_claim = 3
"""


def write(folder, name: str, text: str):
    path = folder / name
    path.write_text(textwrap.dedent(text))
    return path


def test_file_claims_in_definition_order(tmp_path):
    path = write(tmp_path, "notes.py", NOTES)
    claims = collect_claims(str(path))
    assert [c.name for c in claims] == ["exp-ge-1-plus-x", "square-nonneg"]
    assert all(isinstance(c, Claim) for c in claims)


def test_file_may_import_its_neighbours(tmp_path):
    write(tmp_path, "helpers.py", "import sympy as sp\ny = sp.Symbol('y', positive=True)\n")
    path = write(tmp_path, "more.py", "import sympy as sp\nfrom proofs import Claim, Gt\n"
                 "from helpers import y\npos = Claim('y-pos', Gt(y, 0))\n")
    assert [c.name for c in collect_claims(str(path))] == ["y-pos"]


def test_module_name_importable_from_the_working_directory(tmp_path, monkeypatch):
    pkg = tmp_path / "mypkg_qs_collect"
    pkg.mkdir()
    write(pkg, "__init__.py", "")
    write(pkg, "notes.py", NOTES)
    monkeypatch.chdir(tmp_path)
    claims = collect_all(["mypkg_qs_collect.notes"])
    assert [c.name for c in claims] == ["exp-ge-1-plus-x", "square-nonneg"]


def test_several_targets_in_order(tmp_path):
    a = write(tmp_path, "a_notes.py", NOTES)
    b = write(tmp_path, "b_notes.py", "import sympy as sp\nfrom proofs import Claim, Gt\n"
              "t = Claim('t-pos', Gt(sp.Symbol('t', positive=True), 0))\n")
    names = [c.name for c in collect_all([str(b), str(a)])]
    assert names == ["t-pos", "exp-ge-1-plus-x", "square-nonneg"]


@pytest.mark.parametrize("target, message", [
    ("missing_notes.py", "no such file: missing_notes.py"),
    ("no_such_pkg_qs.notes", "no such file or module: no_such_pkg_qs.notes"),
    ("not a name!", "neither a .py file nor a module name"),
])
def test_missing_targets(tmp_path, monkeypatch, target, message):
    monkeypatch.chdir(tmp_path)
    with pytest.raises(CollectError) as info:
        collect_claims(target)
    assert message in str(info.value)
    assert "\n" not in str(info.value)


def test_a_file_that_fails_to_import_names_the_error_and_line(tmp_path):
    path = write(tmp_path, "broken.py", "import sympy as sp\n\nz = undefined_name + 1\n")
    with pytest.raises(CollectError) as info:
        collect_claims(str(path))
    text = str(info.value)
    assert "NameError" in text and "undefined_name" in text and "line 3" in text
    assert "\n" not in text


def test_a_syntax_error_is_one_line(tmp_path):
    path = write(tmp_path, "syntax.py", "x = (1,\n")
    with pytest.raises(CollectError, match="SyntaxError") as info:
        collect_claims(str(path))
    assert "\n" not in str(info.value)


def test_a_module_that_exits_or_fails_inside_a_package(tmp_path, monkeypatch):
    pkg = tmp_path / "mypkg_qs_broken"
    pkg.mkdir()
    write(pkg, "__init__.py", "")
    write(pkg, "notes.py", "import not_installed_qs_dependency\n")
    write(pkg, "quits.py", "raise SystemExit(3)\n")
    monkeypatch.chdir(tmp_path)
    with pytest.raises(CollectError, match="ModuleNotFoundError.*not_installed_qs_dependency"):
        collect_claims("mypkg_qs_broken.notes")
    with pytest.raises(CollectError, match="cannot import mypkg_qs_broken.quits: SystemExit"):
        collect_claims("mypkg_qs_broken.quits")


def test_no_claims_directories_and_other_files_are_bad_input(tmp_path):
    empty = write(tmp_path, "empty.py", "x = 1\n")
    with pytest.raises(CollectError, match="defines no module-level proofs.Claim"):
        collect_claims(str(empty))
    with pytest.raises(CollectError, match="is a directory"):
        collect_claims(str(tmp_path) + "/")
    text = write(tmp_path, "notes.txt", "hello\n")
    with pytest.raises(CollectError, match="not a Python file"):
        collect_claims(str(text))


# ---- sheets ------------------------------------------------------------------------------

DOCUMENTED = '''"""My notes: two facts and a chain.

Checked by qedsheet.
"""
import sympy as sp
from proofs import Claim, Derivation, Ge

x = sp.Symbol("x", real=True)
second = Claim("square-nonneg", Ge(x**2, 0), title="squares")
chain = Derivation.chain("double", 2 * x, (x + x, "split"))
first = Claim("exp-ge-1-plus-x", sp.exp(x) >= 1 + x)
'''


@pytest.mark.parametrize("target, name", [
    ("notes.py", "notes"), ("sub/my notes.py", "my-notes"), ("mypkg.lecture_3", "lecture_3"),
    ("_private.py", "private"), ("ü.py", "sheet"),
])
def test_sheet_name_is_the_files_stem_or_the_modules_last_name(target, name):
    assert sheet_name(target) == name


def test_a_files_sheet_is_titled_by_its_docstring_in_file_order(tmp_path):
    path = write(tmp_path, "mynotes.py", DOCUMENTED)
    (sheet,) = collect_sheets([str(path)])
    assert (sheet.name, sheet.title, sheet.intro) == (
        "mynotes", "My notes: two facts and a chain.", "Checked by qedsheet.")
    assert [ex.title for ex in sheet.exercises] == ["squares", "double", "exp-ge-1-plus-x"]
    assert isinstance(sheet.exercises[1].derivations[0], Derivation)
    assert [c.name for c in sheet.claims()] == ["square-nonneg", "exp-ge-1-plus-x"]
    assert all(ex.question == ex.answer == "" for ex in sheet.exercises)


def test_a_module_without_docstring_is_titled_by_its_name_and_named_once(tmp_path):
    path = write(tmp_path, "bare.py", NOTES)
    sheets = collect_sheets([str(path), str(path)])
    assert [(s.name, s.title, s.intro) for s in sheets] == [("bare", "bare", "")]


def test_a_modules_sheet_is_its_SHEET_and_check_sees_its_claims(tmp_path):
    path = write(tmp_path, "sheeted.py", '''
        import sympy as sp
        from proofs import Claim, Exercise, Ge, Sheet

        x = sp.Symbol("x", real=True)
        loose = Claim("loose", Ge(x**2, 0))
        SHEET = Sheet("my-sheet", "Mine", "", (
            Exercise("1", "m/1", "One", "Q?", "A.", claims=(Claim("inner", Ge(x**4, 0)),)),))
        ''')
    (sheet,) = collect_sheets([str(path)])
    assert sheet.name == "my-sheet" and [c.name for c in sheet.claims()] == ["inner"]
    assert [c.name for c in collect_claims(str(path))] == ["loose", "inner"]


def test_check_sees_each_step_of_a_derivation_in_file_order(tmp_path):
    """A derivation's steps are claims too: `check notes.py` proves them, as `build`
    does, whether the derivation is module-level or inside a SHEET's exercise."""
    path = write(tmp_path, "mynotes.py", DOCUMENTED)
    assert [c.name for c in collect_claims(str(path))] == [
        "square-nonneg", "double.step1", "exp-ge-1-plus-x"]
    inside = write(tmp_path, "inside.py", '''
        import sympy as sp
        from proofs import Derivation, Exercise, Sheet

        x = sp.Symbol("x", real=True)
        chain = Derivation.chain("d", (x + 1) ** 2, (x**2 + 2*x + 1, "expand"),
                                 (x * (x + 2) + 1, "factor x"))
        SHEET = Sheet("s", "S", "", (Exercise("1", "s/1", "One", "", "",
                                              derivations=(chain,)),))
        ''')
    assert [c.name for c in collect_claims(str(inside))] == ["d.step1", "d.step2"]


def test_sheets_that_would_share_files_or_names_are_bad_input(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    a = write(tmp_path / "a", "notes.py", NOTES)
    b = write(tmp_path / "b", "notes.py", NOTES)
    with pytest.raises(CollectError, match=f"two sheets are named 'notes' \\({a} and {b}\\)"):
        collect_sheets([str(a), str(b)])
    clash = write(tmp_path, "clash.py", "import sympy as sp\nfrom proofs import Claim, Gt\n"
                  "c = Claim('square-nonneg', Gt(sp.Symbol('t', positive=True), 0))\n")
    with pytest.raises(CollectError, match=f"'square-nonneg' \\({a} and {clash}\\)"):
        collect_sheets([str(a), str(clash)])
    empty = write(tmp_path, "empty.py", '"""Nothing here."""\n')
    with pytest.raises(CollectError, match=f"^{empty} defines no module-level proofs.Claim, "
                       "Derivation or SHEET$"):
        collect_sheets([str(empty)])
