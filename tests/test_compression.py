"""Compressed streams: every suffix reads and writes; damage is raised after the good part."""

from __future__ import annotations

import io

import pytest
import zstandard

from dechaff.compression import DAMAGE, CompressedWriter, open_read, split_compression


class Collect:
    def __init__(self) -> None:
        self.data = b""
        self.committed = False

    def write(self, data: bytes) -> None:
        self.data += data

    def commit(self) -> None:
        self.committed = True

    def abort(self) -> None:
        self.data = b""


DATA = b"".join(b'{"n": %d, "text": "line %d of the corpus"}\n' % (n, n) for n in range(50_000))


@pytest.mark.parametrize("compression", ["gzip", "zstd", "bz2", "xz"])
def test_what_is_written_reads_back(compression: str) -> None:
    target = Collect()
    writer = CompressedWriter(target, compression, "x")
    for start in range(0, len(DATA), 7777):
        writer.write(DATA[start:start + 7777])
    writer.commit()
    assert target.committed
    assert len(target.data) < len(DATA) // 5
    stream = open_read(io.BytesIO(target.data), compression, "x")
    assert stream.read() == DATA


@pytest.mark.parametrize("compression", ["gzip", "zstd", "bz2", "xz"])
def test_a_cut_off_stream_raises_after_what_could_be_read(compression: str) -> None:
    target = Collect()
    writer = CompressedWriter(target, compression, "x")
    writer.write(DATA * 4)
    writer.commit()
    stream = open_read(io.BytesIO(target.data[: len(target.data) // 2]), compression, "x")
    read = []

    def read_all() -> None:
        read.extend(stream)

    with pytest.raises(DAMAGE):
        read_all()
    assert len(read) < DATA.count(b"\n") * 4
    assert b"".join(read) == (DATA * 4)[: sum(map(len, read))]


def test_zstd_frames_are_read_one_after_another() -> None:
    frames = [zstandard.ZstdCompressor().compress(b"frame %d\n" % n) for n in range(5)]
    stream = open_read(io.BytesIO(b"".join(frames)), "zstd", "x")
    assert stream.read() == b"".join(b"frame %d\n" % n for n in range(5))
    with pytest.raises(EOFError, match="ends in the middle of a frame"):
        open_read(io.BytesIO(b"".join(frames)[:-3]), "zstd", "x").read()
    with pytest.raises(OSError, match="corrupt zstd data"):
        open_read(io.BytesIO(b"\x28\xb5\x2f\xfd" + b"\xff" * 40), "zstd", "x").read()


def test_plain_files_are_read_as_they_are() -> None:
    raw = io.BytesIO(b"abc")
    assert open_read(raw, None, "x") is raw  # type: ignore[comparison-overlap]
    assert split_compression("a.jsonl.XZ") == ("a.jsonl", "xz")
