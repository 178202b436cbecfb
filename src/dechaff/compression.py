"""Compressed files, chosen by suffix: ``.gz``, ``.zst``, ``.bz2`` and ``.xz``.

Reading gives a buffered binary stream. Damage inside a compressed stream (cut off, or
corrupt) raises one of :data:`DAMAGE` after every byte before it was returned, so a reader
can keep the records before the damage and report the rest. A zstd stream cut off between
frames or inside one is reported as such (the zstandard module's own reader returns a cut-off
stream as if it were complete).

Writing compresses incrementally into any :class:`~dechaff.outputs.Writer`, with no time
stamp or file name stored, so the same records always give the same bytes.

>>> split_compression("crawl/part-1.JSONL.zst"), split_compression("page.txt")
(('crawl/part-1.JSONL', 'zstd'), ('page.txt', None))
"""

from __future__ import annotations

import bz2
import gzip
import io
import lzma
import zlib
from typing import Any, BinaryIO, Protocol, cast

from .extras import zstandard

# Suffix -> compression name; the names are what messages and --help show.
COMPRESSIONS: dict[str, str] = {".gz": "gzip", ".zst": "zstd", ".bz2": "bz2", ".xz": "xz"}
# What a damaged compressed stream raises while it is read.
DAMAGE: tuple[type[BaseException], ...] = (EOFError, OSError, zlib.error, lzma.LZMAError)
_CHUNK = 1 << 20


def split_compression(path: str) -> tuple[str, str | None]:
    """The path without its compression suffix, and the compression (None when plain)."""
    lowered = path.lower()
    for suffix, name in COMPRESSIONS.items():
        if lowered.endswith(suffix):
            return path[: -len(suffix)], name
    return path, None


class Decompressing(Protocol):
    def decompress(self, data: bytes, /) -> bytes: ...


def open_read(raw: BinaryIO, compression: str | None, name: str) -> BinaryIO:
    """A buffered stream of the decompressed bytes of ``raw`` (``raw`` itself when plain).

    ``name`` is only used in messages. Closing the result does not close ``raw``.
    """
    if compression is None:
        return raw
    if compression == "gzip":
        return cast(BinaryIO, gzip.GzipFile(fileobj=raw, mode="rb"))
    if compression == "bz2":
        return cast(BinaryIO, bz2.BZ2File(raw, "rb"))
    if compression == "xz":
        return cast(BinaryIO, lzma.LZMAFile(raw, "rb"))
    if compression == "zstd":
        module = zstandard(f"reading {name}")
        return cast(BinaryIO, io.BufferedReader(_ZstdReader(raw, module), _CHUNK))
    raise ValueError(f"unknown compression {compression!r}")


class _ZstdReader(io.RawIOBase):
    """Decompresses zstd frames one after another; a frame cut off raises EOFError."""

    def __init__(self, raw: BinaryIO, module: Any) -> None:
        super().__init__()
        self._raw = raw
        self._module = module
        self._context = module.ZstdDecompressor()
        self._frame: Any = None
        self._pending = memoryview(b"")
        self._done = False

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        while not self._pending and not self._done:
            self._fill()
        size = min(len(buffer), len(self._pending))
        buffer[:size] = self._pending[:size]
        self._pending = self._pending[size:]
        return size

    def _fill(self) -> None:
        data = self._raw.read(_CHUNK)
        if not data:
            if self._frame is not None:
                raise EOFError("the zstd stream ends in the middle of a frame")
            self._done = True
            return
        out = []
        while data:
            if self._frame is None:
                self._frame = self._context.decompressobj()
            try:
                out.append(self._frame.decompress(data))
            except self._module.ZstdError as error:
                raise OSError(f"corrupt zstd data ({error})") from None
            if self._frame.eof:
                data, self._frame = self._frame.unused_data, None
            else:
                data = b""
        self._pending = memoryview(b"".join(out))


# ---------------------------------------------------------------------------------------------
# Writing


class _Sink(Protocol):
    def write(self, data: bytes) -> None: ...
    def commit(self) -> None: ...
    def abort(self) -> None: ...


class _Compressor(Protocol):
    def compress(self, data: bytes, /) -> bytes: ...
    def flush(self) -> bytes: ...


def compressor(compression: str, name: str) -> _Compressor:
    """An incremental compressor; gzip and zstd at their usual default levels."""
    if compression == "gzip":
        # wbits 31: a gzip header with no time stamp and no file name.
        return zlib.compressobj(6, zlib.DEFLATED, 31)
    if compression == "bz2":
        return bz2.BZ2Compressor(9)
    if compression == "xz":
        return lzma.LZMACompressor(lzma.FORMAT_XZ)
    if compression == "zstd":
        module = zstandard(f"writing {name}")
        compressor: _Compressor = module.ZstdCompressor(level=3).compressobj()
        return compressor
    raise ValueError(f"unknown compression {compression!r}")


class CompressedWriter:
    """A :class:`~dechaff.outputs.Writer` that compresses what it is given into another one.

    >>> class Bytes:
    ...     def __init__(self): self.data = b""
    ...     def write(self, data): self.data += data
    ...     def commit(self): pass
    ...     def abort(self): pass
    >>> target = Bytes()
    >>> writer = CompressedWriter(target, "gzip", "out.gz")
    >>> writer.write(b"hello\\n"); writer.commit()
    >>> gzip.decompress(target.data)
    b'hello\\n'
    """

    def __init__(self, target: _Sink, compression: str, name: str) -> None:
        self.target = target
        self._compressor = compressor(compression, name)
        self._buffer: list[bytes] = []
        self._buffered = 0

    def write(self, data: bytes) -> None:
        # Compressors are faster on large pieces than on one record at a time.
        self._buffer.append(data)
        self._buffered += len(data)
        if self._buffered >= _CHUNK:
            self._drain()

    def _drain(self) -> None:
        if self._buffer:
            compressed = self._compressor.compress(b"".join(self._buffer))
            self._buffer, self._buffered = [], 0
            if compressed:
                self.target.write(compressed)

    def commit(self) -> None:
        self._drain()
        self.target.write(self._compressor.flush())
        self.target.commit()

    def abort(self) -> None:
        self._buffer = []
        self.target.abort()
