"""render.stamps and the warm build: a product is remade exactly when its inputs or the
product itself changed; a damaged stamp only means "remake"."""

from __future__ import annotations

from pathlib import Path

import render_fixture as fx

from qedsheet.commands import build as cmd
from render import stamps


def test_a_product_is_up_to_date_only_with_the_same_inputs_and_bytes(tmp_path: Path):
    made = tmp_path / "thing.txt"
    made.write_text("made")
    assert not stamps.up_to_date(tmp_path, "thing", stamps.digest("in"))
    stamps.record(tmp_path, "thing", stamps.digest("in"), [made])
    assert stamps.up_to_date(tmp_path, "thing", stamps.digest("in"))
    assert not stamps.up_to_date(tmp_path, "thing", stamps.digest("in", ""))
    made.write_text("edited")
    assert not stamps.up_to_date(tmp_path, "thing", stamps.digest("in"))
    made.unlink()
    assert not stamps.up_to_date(tmp_path, "thing", stamps.digest("in"))


def test_digests_of_different_part_lists_differ():
    assert stamps.digest("ab", "c") != stamps.digest("a", "bc")
    assert stamps.digest(b"x") == stamps.digest("x")


def test_a_damaged_stamp_means_remake(tmp_path: Path):
    made = tmp_path / "thing.txt"
    made.write_text("made")
    stamps.record(tmp_path, "thing", "d", [made])
    stamp = next((tmp_path / stamps.FOLDER).glob("*.json"))
    for junk in ("", "{", "[]", '{"inputs": "d", "files": 3}', '{"inputs": "d", "files": {}}'):
        stamp.write_text(junk)
        assert not stamps.up_to_date(tmp_path, "thing", "d")


def _times(folder: Path) -> dict[str, int]:
    return {p.relative_to(folder).as_posix(): p.stat().st_mtime_ns
            for p in folder.rglob("*") if p.is_file() and ".qedsheet" not in p.parts}


def test_a_warm_build_writes_nothing_and_a_damaged_product_is_remade(tmp_path: Path, capsys):
    from render_tools import need

    need("latexmk")
    assert cmd.build([fx.SHEET], tmp_path, {"tex", "pdf", "md"}, True, budget=10) == 0
    first = _times(tmp_path)
    pdf, png = tmp_path / "fixture-sheet.pdf", tmp_path / "figures" / "fx-gap.png"
    pdf_bytes, png_bytes = pdf.read_bytes(), png.read_bytes()
    capsys.readouterr()
    assert cmd.build([fx.SHEET], tmp_path, {"tex", "pdf", "md"}, True, budget=10) == 0
    assert "wrote 0 files" in capsys.readouterr().err
    assert _times(tmp_path) == first
    png.write_bytes(b"not a png")
    pdf.unlink()
    assert cmd.build([fx.SHEET], tmp_path, {"tex", "pdf", "md"}, True, budget=10) == 0
    assert "wrote 2 files" in capsys.readouterr().err
    assert png.read_bytes() == png_bytes and pdf.read_bytes() == pdf_bytes
