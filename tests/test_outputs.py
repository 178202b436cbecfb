"""Writers: atomic files never leave a finished-looking file; records keep their fields."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import pytest

from dechaff import Document, InputError
from dechaff.outcome import Outcome
from dechaff.outputs import (
    AtomicFile,
    JsonlSink,
    RecordFields,
    TreeSink,
    json_line,
    output_record,
)


def kept(name: str, text: str) -> Outcome:
    return Outcome(f"{name}:1", "kept", id=name, text=text)


def leftovers(directory: Path) -> list[str]:
    return sorted(path.name for path in directory.iterdir())


def write_then_fail(target: Path, error: BaseException) -> None:
    with AtomicFile(target) as file:
        file.write(b"half of the ")
        raise error


def test_atomic_file_appears_only_on_commit(tmp_path: Path) -> None:
    target = tmp_path / "out.jsonl"
    file = AtomicFile(target)
    file.write(b"first\n")
    assert not target.exists()
    file.write(b"second\n")
    file.commit()
    assert target.read_bytes() == b"first\nsecond\n"
    assert leftovers(tmp_path) == ["out.jsonl"]


def test_atomic_file_failure_mid_write_leaves_nothing(tmp_path: Path) -> None:
    target = tmp_path / "out.txt"
    with pytest.raises(RuntimeError):
        write_then_fail(target, RuntimeError("disk on fire"))
    assert leftovers(tmp_path) == []


def test_atomic_file_interrupt_keeps_the_previous_file(tmp_path: Path) -> None:
    target = tmp_path / "out.txt"
    target.write_bytes(b"previous run\n")
    with pytest.raises(KeyboardInterrupt):
        write_then_fail(target, KeyboardInterrupt())
    assert target.read_bytes() == b"previous run\n"
    assert leftovers(tmp_path) == ["out.txt"]


def test_atomic_file_failing_rename_leaves_no_temporary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(source: str, destination: str) -> None:
        raise OSError(28, "No space left on device", destination)

    monkeypatch.setattr(os, "replace", refuse)
    file = AtomicFile(tmp_path / "out.txt")
    file.write(b"text")
    with pytest.raises(OSError, match="No space left"):
        file.commit()
    assert leftovers(tmp_path) == []


def test_atomic_file_gets_ordinary_permissions(tmp_path: Path) -> None:
    with AtomicFile(tmp_path / "out.txt") as file:
        file.write(b"x")
    mask = os.umask(0)
    os.umask(mask)
    mode = stat.S_IMODE((tmp_path / "out.txt").stat().st_mode)
    assert mode == 0o666 & ~mask


def test_atomic_file_in_a_missing_directory_names_the_file(tmp_path: Path) -> None:
    target = tmp_path / "missing" / "out.jsonl"
    with pytest.raises(FileNotFoundError) as caught:
        AtomicFile(target)
    assert caught.value.filename == str(target)


def test_atomic_file_cannot_commit_twice(tmp_path: Path) -> None:
    file = AtomicFile(tmp_path / "out.txt")
    file.commit()
    with pytest.raises(ValueError, match="already committed"):
        file.commit()


def test_json_line_is_utf8_and_newline_terminated() -> None:
    assert json_line({"text": "café\n", "n": [1, None]}) == (
        '{"text": "café\\n", "n": [1, null]}\n'.encode()
    )


def test_json_line_falls_back_to_escapes_for_lone_surrogates() -> None:
    line = json_line({"id": "\ud800", "text": "é"})
    assert line == b'{"id": "\\ud800", "text": "\\u00e9"}\n'
    assert json.loads(line) == {"id": "\ud800", "text": "é"}


def test_output_record_replaces_only_the_text_and_keeps_the_order() -> None:
    fields = {"url": "u", "text": "old", "id": 3, "meta": {"a": [1.5, True]}}
    document = Document("3", "old", "u", "in.jsonl:1", fields)
    record = output_record(document, "new")
    assert list(record) == ["url", "text", "id", "meta"]
    assert record == {**fields, "text": "new"}
    assert fields["text"] == "old"  # the document is not changed


def test_output_record_of_a_text_file() -> None:
    names = RecordFields(text_field="content", id_field="doc")
    assert output_record(Document("a.txt", "old"), "new", names) == {
        "doc": "a.txt", "content": "new"
    }


def test_jsonl_sink_aborts_without_a_file(tmp_path: Path) -> None:
    target = tmp_path / "out.jsonl"

    def interrupted() -> None:
        with JsonlSink(AtomicFile(target)) as sink:
            sink.write(kept("a", "x"), b'{"id": "a", "text": "x"}\n')
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        interrupted()
    assert leftovers(tmp_path) == []


def test_tree_sink_writes_the_tree(tmp_path: Path) -> None:
    root = tmp_path / "out"
    with TreeSink(str(root)) as sink:
        sink.write(kept("a/b/c.txt", "new\r\n"))
        sink.write(kept("top.txt", "top"))
    assert (root / "a" / "b" / "c.txt").read_bytes() == b"new\r\n"
    assert (root / "top.txt").read_bytes() == b"top"


@pytest.mark.parametrize("name", ["../escape.txt", "/etc/passwd", "a//b.txt", "./a.txt", ""])
def test_tree_sink_refuses_names_outside_its_root(tmp_path: Path, name: str) -> None:
    sink = TreeSink(str(tmp_path / "out"))
    with pytest.raises(InputError, match="cannot name a file under"):
        sink.write(kept(name, "x"))
    assert leftovers(tmp_path / "out") == []
