"""proofs.collect: module-level claims of a file or module, one-line errors for bad input."""

from __future__ import annotations

import textwrap

import pytest

from proofs import Claim
from proofs.collect import CollectError, collect_all, collect_claims

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
