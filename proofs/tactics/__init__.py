"""The tactics. Importing this package registers each of them with `proofs.search`."""

from . import identity, inequality  # noqa: F401
from . import float64  # noqa: F401
