"""pytest plugin: every module-level `Claim` of a test file is a test item named by the claim.

A claim bound to two names is one item. Distinct claims that share a claim name are each
an item, told apart by the variable they are bound to (`same[a]`, `same[b]`), so that one
passing namesake never hides another.

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


def item_names(module: object) -> dict[int, str]:
    """The item name of each distinct Claim bound to a public name of `module`, by id.

    The claim's name, or `name[variable]` (the first variable bound to it) when distinct
    claims of the module share that name.
    """
    first: dict[int, tuple[str, Claim]] = {}
    for variable, value in vars(module).items():
        if isinstance(value, Claim) and not variable.startswith("_"):
            first.setdefault(id(value), (variable, value))
    sharing: dict[str, int] = {}
    for _variable, claim in first.values():
        sharing[claim.name] = sharing.get(claim.name, 0) + 1
    return {key: claim.name if sharing[claim.name] == 1 else f"{claim.name}[{variable}]"
            for key, (variable, claim) in first.items()}


@pytest.hookimpl(tryfirst=True)
def pytest_pycollect_makeitem(collector: pytest.Collector, name: str, obj: Any) -> Any:
    if not isinstance(obj, Claim) or name.startswith("_"):
        return None
    if not isinstance(collector, pytest.Module):
        return []  # a claim held by a test class is data, not a test
    if not collector.config.getini("qedsheet_collect"):
        return []
    # the names still to hand out, per module; an object collected once is popped
    pending = collector.__dict__.get("_qedsheet_items")
    if pending is None:
        pending = collector.__dict__["_qedsheet_items"] = item_names(collector.obj)
    item_name = pending.pop(id(obj), None)
    if item_name is None:  # the same claim under a second module name: one item
        return []
    return ClaimItem.from_parent(collector, name=item_name, claim=obj)


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
