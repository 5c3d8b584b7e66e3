"""The tactics. Importing this package registers each of them with `proofs.search`."""

from . import identity, inequality  # noqa: F401
from . import ceiling, float64  # noqa: F401
from . import limits  # noqa: F401
from . import indexed, psd  # noqa: F401
