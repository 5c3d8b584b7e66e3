"""`qedsheet build`: byte-identical rebuilds, formats, --only, no-TeX message, the catalog."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
import render_fixture as fx

from qedsheet.cli import main
from qedsheet.commands import build as cmd
from render import build as rbuild
from render import figures


def _tree(d: Path) -> dict[str, bytes]:
    return {str(p.relative_to(d)): p.read_bytes() for p in sorted(d.rglob("*"))
            if p.is_file() and ".latex" not in p.parts and p.suffix != ".pdf"}


def test_rebuild_is_byte_identical(tmp_path: Path):
    a, b = tmp_path / "a", tmp_path / "b"
    assert cmd.build([fx.SHEET], a, {"tex", "md"}, False, budget=10, jobs=2) == 0
    assert cmd.build([fx.SHEET], b, {"tex", "md"}, False, budget=10, jobs=1) == 0
    ta, tb = _tree(a), _tree(b)
    assert set(ta) == {"fixture-sheet.tex", "fixture-sheet.md", "figures/rsm-gap.png",
                       f"figures/{figures.file_stem(fx.SHEET.exercises[0].figures[1])}.png"}
    assert ta == tb
    assert not [p for p in a.rglob("*.tmp")]


def test_without_tex_pdf_is_skipped_with_a_message(tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(rbuild, "have_latexmk", lambda: False)
    assert cmd.build([fx.SHEET], tmp_path, {"tex", "pdf", "md"}, False, budget=10) == 0
    assert "latexmk/pdflatex not found" in capsys.readouterr().err
    assert cmd.build([fx.SHEET], tmp_path, {"pdf"}, True, budget=10) == 1


def test_pdf_is_written_when_tex_is_there(tmp_path):
    from render_tools import need

    need("latexmk")
    assert cmd.build([fx.SHEET], tmp_path, {"pdf"}, True, budget=10) == 0
    assert (tmp_path / "fixture-sheet.pdf").read_bytes()[:5] == b"%PDF-"


@pytest.mark.parametrize("argv", [["build", "--format", "tex,docx"], ["build", "--format", ","],
                                  ["build", "--only", "no-such-source/"],
                                  ["build", "--jobs", "0"]])
def test_bad_input_is_one_line_exit_2(argv, capsys, tmp_path):
    assert main([*argv, "-o", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("qedsheet: error:") and err.count("\n") == 1


def test_only_keeps_matching_exercises():
    kept = cmd.select((fx.SHEET,), "fixture/notes-")
    assert [ex.key for ex in kept[0].exercises] == ["sigmoid"]
    assert cmd.select((fx.SHEET,), "fixture-sheet") == [fx.SHEET]


def test_unknown_figure_is_a_usage_error(tmp_path):
    from dataclasses import replace

    bad = replace(fx.SHEET, exercises=(replace(fx.SHEET.exercises[0], figures=("nope",)),))
    with pytest.raises(cmd.UsageError, match="unknown figure 'nope'"):
        cmd.build([bad], tmp_path, {"md"}, False, budget=10)


def test_catalog_sheets_build(tmp_path):
    """End to end on the real catalog, Markdown only (the slow part is proving)."""
    from derivations import catalog, sheets

    if not sheets():
        pytest.skip("the catalog has no sheets yet")
    start = time.monotonic()
    assert main(["build", "-o", str(tmp_path), "--format", "md"]) == 0
    assert time.monotonic() - start < 120
    text = "".join((tmp_path / f"{s.name}.md").read_text() for s in sheets())
    for c in catalog():
        assert f'<a id="{c.name}"></a>' in text
