"""Optional extras: modules that only some formats need, imported when first used.

The core installs without them; asking for a format whose extra is missing raises
:class:`~dechaff.MissingExtraError`, whose message names the extra to install.

>>> require("json", "none", "JSON").__name__
'json'
>>> try:
...     require("no_such_module_here", "parquet", "reading x.parquet")
... except MissingExtraError as error:
...     print(error)
reading x.parquet needs the 'parquet' extra: pip install 'dechaff[parquet]'
"""

from __future__ import annotations

import importlib
from types import ModuleType

from .errors import MissingExtraError


def require(module: str, extra: str, purpose: str) -> ModuleType:
    """Import ``module`` for ``purpose``; :class:`MissingExtraError` naming ``extra`` if absent."""
    try:
        return importlib.import_module(module)
    except ImportError:
        raise MissingExtraError(
            f"{purpose} needs the {extra!r} extra: pip install 'dechaff[{extra}]'"
        ) from None


def zstandard(purpose: str) -> ModuleType:
    """The zstandard module (the ``zstd`` extra)."""
    return require("zstandard", "zstd", purpose)


def pyarrow_parquet(purpose: str) -> ModuleType:
    """``pyarrow.parquet`` (the ``parquet`` extra)."""
    return require("pyarrow.parquet", "parquet", purpose)


def dask_distributed(purpose: str) -> ModuleType:
    """``dask.distributed`` (the ``dask`` extra), for running on a Dask cluster."""
    require("dask.dataframe", "dask", purpose)
    return require("distributed", "dask", purpose)
