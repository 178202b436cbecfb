"""Boilerplate learned from the inputs on the command line: two passes over files, none over
stdin, --no-learn, --model and --save-model."""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path

import pytest

from conftest import run_cli
from dechaff import Model

STORIES = [
    ("Ferry terminal to open in spring",
     "The harbour authority said on Tuesday that the new ferry terminal would open in the "
     "spring, after two years of delays caused by storm damage to the old pier."),
    ("Council backs a second bridge",
     "Residents of the valley gathered in the town hall to discuss the plans for a second "
     "bridge, which the council says will ease the traffic through the centre of the village."),
    ("Library opens late for students",
     "The library will extend its opening hours over the winter, the mayor announced, so that "
     "students preparing for their exams have somewhere warm and quiet to work."),
    ("Bakery wins a national prize",
     "A local bakery has won a national prize for its rye bread, a recipe the family who runs "
     "it says was brought to the town by their great grandmother a century ago."),
]
# The site's own chrome: not in any phrase table, so only learning finds it.
CHROME_TOP = "Gazette Online · Valley Edition"
CHROME_BOTTOM = "Printed from the Valley Gazette archive, page {n} of 4"


def site_corpus(directory: Path) -> Path:
    path = directory / "site.jsonl"
    with path.open("w", encoding="utf-8") as out:
        for n, (title, story) in enumerate(STORIES):
            text = f"{CHROME_TOP}\n\n{title}\n\n{story}\n\n{CHROME_BOTTOM.format(n=n + 1)}\n"
            out.write(json.dumps({"id": f"p{n}", "url": f"https://gazette.example/{n}",
                                  "text": text}) + "\n")
    return path


def texts(path: Path) -> list[str]:
    return [json.loads(line)["text"] for line in path.read_text().splitlines()]


def test_files_are_learned_from_then_cleaned(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    corpus = site_corpus(tmp_path)
    learned, plain = tmp_path / "learned.jsonl", tmp_path / "plain.jsonl"
    code, _, err = run_cli(capsys, "clean", str(corpus), "-o", str(learned), "--no-dedup",
                           "--report", str(tmp_path / "report.jsonl"))
    assert code == 0
    assert "boilerplate learned from 4 documents" in err
    for text, (title, story) in zip(texts(learned), STORIES, strict=True):
        assert text == f"{title}\n\n{story}\n"
    rules = {removal["rule"] for line in (tmp_path / "report.jsonl").read_text().splitlines()
             for removal in json.loads(line)["removals"]}
    assert "site_template" in rules

    code, _, err = run_cli(capsys, "clean", str(corpus), "-o", str(plain), "--no-dedup",
                           "--no-learn")
    assert code == 0
    assert "learned" not in err
    assert all(CHROME_TOP in text for text in texts(plain))


def test_a_saved_model_cleans_stdin_as_learning_does(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    corpus = site_corpus(tmp_path)
    model_path, learned = tmp_path / "model.json", tmp_path / "learned.jsonl"
    assert run_cli(capsys, "clean", str(corpus), "-o", str(learned), "--no-dedup",
                   "--save-model", str(model_path))[0] == 0
    assert Model.load(model_path).templates_for("gazette.example")

    def stdin_run(*extra: str) -> str:
        monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(corpus.read_bytes())))
        code, out, _ = run_cli(capsys, "clean", "-", "--input-format", "jsonl", "--no-dedup",
                               *extra)
        assert code == 0
        return out

    assert [json.loads(line)["text"] for line in stdin_run("--model", str(model_path))
            .splitlines()] == texts(learned)
    # stdin is read once: nothing is learned from it.
    assert CHROME_TOP in stdin_run()


def test_learning_gives_the_same_bytes_for_any_number_of_jobs(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    corpus = site_corpus(tmp_path)
    # Enough records for several batches, so that worker processes do start.
    big = tmp_path / "big.jsonl"
    lines = corpus.read_text().splitlines()
    big.write_text("".join(
        line.replace('"id": "p', f'"id": "r{copy}-') + "\n" for copy in range(400)
        for line in lines
    ))
    outputs = []
    for jobs in ("1", "2"):
        out = tmp_path / f"out{jobs}.jsonl"
        assert run_cli(capsys, "clean", str(big), "-o", str(out), "--jobs", jobs)[0] == 0
        outputs.append(out.read_bytes())
    assert outputs[0] == outputs[1]
    assert CHROME_TOP.encode() not in outputs[0]


@pytest.mark.parametrize(("extra", "message"), [
    (["--no-learn", "--model", "m.json"], "give one of them"),
    (["--model", "m.json", "--save-model", "n.json"], "leave one out"),
    (["--no-learn", "--save-model", "n.json"], "leave out --no-learn"),
])
def test_contradictory_learning_options_are_usage_errors(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], extra: list[str], message: str
) -> None:
    corpus = site_corpus(tmp_path)
    out = tmp_path / "out.jsonl"
    code, _, err = run_cli(capsys, "clean", str(corpus), "-o", str(out), *extra)
    assert code == 2
    assert message in err
    assert not out.exists()


def test_saving_a_model_learned_from_stdin_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run_cli(capsys, "clean", "-", "--save-model", str(tmp_path / "m.json"))
    assert code == 2
    assert "stdin cannot be read again" in err


def test_a_missing_or_broken_model_file_is_named(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    corpus = site_corpus(tmp_path)
    out = tmp_path / "out.jsonl"
    code, _, err = run_cli(capsys, "clean", str(corpus), "-o", str(out), "--model",
                           str(tmp_path / "absent.json"))
    assert (code, out.exists()) == (1, False)
    assert "absent.json: cannot read the model" in err
    broken = tmp_path / "broken.json"
    broken.write_text('{"format": "something else"}')
    code, _, err = run_cli(capsys, "clean", str(corpus), "-o", str(out), "--model", str(broken))
    assert code == 1
    assert "broken.json: not a dechaff model" in err


def test_explain_shows_what_learning_removes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    corpus = site_corpus(tmp_path)
    code, out, _ = run_cli(capsys, "explain", str(corpus))
    assert code == 0
    assert f"- [site_template] {CHROME_TOP}" in out
    code, out, _ = run_cli(capsys, "explain", str(corpus), "--no-learn")
    assert f"  {CHROME_TOP}" in out


def test_a_resumed_run_cleans_with_the_model_of_the_run_it_carries_on(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    lines = site_corpus(tmp_path).read_text().splitlines()
    pages = [line.replace('"id": "p', f'"id": "c{copy}-') for copy in range(3) for line in lines]
    bad = '{"id": "bad", "text": 12}'
    corpus = tmp_path / "in.jsonl"
    corpus.write_text("\n".join([*pages[:8], bad, *pages[9:]]) + "\n")
    out = tmp_path / "out.jsonl"
    args = ["clean", str(corpus), "-o", str(out), "--shard-size", "2", "--no-dedup", "--jobs",
            "1"]
    code, _, err = run_cli(capsys, *args, "--strict")
    assert code == 1
    assert "--strict stops at the first rejected record" in err
    kept_model = tmp_path / ".out.jsonl.dechaff-resume" / "model.json"
    assert Model.load(kept_model).templates_for("gazette.example")
    # The resumed run must use the kept model, not learn again: an empty one keeps the chrome.
    Model().save(kept_model)
    corpus.write_text("\n".join(pages) + "\n")
    code, _, err = run_cli(capsys, *args, "--resume")
    assert code == 0, err
    shards = sorted(tmp_path.glob("out-*.jsonl"))
    assert len(shards) == 6
    assert all(CHROME_TOP not in text for shard in shards[:4] for text in texts(shard))
    assert all(CHROME_TOP in text for shard in shards[4:] for text in texts(shard))
