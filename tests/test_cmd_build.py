"""`qedsheet build`: byte-identical rebuilds, formats, --only, no-TeX message, the catalog."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pytest
import render_fixture as fx

from proofs.cache import ProofCache
from qedsheet.cli import main
from qedsheet.commands import build as cmd
from render import build as rbuild
from render import figures


def _tree(d: Path) -> dict[str, bytes]:
    return {str(p.relative_to(d)): p.read_bytes() for p in sorted(d.rglob("*"))
            if p.is_file() and ".latex" not in p.parts and ".qedsheet" not in p.parts
            and p.suffix != ".pdf"}


def test_rebuild_is_byte_identical(tmp_path: Path):
    a, b = tmp_path / "a", tmp_path / "b"
    assert cmd.build([fx.SHEET], a, {"tex", "md", "ipynb"}, False, budget=10, jobs=2) == 0
    assert cmd.build([fx.SHEET], b, {"tex", "md", "ipynb"}, False, budget=10, jobs=1) == 0
    ta, tb = _tree(a), _tree(b)
    assert set(ta) == {"fixture-sheet.tex", "fixture-sheet.md", "fixture-sheet.ipynb",
                       "figures/fx-gap.png",
                       f"figures/{figures.file_stem(fx.SHEET.exercises[0].figures[1])}.png"}
    assert ta == tb
    assert not [p for p in a.rglob("*.tmp")]


def test_notebooks_are_asked_for_by_name(capsys):
    assert cmd.parse_formats("ipynb") == ({"ipynb"}, False)
    assert "ipynb" not in cmd.parse_formats(None)[0]   # the default: tex, pdf, md
    with pytest.raises(SystemExit):
        main(["build", "--help"])
    assert "--format ipynb" in " ".join(capsys.readouterr().out.split())


def test_a_notebook_alone_draws_its_figures(tmp_path: Path):
    assert cmd.build([fx.SHEET], tmp_path, {"ipynb"}, False, budget=10) == 0
    assert set(_tree(tmp_path)) == {"fixture-sheet.ipynb", "figures/fx-gap.png",
                                    f"figures/{figures.file_stem(fx.SHEET.exercises[0].figures[1])}.png"}


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


def test_only_keeps_matching_exercises_under_a_name_of_their_own():
    kept = cmd.select((fx.SHEET,), "fixture/notes-")
    assert [ex.key for ex in kept[0].exercises] == ["sigmoid"]
    assert kept[0].name == "fixture-sheet--fixture-notes" and "(only fixture/notes-)" in \
        kept[0].title
    assert cmd.select((fx.SHEET,), "fixture-sheet") == [fx.SHEET]
    assert cmd.select((fx.SHEET,), "fixture/") == [fx.SHEET]   # every exercise: the sheet


def test_unknown_figure_is_a_usage_error(tmp_path):
    from dataclasses import replace

    bad = replace(fx.SHEET, exercises=(replace(fx.SHEET.exercises[0], figures=("nope",)),))
    with pytest.raises(cmd.UsageError, match="unknown figure 'nope'"):
        cmd.build([bad], tmp_path, {"md"}, False, budget=10)


# ---- the real catalog: one build shared by the tests below ---------------------------

@pytest.fixture(scope="module")
def real(tmp_path_factory):
    """Both real sheets proved and built with every format into `a` (PDFs by latexmk),
    then proved again from scratch in a fresh process and written into `b`: the two
    must be byte-identical."""
    from render_tools import need

    from derivations import sheets

    chosen = list(sheets())
    if not chosen:
        pytest.skip("the catalog has no sheets yet")
    need("latexmk")
    need("pdflatex")
    a, b = tmp_path_factory.mktemp("real-a"), tmp_path_factory.mktemp("real-b")
    start = time.monotonic()
    status_a = cmd.build(chosen, a, {"tex", "pdf", "md", "ipynb"}, True, budget=20,
                         cache=ProofCache.default())
    seconds = time.monotonic() - start
    pdf_times = {p.name: p.stat().st_mtime_ns for p in a.glob("*.pdf")}
    # b: a fresh process whose verdicts all come from the proof cache that a filled
    every = ["--format", "tex,pdf,md,ipynb"]
    again = subprocess.run([sys.executable, "-m", "qedsheet", "build", "-o", str(b), *every],
                           capture_output=True, text=True, timeout=900)
    # a again: nothing changed, so nothing is written and LaTeX does not run
    warm = subprocess.run([sys.executable, "-m", "qedsheet", "build", "-o", str(a), *every],
                          capture_output=True, text=True, timeout=900)
    # b again, as its last build was run from the command line: replayed
    b_files = _tree(b)
    b_times = {p: p.stat().st_mtime_ns for p in b.rglob("*") if p.is_file()}
    replayed = subprocess.run([sys.executable, "-m", "qedsheet", "build", "-o", str(b), *every],
                              capture_output=True, text=True, timeout=900)
    return {"sheets": chosen, "a": a, "b": b, "status": (status_a, again.returncode),
            "seconds": seconds, "warm": warm, "pdf_times": pdf_times,
            "replayed": (replayed, b_files, b_times)}


def test_real_build_writes_both_sheets_in_every_format(real):
    assert real["status"] == (0, 0)            # 0: latexmk compiled both sheets
    names = {s.name for s in real["sheets"]}
    assert {"d2l-4.1.5", "lecture-notes"} <= names
    for name in names:
        for ext in ("tex", "pdf", "md", "ipynb"):
            assert (real["a"] / f"{name}.{ext}").stat().st_size > 1000, (name, ext)
    assert len(list((real["a"] / "figures").glob("*.png"))) >= 6
    assert real["seconds"] < 300


def test_real_sheets_show_each_claim_proved_as_written(real):
    """No verdict of a catalog claim rests on sympy having evaluated it on construction
    (which happens when a claim is rebuilt, e.g. unpickled in a worker)."""
    for s in real["sheets"]:
        for ext in ("tex", "md"):
            assert "sympy evaluated the relation" not in (real["a"] / f"{s.name}.{ext}").read_text()


def test_real_pdfs_have_8_pages_or_more(real):
    import subprocess

    from render_tools import need

    need("pdfinfo")
    pages = 0
    for s in real["sheets"]:
        info = subprocess.run(["pdfinfo", str(real["a"] / f"{s.name}.pdf")],
                              capture_output=True, text=True, check=True).stdout
        pages += int(next(ln.split()[-1] for ln in info.splitlines()
                          if ln.startswith("Pages:")))
    assert pages >= 8


def test_every_catalog_claim_is_labelled_in_both_formats(real):
    from derivations import catalog

    tex = "".join((real["a"] / f"{s.name}.tex").read_text() for s in real["sheets"])
    md = "".join((real["a"] / f"{s.name}.md").read_text() for s in real["sheets"])
    missing = [c.name for c in catalog()
               if f"\\label{{claim:{c.name}}}" not in tex or f'<a id="{c.name}"></a>' not in md]
    assert missing == []
    assert tex.count("\\label{claim:") == len(set(tex.split("\\label{claim:")[1:]))


def test_real_rebuild_is_byte_identical(real):
    """Proved in this process, then from the cache in another: the same bytes, PDFs too."""
    ta, tb = _tree(real["a"]), _tree(real["b"])
    assert set(ta) == set(tb) and len(ta) >= 10
    assert [k for k in ta if ta[k] != tb[k]] == []
    pdfs = sorted(p.name for p in real["a"].glob("*.pdf"))
    assert len(pdfs) >= 2
    assert [n for n in pdfs if (real["a"] / n).read_bytes() != (real["b"] / n).read_bytes()] == []


def test_real_warm_rebuild_writes_nothing_and_skips_latex(real):
    warm = real["warm"]
    assert warm.returncode == 0, warm.stderr
    assert "wrote 0 files" in warm.stderr and "unchanged" in warm.stderr
    assert {p.name: p.stat().st_mtime_ns for p in real["a"].glob("*.pdf")} == real["pdf_times"]


def test_real_unchanged_build_from_the_command_line_is_replayed(real):
    """The second command-line build into b: nothing is written, the files are b's."""
    replayed, files, times = real["replayed"]
    assert replayed.returncode == 0, replayed.stderr
    assert "nothing changed since the last build" in replayed.stderr
    assert _tree(real["b"]) == files
    assert {p: p.stat().st_mtime_ns for p in real["b"].rglob("*") if p.is_file()} == times


def test_real_markdown_math_parses_with_katex(real):
    from render_tools import katex_failures, math_fragments

    frags = [f for s in real["sheets"]
             for f in math_fragments((real["a"] / f"{s.name}.md").read_text())]
    assert len(frags) > 200
    assert katex_failures(frags) == []


def test_real_markdown_images_exist(real):
    import re

    for s in real["sheets"]:
        md = (real["a"] / f"{s.name}.md").read_text()
        for path in re.findall(r"!\[[^\]]*\]\(([^)]+)\)", md):
            assert not path.startswith("/") and (real["a"] / path).is_file(), path
