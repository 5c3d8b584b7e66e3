"""The tactics. Importing this package registers each of them with `proofs.search`
(tried cheapest first; see each module)."""

from . import ceiling, float64, identity, indexed, inequality, limits, psd  # noqa: F401
