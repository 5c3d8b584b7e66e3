"""The real sheets (d2l-4.1.5, lecture-notes) as LaTeX and Markdown text, from verdicts
kept in the proof cache (`QEDSHEET_CACHE_DIR`), so that only the first run proves."""

from __future__ import annotations

from functools import lru_cache

from derivations import sheets
from proofs import Sheet, Verdict
from proofs.cache import ProofCache
from proofs.parallel import default_jobs
from render.build import prove_all, sheet_claims
from render.md_sheet import sheet_md
from render.tex_sheet import sheet_tex

BUDGET = 20.0


@lru_cache(maxsize=1)
def real_sheets() -> tuple[tuple[Sheet, ...], dict[str, Verdict]]:
    """The catalog's sheets and the verdict of every claim they show."""
    chosen = tuple(sheets())
    claims = {c.name: c for s in chosen for c in sheet_claims(s)}
    # as `qedsheet build` proves them: in workers, from the cache where it has them
    return chosen, prove_all(list(claims.values()), BUDGET, default_jobs(),
                             cache=ProofCache.default())


def texts() -> dict[str, tuple[str, str]]:
    """Sheet name -> (LaTeX, Markdown)."""
    chosen, verdicts = real_sheets()
    return {s.name: (sheet_tex(s, verdicts), sheet_md(s, verdicts)) for s in chosen}
