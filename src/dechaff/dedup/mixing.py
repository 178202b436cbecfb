"""Integer mixing on numpy arrays: the MurmurHash3 finalisers, used to spread hash bits.

Both are bijections, so mixing never adds a collision. Multiplication wraps around on
unsigned arrays, which is the modular arithmetic these functions are defined with.

>>> import numpy as np
>>> fmix64(np.array([0, 1], dtype=np.uint64)).tolist()
[0, 12994781566227106604]
>>> fmix32(np.array([1], dtype=np.uint32)).tolist()
[1364076727]
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

U64 = npt.NDArray[np.uint64]
U32 = npt.NDArray[np.uint32]

_M64_1 = np.uint64(0xFF51AFD7ED558CCD)
_M64_2 = np.uint64(0xC4CEB9FE1A85EC53)
_M32_1 = np.uint32(0x85EBCA6B)
_M32_2 = np.uint32(0xC2B2AE35)
_S33 = np.uint64(33)
_S16 = np.uint32(16)
_S13 = np.uint32(13)


def fmix64(values: U64) -> U64:
    """The 64-bit MurmurHash3 finaliser, element-wise (a new array)."""
    out: U64 = values ^ (values >> _S33)
    out *= _M64_1
    out ^= out >> _S33
    out *= _M64_2
    out ^= out >> _S33
    return out


def fmix32(values: U32) -> U32:
    """The 32-bit MurmurHash3 finaliser, element-wise (a new array); datasketch's pre-mix."""
    out: U32 = values ^ (values >> _S16)
    out *= _M32_1
    out ^= out >> _S13
    out *= _M32_2
    out ^= out >> _S16
    return out
