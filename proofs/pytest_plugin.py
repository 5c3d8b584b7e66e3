"""pytest plugin: every module-level `Claim` of a test file is a test item named by the claim.

The item passes when the verdict equals the claim's `expect`; a failure shows the verdict,
its reason and, for a refutation, the counterexample as `x = 0` lines. Registered as the
`pytest11` entry point `qedsheet`; switch it off with `-p no:qedsheet`, for one file by
naming its claims with a leading underscore, or everywhere with the ini option
`qedsheet_collect = false`. (Loading the plugin imports `proofs`, hence sympy: about
0.4 s at the start of every pytest run in an environment where qedsheet is installed.)
"""

from __future__ import annotations

from typing import Any

import pytest

from .claim import Claim

DEFAULT_BUDGET = 20.0


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("qedsheet", "qedsheet claims")
    group.addoption("--qedsheet-budget", type=float, default=None, metavar="S",
                    help="seconds allowed per collected claim (default: ini qedsheet_budget, "
                         f"else {DEFAULT_BUDGET:g})")
    parser.addini("qedsheet_budget", help="seconds allowed per collected claim",
                  default=str(DEFAULT_BUDGET))
    parser.addini("qedsheet_collect", type="bool", default=True,
                  help="collect module-level proofs.Claim objects of test files as tests")


def _budget(config: pytest.Config) -> float:
    option = config.getoption("qedsheet_budget")
    return float(option if option is not None else config.getini("qedsheet_budget"))


@pytest.hookimpl(tryfirst=True)
def pytest_pycollect_makeitem(collector: pytest.Collector, name: str, obj: Any) -> Any:
    if not isinstance(obj, Claim) or name.startswith("_"):
        return None
    if not isinstance(collector, pytest.Module):
        return []  # a claim held by a test class is data, not a test
    if not collector.config.getini("qedsheet_collect"):
        return []
    seen = collector.__dict__.setdefault("_qedsheet_seen", set())
    if obj.name in seen:  # the same claim under two module names: one item
        return []
    seen.add(obj.name)
    return ClaimItem.from_parent(collector, name=obj.name, claim=obj)


class ClaimItem(pytest.Item):
    """One claim to prove; passes when the verdict is the claim's `expect`."""

    def __init__(self, *, claim: Any, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.claim = claim

    def runtest(self) -> None:
        from .prover import prove
        from .testing import ClaimFailure, failure_message

        verdict = prove(self.claim, budget=_budget(self.config))
        self.user_properties.append(("verdict", verdict.status))
        if not verdict.ok:
            raise ClaimFailure(failure_message(verdict))

    def repr_failure(self, excinfo: pytest.ExceptionInfo[BaseException],
                     style: Any = None) -> str:
        from .testing import ClaimFailure

        if isinstance(excinfo.value, ClaimFailure):
            return str(excinfo.value)
        return str(super().repr_failure(excinfo))

    def reportinfo(self) -> tuple[Any, int | None, str]:
        return self.path, None, f"claim {self.claim.name}"
