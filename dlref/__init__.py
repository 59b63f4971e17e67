"""dlref: a small, tested NumPy reference for training deep networks.

Every public function documents its math and carries doctest examples; the
documentation site is built from these docstrings.
"""

__version__ = "0.1.0"

from dlref.activations import *  # noqa: F403
from dlref.batchnorm import *  # noqa: F403
from dlref.data import *  # noqa: F403
from dlref.diagnosis import *  # noqa: F403
from dlref.ewma import *  # noqa: F403
from dlref.gradcheck import *  # noqa: F403
from dlref.init import *  # noqa: F403
from dlref.landscapes import *  # noqa: F403
from dlref.losses import *  # noqa: F403
from dlref.nn import *  # noqa: F403
from dlref.optim import *  # noqa: F403
from dlref.preprocessing import *  # noqa: F403
from dlref.regularization import *  # noqa: F403
from dlref.selfcheck import *  # noqa: F403
from dlref.tuning import *  # noqa: F403
