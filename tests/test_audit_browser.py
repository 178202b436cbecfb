"""The audit report in a real browser: headless Chromium loads it without a console message
and shows the run's summary numbers.

Chromium is run once per page with a fresh profile; ``--dump-dom`` prints the page as the
browser built it, and ``--enable-logging=stderr`` prints each console message (errors,
blocked fetches, policy violations) as a ``CONSOLE`` line on stderr. A control page that
logs an error proves that this Chromium reports console messages that way, so that a clean
report is not a check that cannot fail. Skipped when no Chromium is installed (Debian:
``apt-get install chromium``; ``.ci/run`` installs it).
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from dechaff.audit import write_report
from test_audit import audit_run, make_corpus

# "[pid:tid:time:INFO:CONSOLE:12] "message", source: ..." (older builds: "CONSOLE(12)").
CONSOLE = re.compile(r":CONSOLE\b")
BROWSERS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")


@pytest.fixture(scope="module")
def chromium() -> str:
    for name in BROWSERS:
        path = shutil.which(name)
        if path is not None:
            return path
    pytest.skip("no Chromium on PATH (on Debian: apt-get install chromium)")


def browse(chromium: str, page: Path, profile: Path) -> tuple[str, list[str]]:
    """The page's DOM once loaded, and the console messages it caused."""
    command = [
        chromium, "--headless", "--no-sandbox", "--disable-gpu",
        "--disable-background-networking", f"--user-data-dir={profile}", "--no-first-run",
        "--disable-extensions", "--disable-dev-shm-usage", "--enable-logging=stderr",
        "--v=0", "--dump-dom", page.as_uri(),
    ]
    try:
        done = subprocess.run(command, capture_output=True, timeout=180, check=False,
                              stdin=subprocess.DEVNULL)
    except subprocess.TimeoutExpired:
        pytest.fail(f"Chromium did not load {page.name} within 180 s")
    stderr = done.stderr.decode("utf-8", "replace")
    assert done.returncode == 0, f"Chromium failed ({done.returncode}): {stderr[-3000:]}"
    console = [line for line in stderr.splitlines() if CONSOLE.search(line)]
    return done.stdout.decode("utf-8", "replace"), console


def test_console_messages_are_seen(chromium: str, tmp_path: Path) -> None:
    page = tmp_path / "control.html"
    page.write_text('<!DOCTYPE html><html><head><meta charset="utf-8"><title>control</title>'
                    '</head><body><p id="x">before</p><script>console.error("control-error");'
                    'document.getElementById("x").textContent = "after";</script></body>'
                    "</html>", encoding="utf-8")
    dom, console = browse(chromium, page, tmp_path / "profile")
    assert '<p id="x">after</p>' in dom  # the DOM is dumped after scripts ran
    assert any("control-error" in line for line in console), (
        "this Chromium does not log console messages to stderr: the report check is blind")


def test_report_loads_cleanly_and_shows_the_summary(chromium: str, tmp_path: Path) -> None:
    corpus = make_corpus(tmp_path / "corpus.jsonl")
    audit, summary = audit_run([corpus])
    page = tmp_path / "report.html"
    write_report(page, audit, summary, [str(corpus)])
    dom, console = browse(chromium, page, tmp_path / "profile")
    assert console == []
    shown = dict(re.findall(r'data-count="(\w+)">([\d,]+)<', dom))
    assert shown == {
        name: f"{getattr(summary, name):,}"
        for name in ("documents", "kept", "duplicates", "rejected", "empty", "unreadable",
                     "bytes_in", "bytes_out")
    }
    assert summary.documents > 0
    assert summary.duplicates > 0
    assert summary.rejected > 0
    # The hostile page is text in the DOM, not markup.
    assert "<script" not in dom
    assert "&lt;/script&gt;&lt;script&gt;" in dom
    assert dom.count('<article class="doc">') == 28
