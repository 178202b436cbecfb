"""Formats in and out through ``dechaff clean``: compressed JSONL, Parquet, WARC/WET,
directories of them, output by suffix or ``--output-format``, shards, missing extras."""

from __future__ import annotations

import bz2
import gzip
import importlib
import json
import lzma
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
import zstandard

from conftest import run_cli
from dechaff import extras
from test_warc import record, records
from test_warc import write as write_warc

CHAFFY = "Friday 31 December 2021\n\n\n\nThe article itself, long enough to keep.  \n\n\n"
CLEANED = "The article itself, long enough to keep.\n"
COMPRESS = {
    "": lambda data: data,
    ".gz": gzip.compress,
    ".zst": lambda data: zstandard.ZstdCompressor().compress(data),
    ".bz2": bz2.compress,
    ".xz": lzma.compress,
}


pytestmark = pytest.mark.usefixtures("in_tmp")


def jsonl(records: list[dict[str, Any]]) -> bytes:
    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records).encode()


def read_any(path: Path) -> list[dict[str, Any]]:
    """The records of a JSONL file, plain or compressed, or of a Parquet file."""
    if path.suffix == ".parquet":
        return pq.read_table(path).to_pylist()  # type: ignore[no-any-return]
    data = path.read_bytes()
    if path.suffix == ".gz":
        data = gzip.decompress(data)
    elif path.suffix == ".zst":
        data = zstandard.ZstdDecompressor().decompressobj().decompress(data)
    elif path.suffix == ".bz2":
        data = bz2.decompress(data)
    elif path.suffix == ".xz":
        data = lzma.decompress(data)
    return [json.loads(line) for line in data.splitlines()]


def corpus(count: int) -> list[dict[str, Any]]:
    return [{"id": f"d{n}", "text": f"Story number {n} told in full.\n\n\n" + CHAFFY, "n": n,
             "lang": "en"} for n in range(count)]


def cleaned(records: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [{**r, "text": r["text"].replace(CHAFFY, CHAFFY.split("\n", 1)[0] + "\n\n" +
                                            CLEANED).rstrip("\n") + "\n"} for r in records]


@pytest.mark.parametrize("suffix", list(COMPRESS))
def test_jsonl_in_every_compression_and_out_in_every_compression(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], suffix: str
) -> None:
    records = corpus(30)
    (tmp_path / f"in.jsonl{suffix}").write_bytes(COMPRESS[suffix](jsonl(records)))
    code = run_cli(capsys, "clean", "-q", "--no-dedup", f"in.jsonl{suffix}", "-o", "plain.jsonl")[0]
    assert code == 0
    plain = read_any(tmp_path / "plain.jsonl")
    assert [r["id"] for r in plain] == [r["id"] for r in records]
    assert all(r["text"].endswith(CLEANED) for r in plain)
    code, _, _ = run_cli(capsys, "clean", "-q", "--no-dedup", f"in.jsonl{suffix}",
                     "-o", f"out.ndjson{suffix}")
    assert code == 0
    assert read_any(tmp_path / f"out.ndjson{suffix}") == plain


def test_compressed_output_is_the_same_bytes_every_time(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "in.jsonl").write_bytes(jsonl(corpus(20)))
    for name in ["a", "b"]:
        for suffix in [".gz", ".zst", ".bz2", ".xz"]:
            assert run_cli(capsys, "clean", "-q", "in.jsonl", "-o", f"{name}.jsonl{suffix}")[0] == 0
    for suffix in [".gz", ".zst", ".bz2", ".xz"]:
        assert (tmp_path / f"a.jsonl{suffix}").read_bytes() == \
            (tmp_path / f"b.jsonl{suffix}").read_bytes()
    # No time stamp and no file name inside the gzip header.
    header = (tmp_path / "a.jsonl.gz").read_bytes()[:10]
    assert header[4:8] == b"\x00\x00\x00\x00"
    assert header[3] & 0x08 == 0


@pytest.mark.parametrize("suffix", [".gz", ".zst", ".bz2", ".xz"])
def test_a_truncated_stream_keeps_every_record_before_the_damage(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], suffix: str
) -> None:
    records = [{"id": f"d{n}", "text": f"Record {n}: " + "words " * 200 + "\n"}
               for n in range(2000)]  # bz2 compresses 900 kB blocks
    whole = COMPRESS[suffix](jsonl(records))
    (tmp_path / f"cut.jsonl{suffix}").write_bytes(whole[: len(whole) * 2 // 3])
    code, _, err = run_cli(capsys, "clean", "--no-dedup", f"cut.jsonl{suffix}", "-o", "out.jsonl",
                       "--report", "r.jsonl")
    assert code == 0
    out = read_any(tmp_path / "out.jsonl")
    report = read_any(tmp_path / "r.jsonl")
    # Every record before the damage, in order, then the damage as one rejected record.
    assert 0 < len(out) < len(records)
    assert [r["id"] for r in out] == [f"d{n}" for n in range(len(out))]
    assert [r["status"] for r in report] == ["kept"] * len(out) + ["rejected"]
    damage = report[-1]
    assert damage["source"] == f"cut.jsonl{suffix}:{len(out) + 1}"
    assert "stream is damaged or cut off at line" in damage["error"]
    assert "every record before it was read" in damage["error"]
    assert f"dechaff: error: cut.jsonl{suffix}:{len(out) + 1}: the " in err
    assert f"{len(out) + 1} documents in, {len(out)} kept, 0 empty, 1 rejected" in err


def test_a_corrupt_gzip_stream_is_damage_too(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = bytearray(gzip.compress(jsonl(corpus(50))))
    data[len(data) // 2: len(data) // 2 + 8] = b"\xff" * 8
    (tmp_path / "bad.jsonl.gz").write_bytes(bytes(data))
    (tmp_path / "good.jsonl").write_bytes(jsonl(corpus(2)))
    code, _, err = run_cli(capsys, "clean", "--no-dedup", "bad.jsonl.gz", "good.jsonl",
                       "-o", "o.jsonl", "--report", "r.jsonl")
    assert code == 0
    report = read_any(tmp_path / "r.jsonl")
    # Lines before the damage are kept; what zlib decodes from the damaged part is rejected
    # line by line (JSON it is not), until the stream's check fails; the next file is read.
    statuses = [r["status"] for r in report]
    assert statuses[0] == "kept"
    assert report[-3]["status"] == "rejected"
    assert "stream is damaged or cut off" in report[-3]["error"]
    assert [r["source"] for r in report[-2:]] == ["good.jsonl:1", "good.jsonl:2"]
    assert "dechaff: summary: " in err


# --- Parquet --------------------------------------------------------------------------------


def test_parquet_in_and_out_by_row_group(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    records = corpus(25)
    table = pa.Table.from_pylist(records)
    pq.write_table(table, tmp_path / "in.parquet", row_group_size=7)  # 4 row groups
    code, _, _err = run_cli(capsys, "clean", "--no-dedup", "in.parquet", "-o", "out.parquet",
                       "--report", "r.jsonl")
    assert code == 0
    out = read_any(tmp_path / "out.parquet")
    assert [r["id"] for r in out] == [r["id"] for r in records]
    assert all(list(r) == ["id", "text", "n", "lang"] for r in out)
    assert all(r["text"].endswith(CLEANED) for r in out)
    assert pq.read_schema(tmp_path / "out.parquet").field("n").type == pa.int64()
    assert [r["source"] for r in read_any(tmp_path / "r.jsonl")][:3] == [
        "in.parquet:1", "in.parquet:2", "in.parquet:3"
    ]
    # Parquet to JSONL and back: the same records.
    assert run_cli(capsys, "clean", "-q", "--no-dedup", "out.parquet", "-o", "back.jsonl")[0] == 0
    assert read_any(tmp_path / "back.jsonl") == out
    assert run_cli(capsys, "clean", "-q", "--no-dedup", "back.jsonl", "-o", "again.parquet")[0] == 0
    assert read_any(tmp_path / "again.parquet") == out


def test_parquet_row_groups_are_bounded(tmp_path: Path) -> None:
    from dechaff.outcome import Outcome
    from dechaff.parquet import ParquetSink

    with ParquetSink(str(tmp_path / "o.parquet"), row_group_rows=10) as sink:
        for n in range(35):
            sink.write(Outcome(f"x:{n}", "kept", id=str(n), text="t"), {"id": str(n), "text": "t"})
    metadata = pq.ParquetFile(tmp_path / "o.parquet").metadata
    assert [metadata.row_group(i).num_rows for i in range(metadata.num_row_groups)] == \
        [10, 10, 10, 5]


def test_parquet_binary_text_and_values_json_has_no_type_for(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import datetime

    table = pa.table({
        "id": [1, 2, 3],
        "text": [CHAFFY.encode(), b"caf\xe9\n", b"ok\n"],
        "when": [datetime.date(2024, 1, 2)] * 3,
        "blob": [b"\x00\x01"] * 3,
    })
    pq.write_table(table, tmp_path / "in.parquet")
    code, _, err = run_cli(capsys, "clean", "--no-dedup", "in.parquet", "-o", "out.jsonl")
    assert code == 0
    out = read_any(tmp_path / "out.jsonl")
    assert out == [
        {"id": 1, "text": CLEANED, "when": "2024-01-02", "blob": "AAE="},
        {"id": 3, "text": "ok\n", "when": "2024-01-02", "blob": "AAE="},
    ]
    assert "in.parquet:2: the 'text' field: invalid UTF-8 at byte 3" in err


def test_records_that_do_not_fit_the_parquet_schema_stop_the_run(tmp_path: Path) -> None:
    from dechaff import InputError
    from dechaff.outcome import Outcome
    from dechaff.parquet import ParquetSink

    records = [{"id": str(n), "text": f"Text {n}.\n", "score": 1} for n in range(3)]
    records.append({"id": "odd", "text": "Odd.\n", "score": "high"})
    def write_all() -> None:
        with ParquetSink(str(tmp_path / "o.parquet"), row_group_rows=1) as sink:
            for n, item in enumerate(records):
                sink.write(Outcome(f"in.jsonl:{n + 1}", "kept", text=item["text"]), item)

    with pytest.raises(InputError, match=r"in\.jsonl:4 \.\. in\.jsonl:4 hold a value") as raised:
        write_all()
    assert "does not fit the Parquet schema" in str(raised.value)
    assert "write JSONL (-o FILE.jsonl)" in str(raised.value)
    # Nothing that looks finished, and no temporary file.
    assert list(tmp_path.iterdir()) == []


def test_an_empty_parquet_file_and_one_that_is_not_parquet(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pq.write_table(pa.table({"id": pa.array([], pa.string()),
                             "text": pa.array([], pa.string())}), tmp_path / "empty.parquet")
    (tmp_path / "fake.parquet").write_bytes(b"not parquet at all")
    (tmp_path / "good.jsonl").write_bytes(jsonl(corpus(1)))
    code, _, err = run_cli(capsys, "clean", "empty.parquet", "fake.parquet", "good.jsonl",
                       "-o", "o.jsonl", "--report", "r.jsonl")
    assert code == 0
    assert "dechaff: error: fake.parquet: not a Parquet file that can be read" in err
    assert "1 unreadable inputs" in err
    assert [(r["source"], r["status"]) for r in read_any(tmp_path / "r.jsonl")] == [
        ("empty.parquet:1", "empty"), ("good.jsonl:1", "kept")
    ]


# --- WARC / WET -----------------------------------------------------------------------------


@pytest.mark.parametrize("packing", ["plain", "stream", "members"])
def test_warc_conversion_records_become_documents(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], packing: str
) -> None:
    name = "crawl.warc" if packing == "plain" else "crawl.warc.wet.gz"
    write_warc(tmp_path / name, records(), packing)
    code, _, _ = run_cli(capsys, "clean", "--no-dedup", name, "-o", "out.jsonl", "--report",
                     "r.jsonl")
    assert code == 0
    out = read_any(tmp_path / "out.jsonl")
    assert [list(r) for r in out] == [["id", "url", "crawl_date", "text"]] * 3
    assert out[0] == {"id": "<urn:uuid:00000001>", "url": "https://example.org/page/1",
                      "crawl_date": "2026-03-02T08:00:00Z",
                      "text": "First page.\nIts second line.\n"}
    report = read_any(tmp_path / "r.jsonl")
    # warcinfo is record 1; the third conversion record has an empty body.
    assert [(r["source"], r["status"]) for r in report] == [
        (f"{name}:2", "kept"), (f"{name}:3", "kept"), (f"{name}:4", "empty"), (f"{name}:5", "kept")
    ]


def test_a_warc_cut_off_keeps_every_record_before_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    parts = [record(f"Page {n}, with some text.\n".encode(), n) for n in range(1, 6)]
    data = b"".join(gzip.compress(part) for part in parts)
    (tmp_path / "cut.warc.wet.gz").write_bytes(data[: len(data) - 40])
    # The pages differ only by their number: learning would take them for the site's chrome.
    code, _, err = run_cli(capsys, "clean", "--no-dedup", "--no-learn", "cut.warc.wet.gz", "-o",
                       "o.jsonl", "--report", "r.jsonl")
    assert code == 0
    assert [r["id"] for r in read_any(tmp_path / "o.jsonl")] == \
        [f"<urn:uuid:{n:08d}>" for n in range(1, 5)]
    last = read_any(tmp_path / "r.jsonl")[-1]
    assert (last["source"], last["status"]) == ("cut.warc.wet.gz:5", "rejected")
    assert "cut off" in last["error"]
    assert "dechaff: error: cut.warc.wet.gz:5: the gzip stream is damaged or cut off" in err


@pytest.mark.shared
def test_real_wet_excerpts_end_to_end(
    shared: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    wet = shared / "corpora" / "wet"
    code, _, err = run_cli(capsys, "clean", str(wet), "-o", "wet.jsonl.zst", "--report", "r.jsonl")
    assert code == 0
    report = read_any(tmp_path / "r.jsonl")
    out = read_any(tmp_path / "wet.jsonl.zst")
    assert len(report) == 58 + 1 + 262 + 1  # both cut-off last records are reported
    rejected = [r for r in report if r["status"] == "rejected"]
    assert [r["source"].rsplit(":", 1)[1] for r in rejected] == ["60", "264"]
    assert all("cut off" in r["error"] for r in rejected)
    assert len(out) == sum(r["status"] == "kept" for r in report)
    assert all(r["id"].startswith("<urn:uuid:") and r["url"] and r["crawl_date"] for r in out)
    assert "in = kept + duplicates + rejected + empty: 322 = " in err


# --- outputs --------------------------------------------------------------------------------


def test_output_format_overrides_the_suffix(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "in.jsonl").write_bytes(jsonl(corpus(3)))
    assert run_cli(capsys, "clean", "-q", "in.jsonl", "-o", "data.out", "--output-format",
               "parquet")[0] == 0
    assert len(pq.read_table(tmp_path / "data.out")) == 3
    assert run_cli(capsys, "clean", "-q", "in.jsonl", "-o", "data.gz", "--output-format",
               "jsonl")[0] == 0
    assert len(gzip.decompress((tmp_path / "data.gz").read_bytes()).splitlines()) == 3
    (tmp_path / "page.txt").write_text(CHAFFY)
    code, out, _ = run_cli(capsys, "clean", "-q", "page.txt", "--output-format", "jsonl")
    assert (code, json.loads(out)) == (0, {"id": "page.txt", "text": CLEANED})


@pytest.mark.parametrize(("args", "message"), [
    (["in.jsonl", "--output-format", "parquet"], "Parquet cannot be written to stdout"),
    (["in.jsonl", "-o", "o.parquet.gz"], "Parquet compresses its own pages"),
    (["in.jsonl", "--shard-size", "5"], "--shard-size needs -o FILE.jsonl"),
    (["in.jsonl", "-o", "o.jsonl", "--shard-size", "0"], "--shard-size must be at least 1"),
    (["page.txt", "-o", "o.txt", "--shard-size", "5"], "--shard-size needs -o FILE.jsonl"),
    (["in.jsonl", "-o", "in.jsonl"], "-o in.jsonl is also an input"),
    (["in-00000.jsonl", "-o", "in.jsonl", "--shard-size", "2"], "would overwrite"),
    (["in.jsonl", "--jobs", "0"], "--jobs must be at least 1"),
    (["pages", "-o", "o.txt", "--output-format", "text"], "-o o.txt is a file"),
])
def test_output_usage_errors(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], args: list[str], message: str
) -> None:
    (tmp_path / "in.jsonl").write_bytes(jsonl(corpus(3)))
    (tmp_path / "in-00000.jsonl").write_bytes(jsonl(corpus(3)))
    (tmp_path / "page.txt").write_text(CHAFFY)
    (tmp_path / "o.txt").write_text("x")
    (tmp_path / "pages").mkdir()
    (tmp_path / "pages" / "a.txt").write_text(CHAFFY)
    before = sorted(str(p) for p in tmp_path.rglob("*"))
    code, out, err = run_cli(capsys, "clean", *args)
    assert (code, out) == (2, "")
    assert message in err
    assert sorted(str(p) for p in tmp_path.rglob("*")) == before


@pytest.mark.parametrize("suffix", [".jsonl", ".jsonl.zst", ".parquet"])
def test_shards_hold_at_most_n_records(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], suffix: str
) -> None:
    records = corpus(23)
    (tmp_path / "in.jsonl").write_bytes(jsonl(records))
    code, _, _ = run_cli(capsys, "clean", "-q", "--no-dedup", "in.jsonl", "-o", f"out/part{suffix}",
                     "--shard-size", "10")
    assert code == 0
    names = sorted(p.name for p in (tmp_path / "out").iterdir())
    assert names == [f"part-0000{n}{suffix}" for n in range(3)]
    sizes = [len(read_any(tmp_path / "out" / name)) for name in names]
    assert sizes == [10, 10, 3]
    assert [r["id"] for name in names for r in read_any(tmp_path / "out" / name)] == \
        [r["id"] for r in records]


def test_no_kept_record_no_shard(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "in.jsonl").write_bytes(jsonl([{"id": "a", "text": "\n"}]))
    code = run_cli(capsys, "clean", "-q", "in.jsonl", "-o", "out.jsonl", "--shard-size", "2")[0]
    assert code == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.jsonl"]


def test_a_directory_holds_every_supported_format(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = tmp_path / "crawl"
    (root / "a" / "b").mkdir(parents=True)
    (root / "page.txt").write_text(CHAFFY)
    (root / "a" / "part.jsonl.gz").write_bytes(gzip.compress(jsonl(corpus(2))))
    pq.write_table(pa.Table.from_pylist(corpus(1)), root / "a" / "b" / "rows.parquet")
    write_warc(root / "a" / "b" / "x.warc.wet.gz", records(), "members")
    (root / "notes.md").write_text("ignored")
    code, _, _ = run_cli(capsys, "clean", "-q", "--no-dedup", "crawl", "-o", "all.jsonl",
                     "--report", "r.jsonl")
    assert code == 0
    sources = [r["source"].rsplit(":", 1)[0] for r in read_any(tmp_path / "r.jsonl")]
    assert sorted(set(sources)) == sorted(
        f"crawl/{name}" for name in
        ["a/b/rows.parquet", "a/b/x.warc.wet.gz", "a/part.jsonl.gz", "page.txt"]
    )
    assert len(read_any(tmp_path / "all.jsonl")) == 2 + 1 + 3 + 1


# --- optional extras ------------------------------------------------------------------------


@pytest.mark.parametrize(("args", "extra"), [
    (["in.jsonl.zst", "-o", "o.jsonl"], "zstd"),
    (["in.jsonl", "-o", "o.jsonl.zst"], "zstd"),
    (["in.parquet", "-o", "o.jsonl"], "parquet"),
    (["in.jsonl", "-o", "o.parquet"], "parquet"),
])
def test_a_missing_extra_is_named_with_the_command_to_install_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
    args: list[str], extra: str,
) -> None:
    (tmp_path / "in.jsonl").write_bytes(jsonl(corpus(1)))
    (tmp_path / "in.jsonl.zst").write_bytes(zstandard.ZstdCompressor().compress(jsonl(corpus(1))))
    pq.write_table(pa.Table.from_pylist(corpus(1)), tmp_path / "in.parquet")
    real = importlib.import_module

    def without_extras(name: str, package: str | None = None) -> Any:
        if name.split(".")[0] in ("zstandard", "pyarrow"):
            raise ImportError(f"No module named {name!r}")
        return real(name, package)

    monkeypatch.setattr(extras.importlib, "import_module", without_extras)
    before = sorted(p.name for p in tmp_path.iterdir())
    code, out, err = run_cli(capsys, "clean", *args)
    assert (code, out) == (1, "")
    assert err.endswith(f"needs the '{extra}' extra: pip install 'dechaff[{extra}]'\n")
    assert err.count("\n") == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == before


def test_explain_reads_every_format(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "in.jsonl.gz").write_bytes(gzip.compress(jsonl([{"id": "z", "text": CHAFFY}])))
    (tmp_path / "none.jsonl").write_bytes(b"")
    write_warc(tmp_path / "x.warc.wet.gz", records(), "members")
    code, out, err = run_cli(capsys, "explain", "in.jsonl.gz", "none.jsonl", "x.warc.wet.gz")
    assert code == 0
    headers = [line for line in out.splitlines() if line.startswith("=== ")]
    assert headers[:2] == [
        "=== z (in.jsonl.gz:1): kept ===", "=== none.jsonl (none.jsonl:1): empty ==="
    ]
    assert headers[2] == "=== <urn:uuid:00000001> (x.warc.wet.gz:2): kept ==="
    assert "dechaff: warning: none.jsonl: the file holds no record" in err
