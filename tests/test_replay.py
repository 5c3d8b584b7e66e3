"""qedsheet.replay: a check or build of the catalog given again when nothing it depends on
changed, and run in full on any change, damage or request."""

from __future__ import annotations

import io
import os
import subprocess
import sys
import uuid
from pathlib import Path

import pytest

from proofs.cache import default_folder
from qedsheet import replay


@pytest.mark.parametrize("argv, ok", [
    (["check"], True), (["check", "--json"], True), (["check", "--budget", "5", "-j", "2"], True),
    (["check", "--only=xent*", "--import-timeout", "3"], True),
    (["check", "notes.py"], False), (["check", "--no-cache"], False),
    (["check", "--budget"], False), ([], False),
    (["check", "--json", "derivations.d2l"], False),
    (["build"], True), (["build", "-o", "out", "--format=md,tex", "-j", "1"], True),
    (["build", "--output", "out", "--only", "notes/"], True),
    (["build", "notes.py"], False), (["build", "--no-cache"], False), (["build", "-o"], False),
    (["build", "--json"], False), (["check", "-o", "out"], False), (["list"], False),
    (["grade", "a.md"], False),
])
def test_only_a_check_or_build_of_the_catalog_is_replayed(argv: list[str], ok: bool) -> None:
    assert replay.eligible(argv) is ok


def test_the_key_follows_options_and_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    first = replay.run_key(["check"])
    assert replay.run_key(["check"]) == first
    assert replay.run_key(["check", "--json"]) != first
    monkeypatch.setenv("QEDSHEET_SOMETHING", "1")
    assert replay.run_key(["check"]) != first


def test_a_builds_key_follows_its_output_folder(monkeypatch: pytest.MonkeyPatch,
                                                tmp_path: Path) -> None:
    monkeypatch.chdir(tmp_path)
    key = replay.run_key(["build", "-o", "out"])
    assert replay.run_key(["build", "--output", str(tmp_path / "out")]) != key  # other argv
    assert replay.output_folder(["build", "--output=out"]) == tmp_path / "out"
    assert replay.output_folder(["build"]) == tmp_path / "build"
    (tmp_path / "elsewhere").mkdir()
    monkeypatch.chdir(tmp_path / "elsewhere")  # the same command line, another folder
    assert replay.run_key(["build", "-o", "out"]) != key


def test_the_folder_is_the_proof_caches(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    assert replay.cache_folder() == default_folder()
    monkeypatch.setenv("QEDSHEET_CACHE_DIR", str(tmp_path))
    assert replay.cache_folder() == default_folder() == tmp_path


def test_a_damaged_or_foreign_record_is_not_replayed(monkeypatch: pytest.MonkeyPatch,
                                                     tmp_path: Path) -> None:
    monkeypatch.setenv("QEDSHEET_CACHE_DIR", str(tmp_path))
    key = "k" * 64
    runs = tmp_path / "runs"
    runs.mkdir()
    out, err = io.StringIO(), io.StringIO()
    assert replay.replay(key, out, err) is None  # none yet
    for text in ("{not json", '{"key": "other", "status": 0, "stdout": "", "stderr": ""}',
                 f'{{"key": "{key}", "status": 2, "stdout": "", "stderr": ""}}', "[]"):
        (runs / f"{key}.json").write_text(text)
        assert replay.replay(key, out, err) is None, text
    assert out.getvalue() == err.getvalue() == ""


def test_recording_keeps_a_run_with_every_claim_as_expected_only(monkeypatch: pytest.MonkeyPatch,
                                                          tmp_path: Path) -> None:
    monkeypatch.setenv("QEDSHEET_CACHE_DIR", str(tmp_path))
    with replay.recording("a" * 64) as run:
        print("1 claim: 1 proved")
        run.status = 0
    with replay.recording("b" * 64) as run:
        print("qedsheet: error: no such file", file=sys.stderr)
        run.status = 2
    with replay.recording("d" * 64) as run:  # a claim not as expected: tried again
        print("1 claim: 1 undecided")
        run.status = 1
    out, err = io.StringIO(), io.StringIO()
    assert replay.replay("a" * 64, out, err) == 0 and out.getvalue() == "1 claim: 1 proved\n"
    assert "nothing changed" in err.getvalue()
    assert replay.replay("b" * 64, io.StringIO(), io.StringIO()) is None
    assert replay.replay("d" * 64, io.StringIO(), io.StringIO()) is None


def test_a_build_is_replayed_only_while_its_files_are_as_it_wrote_them(
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("QEDSHEET_CACHE_DIR", str(tmp_path / "cache"))
    sheet, figure = tmp_path / "out" / "s.md", tmp_path / "out" / "figures" / "f.png"
    figure.parent.mkdir(parents=True)
    sheet.write_text("# sheet\n")
    figure.write_bytes(b"\x89PNG")
    with replay.recording("e" * 64, build=True) as run:  # the PDF could not be made
        run.status = 0
    assert replay.replay("e" * 64, io.StringIO(), io.StringIO()) is None
    with replay.recording("f" * 64, build=True) as run:
        print("qedsheet: wrote 2 files", file=sys.stderr)
        run.status = 0
        run.files += [sheet, figure]
    err = io.StringIO()
    assert replay.replay("f" * 64, io.StringIO(), err) == 0
    assert err.getvalue() == (f"qedsheet: nothing changed since the last build: its 2 files "
                              f"in {tmp_path / 'out'} are as it wrote them (--no-cache builds "
                              "everything again)\n")
    sheet.write_text("# sheet, edited by hand\n")
    assert replay.replay("f" * 64, io.StringIO(), io.StringIO()) is None
    sheet.write_text("# sheet\n")
    assert replay.replay("f" * 64, io.StringIO(), io.StringIO()) == 0
    figure.unlink()
    assert replay.replay("f" * 64, io.StringIO(), io.StringIO()) is None


def test_a_second_check_of_the_catalog_is_the_firsts_result_again(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """End to end, as CI runs it: the second run gives the same output and exit status
    without proving; after a damaged record the next run is a full one again."""
    monkeypatch.setenv("QEDSHEET_RUN_TAG", uuid.uuid4().hex)  # a key of this test's own
    record = default_folder() / "runs" / f"{replay.run_key(['check', '--json'])}.json"

    def check() -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-m", "qedsheet", "check", "--json"],
                              capture_output=True, text=True, env=dict(os.environ),
                              timeout=900)

    first = check()
    assert first.returncode == 0 and "nothing changed" not in first.stderr, first.stderr
    assert record.exists()
    second = check()
    assert second.returncode == 0 and second.stdout == first.stdout
    assert "nothing changed" in second.stderr
    record.write_text("{damaged")
    third = check()
    assert third.returncode == 0 and "nothing changed" not in third.stderr
    assert third.stdout.count('"name"') == first.stdout.count('"name"')


def test_cache_clear_forgets_the_recorded_runs(tmp_path: Path) -> None:
    from proofs.cache import ProofCache

    (tmp_path / "runs").mkdir()
    (tmp_path / "runs" / ("c" * 64 + ".json")).write_text("{}")
    ProofCache(tmp_path).clear()
    assert not list((tmp_path / "runs").glob("*.json"))
