"""Where a notebook imports a claim from: the deepest module binding it, else a
module-level Exercise or Sheet holding it; a user's file by its stem, from its folder."""

from __future__ import annotations

import sys
import types
from pathlib import Path

import sympy as sp

from proofs import Claim, Derivation, Exercise, Sheet
from proofs.collect import load
from render.claim_imports import Origin, Origins

x = sp.Symbol("x", real=True)


def _claim(name: str) -> Claim:
    return Claim(name, sp.exp(x) > x)


def _module(name: str, **attrs: object) -> types.ModuleType:
    m = types.ModuleType(name)
    m.__dict__.update(attrs)
    return m


def test_the_deepest_module_that_binds_it_wins():
    c = _claim("c")
    mods = [_module("pkg", c=c, alias=c), _module("pkg.sub", defined=c),
            _module("__main__", c=c), _module("pkg.other", _hidden=c)]
    assert Origins(mods).of(c) == Origin("pkg.sub", "defined")
    assert Origins(mods[:1]).of(c) == Origin("pkg", "alias")  # then by attribute name
    assert Origins(mods[2:]).of(c) is None                    # __main__, private names


def test_a_claim_held_by_an_exercise_or_sheet_is_found_by_name():
    held, deep = _claim("held"), _claim("deep")
    d = Derivation.chain("chain", x + x, (2 * x, "add"))
    ex = Exercise("1", "s", "t", "", "", claims=(held,), derivations=(d,))
    sheet = Sheet("s", "S", "", (ex, Exercise("2", "s", "u", "", "", claims=(deep,))))
    origins = Origins([_module("m", EX=ex, SHEET=sheet)])
    assert origins.of(held) == Origin("m", "EX", "held", None, "exercise")
    assert origins.of(d) == Origin("m", "EX", "chain", None, "exercise")
    assert origins.of(deep) == Origin("m", "SHEET", "deep", None, "sheet")
    assert origins.of(_claim("held")) is None   # an equal claim is not the same object


def test_the_code_binds_the_very_claim(tmp_path: Path, monkeypatch):
    (tmp_path / "pkgx").mkdir()
    (tmp_path / "pkgx" / "__init__.py").write_text("")
    (tmp_path / "pkgx" / "facts.py").write_text(
        "import sympy as sp\nfrom proofs import Claim, Exercise, Sheet\n"
        "x = sp.Symbol('x', real=True)\n"
        "top = Claim('top', sp.exp(x) > x)\n"
        "SHEET = Sheet('s', 'S', '', (Exercise('1', 's', 't', '', '',\n"
        "    claims=(Claim('inner', sp.exp(x) >= 1 + x),)),))\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    import pkgx.facts as facts

    origins = Origins()
    for claim in (facts.top, facts.SHEET.exercises[0].claims[0]):
        space: dict = {}
        exec(origins.of(claim).code("found"), space)
        assert space["found"] is claim
    for name in [n for n in sys.modules if n.startswith("pkgx")]:
        monkeypatch.delitem(sys.modules, name)


def test_a_users_file_is_imported_by_its_stem_from_its_folder(tmp_path: Path):
    path = tmp_path / "mynotes.py"
    path.write_text("import sympy as sp\nfrom proofs import Claim\n"
                    "x = sp.Symbol('x', real=True)\nfact = Claim('fact', sp.exp(x) > x)\n")
    module = load(str(path))
    origin = Origins([module]).of(module.fact)
    assert origin == Origin("mynotes", "fact", folder=str(tmp_path.resolve()))
    assert origin.code("fact") == "from mynotes import fact"
    odd = tmp_path / "my-notes.py"
    odd.write_text(path.read_text())
    other = load(str(odd))
    assert Origins([other]).of(other.fact) is None  # no import statement can name it
