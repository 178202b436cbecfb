"""Near-duplicate documents across a corpus: MinHash LSH candidates, verified exactly.

Two documents are duplicates when the Jaccard similarity of their sets of word 5-grams
(character 5-grams in scripts written without spaces) reaches a threshold (0.8 by default).
Candidates come from MinHash LSH; every candidate is verified on the shingle sets; each
document is decided in input order against the documents kept before it.

The pieces are pure functions (:func:`shingle_batch`, :func:`sign`, :func:`band_keys`,
:func:`sketch`, :func:`jaccard`, :func:`keep_rule`, :func:`decide_edges`) so that another
engine can run them; :class:`Deduplicator` runs them locally on a stream, and its
:class:`DedupIndex` carries state from run to run.
"""

from .banding import Banding, band_keys, choose_banding
from .config import DedupConfig
from .engine import Deduplicator, deduplicate
from .index import DedupIndex
from .keep import Decision, decide_edges, follow_copies, keep_rule
from .minhash import Permutations, sign, sign_one, signature_hashes
from .shingles import ShingledBatch, shingle_batch, shingle_hashes
from .sketch import Sketch, sketch
from .verify import as_set, jaccard

__all__ = [
    "Banding",
    "Decision",
    "DedupConfig",
    "DedupIndex",
    "Deduplicator",
    "Permutations",
    "ShingledBatch",
    "Sketch",
    "as_set",
    "band_keys",
    "choose_banding",
    "decide_edges",
    "deduplicate",
    "follow_copies",
    "jaccard",
    "keep_rule",
    "shingle_batch",
    "shingle_hashes",
    "sign",
    "sign_one",
    "signature_hashes",
    "sketch",
]
