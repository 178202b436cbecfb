"""dechaff on a Dask cluster (the ``dask`` extra): the same cleaning and near-duplicate
removal as the local engine, with the same answer, over partitions held by the workers.

- :func:`clean`: a Dask DataFrame of documents in, the cleaned frame and the report out.
- :func:`run_clean_dask`: ``dechaff clean --engine dask``, files in and files out.

The per-document work is the local engine's; the corpus-level steps are spread out: band
keys are shuffled (p2p) so that candidate pairs are made where their bucket is, the pairs
are verified where their documents are, and the client runs the keep rule over the verified
edges (up to ``edge_limit``; :class:`TooManyEdgesError` beyond).
"""

from ..extras import dask_distributed

dask_distributed("--engine dask (dechaff.dask)")

from .engine import EDGE_LIMIT, TooManyEdgesError  # noqa: E402
from .frame import clean  # noqa: E402
from .run import run_clean_dask  # noqa: E402

__all__ = ["EDGE_LIMIT", "TooManyEdgesError", "clean", "run_clean_dask"]
