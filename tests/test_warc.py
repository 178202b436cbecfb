"""The WARC/WET reader: every conversion record becomes a document or an error with its place."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest

from dechaff import InputError
from dechaff.warc import WarcItem, looks_like_warc, read_warc

BODIES = [
    "First page.\nIts second line.\n",
    "Zweite Seite: Grüße aus Köln.\r\nMit CRLF.",
    "",
    "第三页。\n",
]


def record(
    body: bytes,
    number: int,
    kind: str = "conversion",
    length: int | None = None,
) -> bytes:
    header = (
        "WARC/1.0\r\n"
        f"WARC-Type: {kind}\r\n"
        f"WARC-Target-URI: https://example.org/page/{number}\r\n"
        f"WARC-Date: 2026-03-0{number % 9 + 1}T08:00:00Z\r\n"
        f"WARC-Record-ID: <urn:uuid:{number:08d}>\r\n"
        "WARC-Refers-To: <urn:uuid:ffffffff>\r\n"
        "WARC-Identified-Content-Language: deu\r\n"
        "Content-Type: text/plain\r\n"
        f"Content-Length: {len(body) if length is None else length}\r\n"
        "\r\n"
    )
    return header.encode() + body + b"\r\n\r\n"


def warcinfo() -> bytes:
    return record(b"software: test\r\nisPartOf: CC-TEST\r\n", 0, kind="warcinfo")


def records() -> list[bytes]:
    """A warcinfo record, the conversion records of BODIES, and a response record to skip."""
    parts = [warcinfo()]
    parts += [record(body.encode(), number) for number, body in enumerate(BODIES, 1)]
    parts.append(record(b"HTTP/1.1 200 OK\r\n\r\n<html></html>", 9, kind="response"))
    return parts


def write(path: Path, parts: list[bytes], packing: str) -> Path:
    data = b"".join(parts)
    if packing == "plain":
        path.write_bytes(data)
    elif packing == "stream":
        path.write_bytes(gzip.compress(data))
    else:
        path.write_bytes(b"".join(gzip.compress(part) for part in parts))
    return path


def documents(items: list[WarcItem]) -> list[str]:
    return [item.document.text for item in items if item.document is not None]


@pytest.mark.parametrize(
    ("name", "packing"),
    [
        ("crawl.warc", "plain"),
        ("crawl.warc.wet", "plain"),
        ("crawl.warc.gz", "stream"),
        ("crawl.warc.wet.gz", "stream"),
        ("crawl.warc.wet.gz", "members"),
    ],
)
def test_every_conversion_record_becomes_a_document(
    tmp_path: Path, name: str, packing: str
) -> None:
    path = write(tmp_path / name, records(), packing)
    items = list(read_warc(path))
    assert documents(items) == BODIES
    assert all(item.error is None and item.warning is None for item in items)
    first = items[0].document
    assert first is not None
    assert first.id == "<urn:uuid:00000001>"
    assert first.url == "https://example.org/page/1"
    assert first.source == f"{path}:2"  # record 1 is the warcinfo record
    assert first.fields["crawl_date"] == "2026-03-02T08:00:00Z"
    assert first.fields["warc_identified_content_language"] == "deu"
    assert first.fields["warc_refers_to"] == "<urn:uuid:ffffffff>"
    assert [item.source for item in items] == [f"{path}:{number}" for number in (2, 3, 4, 5)]


def test_multi_member_file_really_has_one_member_per_record(tmp_path: Path) -> None:
    path = write(tmp_path / "crawl.warc.gz", records(), "members")
    assert path.read_bytes().count(b"\x1f\x8b\x08") >= len(records())
    assert documents(list(read_warc(path))) == BODIES


def test_offsets_point_at_the_start_of_each_record(tmp_path: Path) -> None:
    parts = records()
    path = write(tmp_path / "crawl.warc.gz", parts, "stream")
    data = b"".join(parts)
    for item in read_warc(path):
        assert data[item.offset:].startswith(b"WARC/1.0\r\nWARC-Type: conversion")


def test_a_cut_off_last_record_is_reported_after_every_record_before_it(tmp_path: Path) -> None:
    data = b"".join(records()[:-1])
    path = tmp_path / "cut.warc"
    path.write_bytes(data[:-20])
    items = list(read_warc(path))
    assert documents(items) == BODIES[:-1]
    last = items[-1]
    assert last.document is None
    assert last.error is not None
    assert str(path) in last.error
    assert "record 5" in last.error
    assert "cut off" in last.error
    assert last.source == f"{path}:5"


@pytest.mark.parametrize("packing", ["plain", "stream", "members"])
def test_any_truncation_yields_a_prefix_and_never_raises(tmp_path: Path, packing: str) -> None:
    whole = write(tmp_path / "whole.warc.gz", records(), packing).read_bytes()
    for cut in range(len(whole)):
        path = tmp_path / "cut.warc.gz"
        path.write_bytes(whole[:cut])
        items = list(read_warc(path))
        texts = documents(items)
        assert texts == BODIES[: len(texts)], cut
        assert all(item.ok for item in items[:-1]), cut
        if packing == "stream" and cut > 0:
            assert items, cut
            assert items[-1].error is not None, cut


def test_a_truncated_gzip_stream_says_so(tmp_path: Path) -> None:
    whole = write(tmp_path / "whole.warc.gz", records(), "members").read_bytes()
    last_member = gzip.compress(records()[-1])
    path = tmp_path / "cut.warc.gz"
    # Cut inside the last member: every conversion record before it is whole.
    path.write_bytes(whole[: len(whole) - len(last_member) // 2])
    items = list(read_warc(path))
    assert documents(items) == BODIES
    assert items[-1].error is not None
    assert "gzip stream" in items[-1].error
    assert "cut off" in items[-1].error


def test_a_body_that_is_not_utf8_is_an_error_and_reading_goes_on(tmp_path: Path) -> None:
    parts = [warcinfo(), record(b"ok\n", 1), record(b"caf\xe9\n", 2), record(b"next\n", 3)]
    path = write(tmp_path / "bad.warc", parts, "plain")
    items = list(read_warc(path))
    assert documents(items) == ["ok\n", "next\n"]
    bad = items[1]
    assert bad.error is not None
    assert "record 3" in bad.error
    assert "not valid UTF-8" in bad.error
    byte = len(parts[0]) + len(parts[1]) + len(parts[2]) - len(b"\xe9\n\r\n\r\n")
    assert f"at byte {byte}" in bad.error


def test_garbage_between_records_is_reported_and_skipped(tmp_path: Path) -> None:
    parts = [record(b"one\n", 1), b"stray text\r\nmore\r\n", record(b"two\n", 2)]
    items = list(read_warc(write(tmp_path / "junk.warc", parts, "plain")))
    # The stray text follows a complete body: it belongs to record 1, whose Content-Length
    # was then too short; the record is read up to the next record and the reader says so.
    assert documents(items) == ["one\n\r\n\r\nstray text\r\nmore\r\n", "two\n"]
    assert items[0].warning is not None
    assert "Content-Length" in items[0].warning


def test_a_record_without_version_line_is_an_error(tmp_path: Path) -> None:
    broken = record(b"lost\n", 2).replace(b"WARC/1.0\r\n", b"", 1)
    parts = [record(b"one\n", 1), broken, record(b"three\n", 3)]
    path = write(tmp_path / "noversion.warc", parts, "plain")
    items = list(read_warc(path))
    assert documents(items)[-1] == "three\n"
    assert any(item.error is not None and "WARC/1.0" in item.error for item in items)


def test_a_record_without_content_length_is_an_error(tmp_path: Path) -> None:
    broken = record(b"lost\n", 2).replace(b"Content-Length: 5\r\n", b"")
    parts = [record(b"one\n", 1), broken, record(b"three\n", 3)]
    items = list(read_warc(write(tmp_path / "nolength.warc", parts, "plain")))
    assert documents(items) == ["one\n", "three\n"]
    assert items[1].error is not None
    assert "Content-Length" in items[1].error
    assert items[1].source.endswith(":2")


@pytest.mark.parametrize("error", [-2, +2, +4, +5, +30])
def test_a_wrong_content_length_is_mended_with_a_warning(tmp_path: Path, error: int) -> None:
    body = b"Body of record two, long enough.\n"
    parts = [record(b"one\n", 1), record(body, 2, length=len(body) + error), record(b"3\n", 3)]
    items = list(read_warc(write(tmp_path / "length.warc", parts, "plain")))
    assert documents(items) == ["one\n", body.decode(), "3\n"]
    assert [item.source[-2:] for item in items] == [":1", ":2", ":3"]
    assert items[2].offset == len(parts[0]) + len(parts[1])
    assert items[2].warning is None
    assert items[1].warning is not None
    assert f"Content-Length of {len(body) + error}" in items[1].warning


def test_a_record_over_the_size_limit_is_skipped_with_an_error(tmp_path: Path) -> None:
    parts = [record(b"small\n", 1), record(b"x" * 500, 2), record(b"small too\n", 3)]
    path = write(tmp_path / "big.warc", parts, "plain")
    items = list(read_warc(path, max_record_bytes=100))
    assert documents(items) == ["small\n", "small too\n"]
    assert items[1].error is not None
    assert "max_record_bytes" in items[1].error


def test_an_empty_file_has_no_records(tmp_path: Path) -> None:
    path = tmp_path / "empty.warc"
    path.write_bytes(b"")
    assert list(read_warc(path)) == []


def test_a_missing_file_raises_input_error_at_once(tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"missing\.warc\.gz"):
        read_warc(tmp_path / "missing.warc.gz")


def test_an_item_holds_a_document_or_an_error() -> None:
    with pytest.raises(ValueError, match="either"):
        WarcItem("f:1", 0)


def test_warc_suffixes() -> None:
    assert looks_like_warc("x.warc.wet.gz")
    assert looks_like_warc(Path("X.WARC"))
    assert not looks_like_warc("x.jsonl")


@pytest.mark.shared
@pytest.mark.parametrize(
    ("name", "records_read", "last_record", "mended"),
    [
        ("CC-MAIN-2026-12-excerpt.warc.wet.gz", 262, 264, []),
        # Record 2 of the 2014 excerpt says Content-Length 634 for a body of 636 bytes.
        ("CC-MAIN-2014-10-excerpt.warc.wet.gz", 58, 60, [2]),
    ],
)
def test_real_wet_excerpts(
    shared: Path, name: str, records_read: int, last_record: int, mended: list[int]
) -> None:
    path = shared / "corpora" / "wet" / name
    items = list(read_warc(path))
    read = [item.document for item in items if item.document is not None]
    assert len(read) == records_read
    assert [item.source for item in items if item.warning] == [f"{path}:{n}" for n in mended]
    assert all(document.id.startswith("<urn:uuid:") for document in read)
    assert all(document.url and document.fields["crawl_date"] for document in read)
    # Only the last record is damaged: it is cut off, as the corpora README says.
    errors = [item for item in items if item.error is not None]
    assert len(errors) == 1
    assert items[-1] is errors[0]
    assert errors[0].source == f"{path}:{last_record}"
    assert "cut off" in (errors[0].error or "")
