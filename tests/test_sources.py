"""Reading inputs: text and JSONL files, directories, stdin; every bad record is rejected with
its location, and nothing is dropped silently."""

from __future__ import annotations

import io
import json
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from dechaff import Document, UsageError, sources
from dechaff.progress import Position
from dechaff.records import Raw
from dechaff.sources import (
    Input,
    ReadOptions,
    Rejected,
    Unreadable,
    decode_utf8,
    detect_format,
    expand_inputs,
    read_input,
    read_inputs,
    read_jsonl_stream,
    scan_jsonl_stream,
)


def read_text_file(path: Path, **options: str) -> Document | Rejected:
    items = list(read_input(Input(str(path), path.name, "text"), ReadOptions(**options)))
    assert len(items) == 1
    return items[0]


def read_jsonl_bytes(data: bytes, **options: str) -> list[Document | Rejected]:
    return list(read_jsonl_stream(io.BytesIO(data), "in.jsonl", ReadOptions(**options)))


# --- text files -------------------------------------------------------------------------------


def test_text_file_is_one_document_with_exact_text(tmp_path: Path) -> None:
    path = tmp_path / "page.txt"
    path.write_bytes("\ufeffTitre\r\n\r\ncafé\n".encode())
    document = read_text_file(path)
    assert isinstance(document, Document)
    # BOM and CRLF are kept: removal offsets must refer to the exact text.
    assert document.text == "\ufeffTitre\r\n\r\ncafé\n"
    assert document.id == "page.txt"
    assert document.source == f"{path}:1"


def test_empty_text_file_is_an_empty_document(tmp_path: Path) -> None:
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    document = read_text_file(path)
    assert isinstance(document, Document)
    assert document.text == ""


def test_invalid_utf8_is_rejected_with_the_byte_offset(tmp_path: Path) -> None:
    path = tmp_path / "bad.txt"
    path.write_bytes(b"abc\ndef\xff\n")
    rejected = read_text_file(path)
    assert isinstance(rejected, Rejected)
    assert rejected.source == f"{path}:1"
    assert rejected.id == "bad.txt"
    assert "invalid UTF-8 at byte 7" in rejected.error
    assert "--errors replace" in rejected.error


def test_invalid_utf8_replaced_on_request(tmp_path: Path) -> None:
    path = tmp_path / "bad.txt"
    path.write_bytes(b"abc\xffdef")
    document = read_text_file(path, errors="replace")
    assert isinstance(document, Document)
    assert document.text == "abc\ufffddef"


@pytest.mark.parametrize("errors", ["strict", "replace"])
def test_nul_bytes_are_binary_content_and_rejected(tmp_path: Path, errors: str) -> None:
    path = tmp_path / "image.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    rejected = read_text_file(path, errors=errors)
    assert isinstance(rejected, Rejected)
    assert "binary content" in rejected.error
    assert "byte 8" in rejected.error


def test_decode_utf8_counts_the_offset_from_the_file_start() -> None:
    with pytest.raises(Exception, match="at byte 102 "):
        decode_utf8(b"ok\xc3", offset=100)


# --- JSONL ------------------------------------------------------------------------------------


def test_jsonl_records_keep_every_field_in_order() -> None:
    line = {"url": "http://x", "text": "Body", "id": "a", "meta": {"n": [1, 2.5]}, "z": None}
    (document,) = read_jsonl_bytes(json.dumps(line).encode() + b"\n")
    assert isinstance(document, Document)
    assert (document.id, document.text, document.url, document.source) == (
        "a", "Body", "http://x", "in.jsonl:1"
    )
    assert list(document.fields) == ["url", "text", "id", "meta", "z"]
    assert dict(document.fields) == line


def test_jsonl_field_names_can_be_changed() -> None:
    data = b'{"doc": "k1", "content": "Hello", "link": "u"}\n'
    (document,) = read_jsonl_bytes(data, text_field="content", id_field="doc", url_field="link")
    assert isinstance(document, Document)
    assert (document.id, document.text, document.url) == ("k1", "Hello", "u")


def test_jsonl_ids_integer_missing_and_invalid() -> None:
    data = (
        b'{"id": 7, "text": "a"}\n{"text": "b"}\n{"id": null, "text": "c"}\n'
        b'{"id": [1], "text": "d"}\n'
    )
    seven, missing, null, invalid = read_jsonl_bytes(data)
    assert isinstance(seven, Document)
    assert seven.id == "7"
    assert isinstance(missing, Document)
    assert missing.id == "in.jsonl:2"
    assert isinstance(null, Document)
    assert null.id == "in.jsonl:3"
    assert isinstance(invalid, Rejected)
    assert invalid.source == "in.jsonl:4"
    assert "'id' field is an array" in invalid.error


@pytest.mark.parametrize(
    ("line", "message"),
    [
        (b'{"id": "a", "text": "x"', "malformed JSON at column"),
        (b"not json at all", "malformed JSON at column 1"),
        (b"[1, 2]", "the record is an array, not a JSON object"),
        (b'"just a string"', "the record is a string, not a JSON object"),
        (b"42", "the record is a number, not a JSON object"),
        (b"null", "the record is null, not a JSON object"),
        (b'{"id": "a"}', "no 'text' field (fields: 'id'); name the text field with --text-field"),
        (b'{"id": "a", "text": 5}', "the 'text' field is a number, not a string"),
        (b'{"id": "a", "text": null}', "the 'text' field is null, not a string"),
        (b'{"id": "a", "text": ["x"]}', "the 'text' field is an array, not a string"),
        (b'{"id": "a", "text": "x\\u0000y"}', "binary content (a NUL character at index 1"),
        (b'{"id": "a", "text": "\\ud800"}', "lone surrogate ('\\ud800') at index 0"),
        (b'{"id": "a", "text": "caf\xe9"}', "invalid UTF-8 at byte 54 (e9)"),
        (b'{"id": "a", "te\x00xt": "x"}', "binary content (a NUL byte at byte 45)"),
    ],
)
def test_bad_jsonl_records_are_rejected_with_their_line(line: bytes, message: str) -> None:
    # Byte offsets count from the start of the file: the good line has 30 bytes.
    good = b'{"id": "first", "text": "ok"}\n'
    first, second = read_jsonl_bytes(good + line + b"\n")
    assert isinstance(first, Document)
    assert isinstance(second, Rejected)
    assert second.source == "in.jsonl:2"
    assert message in second.error


def test_rejected_record_keeps_its_id_when_known() -> None:
    (rejected,) = read_jsonl_bytes(b'{"id": "k", "text": 1}\n')
    assert isinstance(rejected, Rejected)
    assert rejected.id == "k"


def test_jsonl_invalid_utf8_and_surrogates_replaced_on_request() -> None:
    data = b'{"id": "a", "text": "caf\xe9"}\n{"id": "b", "text": "x\\udc00y"}\n'
    first, second = read_jsonl_bytes(data, errors="replace")
    assert isinstance(first, Document)
    assert first.text == "caf\ufffd"
    assert isinstance(second, Document)
    assert second.text == "x\ufffdy"
    assert second.fields["text"] == "x\ufffdy"


def test_jsonl_blank_lines_crlf_and_bom() -> None:
    data = b'\xef\xbb\xbf{"id": "a", "text": "x"}\r\n\r\n   \n{"id": "b", "text": "y"}'
    first, second = read_jsonl_bytes(data)
    assert isinstance(first, Document)
    assert first.id == "a"
    assert isinstance(second, Document)
    assert second.id == "b"
    assert second.source == "in.jsonl:4"


def test_empty_jsonl_text_is_read() -> None:
    (document,) = read_jsonl_bytes(b'{"id": "e", "text": ""}\n')
    assert isinstance(document, Document)
    assert document.text == ""


def test_jsonl_is_read_line_by_line() -> None:
    class Lines:
        """A stream that fails if read past the second line: the reader must not slurp."""

        def __iter__(self) -> Iterator[bytes]:
            yield b'{"id": "1", "text": "a"}\n'
            yield b'{"id": "2", "text": "b"}\n'
            raise AssertionError("read too far")

    records = read_jsonl_stream(Lines(), "lazy.jsonl")
    assert next(records) == Document("1", "a", source="lazy.jsonl:1")
    assert next(records) == Document("2", "b", source="lazy.jsonl:2")


# --- formats, directories, stdin --------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "requested", "expected"),
    [
        ("a.jsonl", "auto", "jsonl"),
        ("A.NDJSON", "auto", "jsonl"),
        ("a.txt", "auto", "text"),
        ("page", "auto", "text"),
        ("a.txt", "jsonl", "jsonl"),
        ("a.jsonl", "text", "text"),
    ],
)
def test_detect_format(path: str, requested: str, expected: str) -> None:
    assert detect_format(path, requested) == expected


def test_unknown_format_is_a_usage_error() -> None:
    with pytest.raises(UsageError, match="choose among auto, text, jsonl, parquet, warc"):
        detect_format("a.txt", "csv")


def test_directory_expands_to_its_supported_files_sorted(tmp_path: Path) -> None:
    root = tmp_path / "pages"
    names = ["b.txt", "a/z.txt", "a/b/c.txt", "a.txt", "notes.md", "data.jsonl", "x.ndjson.zst",
             "deep/er/crawl.warc.wet.gz", "t.parquet", "old.jsonl.bz2", "page.html", "z.txt.gz",
             "archive.tar.gz", "y.jsonl.xz"]
    for name in names:
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text("x")
    plan = expand_inputs([str(root)])
    assert [(source.name, source.format) for source in plan.inputs] == [
        ("a.txt", "text"), ("a/b/c.txt", "text"), ("a/z.txt", "text"), ("b.txt", "text"),
        ("data.jsonl", "jsonl"), ("deep/er/crawl.warc.wet.gz", "warc"),
        ("old.jsonl.bz2", "jsonl"), ("t.parquet", "parquet"), ("x.ndjson.zst", "jsonl"),
        ("y.jsonl.xz", "jsonl"), ("z.txt.gz", "text"),
    ]
    assert all(source.root == str(root) for source in plan.inputs)
    assert plan.inputs[1].path == str(root / "a" / "b" / "c.txt")
    assert plan.directories == (str(root),)
    assert plan.empty_directories == ()


def test_empty_directory_is_noted(tmp_path: Path) -> None:
    (tmp_path / "readme.md").write_text("x")
    plan = expand_inputs([str(tmp_path)])
    assert plan.inputs == ()
    assert plan.empty_directories == (str(tmp_path),)


def test_stdin_is_text_unless_told(tmp_path: Path) -> None:
    assert expand_inputs(["-"]).inputs == (Input("-", "-", "text"),)
    assert expand_inputs(["-"], "jsonl").inputs == (Input("-", "-", "jsonl"),)
    with pytest.raises(UsageError, match="only once"):
        expand_inputs(["-", "-"])


def test_stdin_is_read_as_bytes(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"a\r\nb\xc3\xa9\n")))
    (document,) = read_inputs(expand_inputs(["-"]).inputs, ReadOptions())
    assert isinstance(document, Document)
    assert (document.id, document.text, document.source) == ("-", "a\r\nbé\n", "-:1")


def test_missing_file_is_unreadable_and_the_rest_goes_on(tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_text("text")
    plan = expand_inputs([str(tmp_path / "missing.txt"), str(good)])
    missing, document = read_inputs(plan.inputs, ReadOptions())
    assert isinstance(missing, Unreadable)
    assert missing.error.startswith(f"{tmp_path / 'missing.txt'}: No such file")
    assert isinstance(document, Document)
    assert document.text == "text"


def test_records_before_a_read_failure_are_kept(monkeypatch: pytest.MonkeyPatch) -> None:
    def failing() -> Iterator[bytes]:
        yield b'{"id": "1", "text": "a"}\n'
        raise OSError(5, "Input/output error", "disk.jsonl")

    def reader(source: Input, options: ReadOptions, position: Position) -> Iterator[Raw]:
        yield from scan_jsonl_stream(failing(), source.path)

    monkeypatch.setitem(sources.READERS, "jsonl", reader)
    items = list(read_inputs([Input("disk.jsonl", "disk.jsonl", "jsonl")], ReadOptions()))
    assert isinstance(items[0], Document)
    assert isinstance(items[1], Unreadable)
    assert "Input/output error" in items[1].error
