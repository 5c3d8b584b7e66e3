"""proofs.cache: verdicts on disk, keyed by what decides them, checked again, never torn."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
import sympy as sp

import proofs.parallel as parallel
from proofs import Claim
from proofs.cache import ProofCache
from proofs.parallel import prove_many

x = sp.Symbol("x", real=True)
d = sp.Dummy("t", positive=True)
CLAIMS = [
    Claim("exp-ge-tangent", sp.exp(x) >= 1 + x),
    Claim("exp-gt-tangent", sp.exp(x) > 1 + x, expect="refuted"),
    Claim("log-of-exp", sp.Eq(sp.log(sp.exp(x + 2)), x + 2, evaluate=False)),
    Claim("fresh-variable", sp.Gt(d + 1, 1, evaluate=False)),
]


@pytest.fixture
def cache(tmp_path) -> ProofCache:
    return ProofCache(tmp_path / "cache")


def _counting(monkeypatch) -> list[str]:
    proved: list[str] = []
    real = parallel.prove

    def counted(claim, budget):
        proved.append(claim.name)
        return real(claim, budget=budget)

    monkeypatch.setattr(parallel, "prove", counted)
    return proved


def test_an_unchanged_claim_is_not_proved_again(cache, monkeypatch) -> None:
    proved = _counting(monkeypatch)
    first = prove_many(CLAIMS, 10, cache=cache)
    assert proved == [c.name for c in CLAIMS]
    second = prove_many(CLAIMS, 10, cache=cache)
    assert proved == [c.name for c in CLAIMS]  # nothing proved the second time
    assert [v.status for v in first] == [v.status for v in second]
    assert [v.method for v in first] == [v.method for v in second]
    assert [sp.srepr(s.rhs) for v in first for s in v.steps] == [
        sp.srepr(s.rhs) for v in second for s in v.steps]


def test_a_changed_claim_is_proved_again(cache, monkeypatch) -> None:
    prove_many(CLAIMS[:1], 10, cache=cache)
    proved = _counting(monkeypatch)
    prove_many([Claim("exp-ge-tangent", sp.exp(x) >= x)], 10, cache=cache)
    assert proved == ["exp-ge-tangent"]


def _entries(cache: ProofCache) -> list[Path]:
    return sorted((cache.folder / "verdicts").rglob("*.json"))


@pytest.mark.parametrize("damage", [
    lambda text: text[: len(text) // 2],          # half written
    lambda text: "not json at all",
    lambda text: json.dumps({"key": "another", "verdict": json.loads(text)["verdict"]}),
    lambda text: text.replace('"proved"', '"maybe"'),
])
def test_a_damaged_entry_is_ignored_and_written_anew(cache, monkeypatch, damage) -> None:
    prove_many(CLAIMS[:1], 10, cache=cache)
    [entry] = _entries(cache)
    entry.write_text(damage(entry.read_text()))
    proved = _counting(monkeypatch)
    [v] = prove_many(CLAIMS[:1], 10, cache=cache)
    assert proved == ["exp-ge-tangent"] and v.status == "proved"
    assert cache.get(CLAIMS[0]) is not None  # rewritten


def test_a_refutation_is_checked_again_before_use(cache, monkeypatch) -> None:
    claim = CLAIMS[1]
    prove_many([claim], 10, cache=cache)
    [entry] = _entries(cache)
    data = json.loads(entry.read_text())
    assert data["verdict"]["status"] == "refuted"
    # move the counterexample to x = 1, where exp(x) > 1 + x holds
    data["verdict"]["counterexample"] = ["d", [[["S", "x", {"real": True}], ["Z", "1"]]]]
    entry.write_text(json.dumps(data))
    assert cache.get(claim) is None
    proved = _counting(monkeypatch)
    [v] = prove_many([claim], 10, cache=cache)
    assert proved == [claim.name] and v.status == "refuted" and v.counterexample[x] == 0


def test_undecided_verdicts_are_not_kept(cache) -> None:
    hard = Claim("hard", sp.Gt(sp.Function("f")(x), 0, evaluate=False))
    [v] = prove_many([hard], 2, cache=cache)
    assert v.status == "undecided" and _entries(cache) == []


KEY = """
import sympy as sp
from proofs import Claim
from proofs.cache import ProofCache
d = sp.Dummy("t", positive=True)
print(ProofCache("unused").key(Claim("fresh-variable", sp.Gt(d + 1, 1, evaluate=False))))
"""


def test_keys_are_the_same_in_every_process() -> None:
    keys = {subprocess.run([sys.executable, "-c", KEY], capture_output=True, text=True,
                           check=True).stdout.strip() for _ in range(2)}
    assert len(keys) == 1 and len(keys.pop()) == 64
    assert ProofCache("unused").key(CLAIMS[3]) == ProofCache("unused").key(
        Claim("fresh-variable", sp.Gt(sp.Dummy("t", positive=True) + 1, 1, evaluate=False)))


CATALOG_KEYS = """
import os
import sympy as sp
spare = [sp.Dummy() for _ in range(os.getpid() % 97)]  # fresh indices differ by process
from derivations import catalog
from proofs.cache import ProofCache
print(*[ProofCache("unused").key(c) for c in catalog()])
"""


def test_every_catalog_claim_has_one_key_in_every_process() -> None:
    runs = [subprocess.run([sys.executable, "-c", CATALOG_KEYS], capture_output=True,
                           text=True, check=True).stdout.split() for _ in range(2)]
    assert runs[0] == runs[1]
    assert "None" not in runs[0] and len(set(runs[0])) == len(runs[0])


def test_clear_removes_every_entry(cache) -> None:
    prove_many(CLAIMS, 10, cache=cache)
    assert len(_entries(cache)) == 4
    assert cache.clear() == 4 and _entries(cache) == []
