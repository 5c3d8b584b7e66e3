"""The tactics. Importing this package registers each of them with `proofs.search`
(tried cheapest first; see each module)."""

from . import (  # noqa: F401
    amgm,
    ceiling,
    factors,
    float64,
    identity,
    indexed,
    inequality,
    lemma_instance,
    limits,
    monotone,
    piecewise,
    polynomial,
    psd,
    roots,
    sos,
    sums,
    tangent,
)
