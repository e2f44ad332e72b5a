"""peaceops: a sourced register of international peace operations.

>>> import peaceops
>>> reg = peaceops.open()                 # embedded register with the curated data
>>> reg.missions(country="MLI")           # a pandas DataFrame
"""

from peaceops.errors import PeaceOpsError
from peaceops.facade import Registry, open  # noqa: A004

__version__ = "0.1.0"
__all__ = ["PeaceOpsError", "Registry", "__version__", "open"]
