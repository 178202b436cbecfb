"""One file holding a JSON header and named numpy arrays, written atomically, read memory-mapped.

Layout: the 8 bytes ``DCHFARR1``, the header's length (8 bytes, little-endian), the header
(UTF-8 JSON: ``{"meta": {...}, "arrays": {name: {"dtype", "shape", "offset"}}}``), then each
array's bytes at a 64-byte aligned offset. An array may be given as several segments, written
one after the other (nothing is concatenated in memory). Reading maps the arrays, so a large
index costs address space, not memory, until its pages are read.
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
import numpy.typing as npt

from ..errors import InputError
from ..outputs import AtomicFile

MAGIC = b"DCHFARR1"
_ALIGN = 64
_CHUNK = 1 << 24

Segments = Sequence[npt.NDArray[Any]]


def write_arrays(
    path: str | os.PathLike[str], meta: Mapping[str, Any], arrays: Mapping[str, Segments]
) -> None:
    """Write ``meta`` and the arrays (each the concatenation of its segments along axis 0)."""
    layout: dict[str, dict[str, Any]] = {}
    offset = 0
    for name, segments in arrays.items():
        first = segments[0]
        rows = sum(segment.shape[0] for segment in segments)
        size = sum(segment.nbytes for segment in segments)
        layout[name] = {
            "dtype": first.dtype.str, "shape": [rows, *first.shape[1:]], "offset": offset,
        }
        offset += -(-size // _ALIGN) * _ALIGN
    header = json.dumps({"meta": dict(meta), "arrays": layout}).encode("utf-8")
    start = -(-(len(MAGIC) + 8 + len(header)) // _ALIGN) * _ALIGN
    with AtomicFile(path) as file:
        lead = MAGIC + len(header).to_bytes(8, "little") + header
        file.write(lead + bytes(start - len(lead)))
        written = 0
        for name, segments in arrays.items():
            padding = layout[name]["offset"] - written
            file.write(bytes(padding))
            written += padding
            for segment in segments:
                flat = np.ascontiguousarray(segment, dtype=np.dtype(layout[name]["dtype"]))
                raw = flat.reshape(-1).view(np.uint8)
                for begin in range(0, raw.size, _CHUNK):
                    file.write(raw[begin:begin + _CHUNK].tobytes())
                written += raw.size


def read_arrays(path: str | os.PathLike[str]) -> tuple[dict[str, Any], dict[str, npt.NDArray[Any]]]:
    """The meta and the arrays of a file written by :func:`write_arrays` (arrays read-only)."""
    name = os.fspath(path)
    with open(name, "rb") as file:
        lead = file.read(len(MAGIC) + 8)
        if len(lead) < len(MAGIC) + 8 or not lead.startswith(MAGIC):
            raise InputError(
                f"{name}: not a dechaff index file; pass the path of an index that "
                "dechaff wrote, or a new path to start one"
            )
        length = int.from_bytes(lead[len(MAGIC):], "little")
        try:
            header = json.loads(file.read(length).decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError):
            raise InputError(f"{name}: the index header is damaged; start a new index") from None
    start = -(-(len(MAGIC) + 8 + length) // _ALIGN) * _ALIGN
    size = os.path.getsize(name)
    arrays: dict[str, npt.NDArray[Any]] = {}
    for key, spec in header["arrays"].items():
        dtype = np.dtype(spec["dtype"])
        shape = tuple(spec["shape"])
        count = int(np.prod(shape))
        if start + spec["offset"] + count * dtype.itemsize > size:
            raise InputError(f"{name}: the index is cut short; start a new index")
        if count == 0:
            arrays[key] = np.zeros(shape, dtype=dtype)
        else:
            arrays[key] = np.memmap(
                name, dtype=dtype, mode="r", offset=start + spec["offset"], shape=shape
            )
    return dict(header["meta"]), arrays
