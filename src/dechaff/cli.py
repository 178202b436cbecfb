"""The ``dechaff`` command: ``clean`` and ``explain``, a thin layer over the library.

Exit codes: 0 the run completed; 1 it could not (nothing could be read, a write failed, an
extra is missing, or ``--strict`` met a rejected record); 2 a usage error, refused before
anything is written; 130 interrupted (Ctrl-C), 143 terminated (SIGTERM). Every message is
one line on stderr and names the file (and line).
"""

from __future__ import annotations

import argparse
import contextlib
import os
import signal
import sys
from collections.abc import Iterator, Sequence
from types import FrameType
from typing import NoReturn

from . import __version__
from .config import RULE_NAMES, Config
from .destination import OUTPUT_FORMATS
from .errors import ConfigError, DechaffError, InputError, UsageError
from .explain import explain
from .learning import LearningPlan, choose_model
from .outcome import outcome_of
from .outputs import StdoutWriter
from .records import EmptyInput, Notice, ReadOptions, Unreadable, describe_os_error
from .report import Summary
from .runner import CleanRequest, run_clean
from .sources import READERS, expand_inputs, read_inputs

PROG = "dechaff"


class _Parser(argparse.ArgumentParser):
    """argparse, with its errors raised as one-line :class:`UsageError` (exit code 2)."""

    def error(self, message: str) -> NoReturn:
        raise UsageError(f"{message}; see '{self.prog} --help'")


class Terminated(KeyboardInterrupt):
    """SIGTERM, turned into an exception so that outputs are cleaned up as for Ctrl-C."""


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog=PROG, description="Clean scraped web text.")
    parser.add_argument("--version", action="version", version=f"{PROG} {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    clean = commands.add_parser(
        "clean",
        help="clean documents and write what is kept",
        description="Clean documents; write the kept ones and, on request, a report of all.",
    )
    _add_input_arguments(clean)
    clean.add_argument(
        "-o", "--output", metavar="OUTPUT",
        help="FILE.jsonl (.gz, .zst, .bz2, .xz), FILE.parquet, FILE (one text input), or DIR "
        "(a tree of text files); default: stdout",
    )
    clean.add_argument(
        "--output-format", choices=OUTPUT_FORMATS, default="auto",
        help="write this format whatever -o's suffix (default: auto, by -o's suffix)",
    )
    clean.add_argument(
        "--shard-size", type=int, metavar="N",
        help="write at most N records per output file: NAME-00000.EXT, NAME-00001.EXT, ...",
    )
    clean.add_argument(
        "--resume", action="store_true",
        help="with --shard-size: carry on an interrupted run, skipping the finished shards",
    )
    clean.add_argument(
        "-j", "--jobs", type=int, metavar="N",
        help="clean in N processes (default: every core); the output is the same for any N",
    )
    clean.add_argument(
        "--engine", choices=("local", "dask"), default="local",
        help="run on this machine (local) or on a Dask cluster (dask, needs "
        "pip install 'dechaff[dask]'); the output is the same",
    )
    clean.add_argument(
        "--scheduler", metavar="ADDRESS",
        help="with --engine dask: tcp://HOST:PORT of a running scheduler, or local:N for N "
        "worker processes here (default: local:<cores>)",
    )
    clean.add_argument(
        "--report", metavar="FILE.jsonl", help="write one JSON line per input record"
    )
    clean.add_argument(
        "--html-report", metavar="FILE.html",
        help="write a self-contained HTML page of what was removed: summary, charts, sampled "
        "documents with removals highlighted, duplicate clusters, rejected records",
    )
    clean.add_argument(
        "--strict", action="store_true",
        help="stop with exit code 1 at the first record or input that cannot be read",
    )
    clean.add_argument(
        "-q", "--quiet", action="store_true",
        help="no progress bar and no summary line on stderr",
    )
    _add_dedup_arguments(clean)
    explain_command = commands.add_parser(
        "explain",
        help="show what cleaning removes, line by line",
        description="Show each document's lines marked kept or removed, with rule and reason.",
    )
    _add_input_arguments(explain_command)
    return parser


def _add_dedup_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--no-dedup", action="store_true",
        help="keep near-duplicate documents (by default, when more than one document is "
        "read, a document repeating an earlier kept one is dropped)",
    )
    parser.add_argument(
        "--threshold", type=float, default=0.8, metavar="T",
        help="Jaccard similarity of word 5-gram sets at which two documents are duplicates "
        "(default: 0.8)",
    )
    parser.add_argument(
        "--num-perm", type=int, default=128, metavar="N",
        help="MinHash permutations per signature (default: 128)",
    )
    parser.add_argument(
        "--index", metavar="PATH",
        help="load the dedup index of earlier runs from PATH (if it exists) and save it there "
        "with this run's kept documents added",
    )


def _add_input_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "inputs", nargs="+", metavar="INPUT",
        help="a text, JSONL (.jsonl, .ndjson; .gz, .zst, .bz2, .xz), Parquet or WARC/WET file, "
        "a directory of such files, or - for stdin",
    )
    parser.add_argument(
        "--skip", action="append", default=[], metavar="RULES",
        help=f"turn off rules, comma-separated: {', '.join(RULE_NAMES)}",
    )
    parser.add_argument(
        "--input-format", choices=("auto", *READERS), default="auto",
        help="read files and stdin in this format (default: auto, by suffix; stdin is text)",
    )
    parser.add_argument("--text-field", default="text", metavar="NAME",
                        help="field holding the text (default: text)")
    parser.add_argument("--id-field", default="id", metavar="NAME",
                        help="field holding the id (default: id)")
    parser.add_argument("--url-field", default="url", metavar="NAME",
                        help="field holding the URL (default: url)")
    parser.add_argument(
        "--errors", choices=("strict", "replace"), default="strict",
        help="invalid UTF-8: reject the record (strict, default) or keep it with U+FFFD",
    )
    parser.add_argument(
        "--no-learn", action="store_true",
        help="do not learn boilerplate from the inputs (by default, files are read twice: "
        "once to learn the lines each site repeats, once to clean; stdin is read once)",
    )
    parser.add_argument(
        "--model", metavar="FILE",
        help="clean with the boilerplate model in FILE (from --save-model or dechaff.fit) "
        "instead of learning one from the inputs",
    )
    parser.add_argument(
        "--save-model", metavar="FILE",
        help="save the boilerplate model learned from the inputs to FILE (JSON)",
    )


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    resumable = False
    try:
        try:
            args = build_parser().parse_args(argv)
        except SystemExit as done:  # --help and --version
            return done.code if isinstance(done.code, int) else 0
        if args.command == "clean":
            resumable = args.shard_size is not None
            with _terminate_as_interrupt():
                return clean_command(args)
        return explain_command(args)
    except (UsageError, ConfigError) as error:
        _message("error", str(error))
        return 2
    except DechaffError as error:
        _message("error", str(error))
        return 1
    except KeyboardInterrupt as interrupt:
        then = "; rerun with --resume to carry on" if resumable else ""
        if isinstance(interrupt, Terminated):
            _message("error", f"terminated; the run did not complete{then}")
            return 143
        _message("error", f"interrupted; the run did not complete{then}")
        return 130
    except BrokenPipeError:
        # The reader of stdout went away (e.g. `| head`): nothing more to say to anyone.
        _silence_stdout()
        return 1
    except OSError as error:
        _message("error", describe_os_error(error))
        return 1


@contextlib.contextmanager
def _terminate_as_interrupt() -> Iterator[None]:
    def terminated(signum: int, frame: FrameType | None) -> None:
        raise Terminated

    try:
        previous = signal.signal(signal.SIGTERM, terminated)
    except ValueError:  # not the main thread: leave signals alone
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def _message(kind: str, text: str) -> None:
    print(f"{PROG}: {kind}: {text}", file=sys.stderr, flush=True)


def _silence_stdout() -> None:
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass


def _read_options(args: argparse.Namespace) -> ReadOptions:
    return ReadOptions(args.text_field, args.id_field, args.url_field, args.errors)


def _rules(skip: Sequence[str]) -> tuple[str, ...]:
    return tuple(name.strip() for value in skip for name in value.split(",") if name.strip())


def clean_command(args: argparse.Namespace) -> int:
    request = CleanRequest(
        inputs=tuple(args.inputs), output=args.output, output_format=args.output_format,
        report=args.report, strict=args.strict, skip=_rules(args.skip),
        input_format=args.input_format, read=_read_options(args), dedup=not args.no_dedup,
        threshold=args.threshold, num_perm=args.num_perm, index=args.index, jobs=args.jobs,
        shard_size=args.shard_size, resume=args.resume, learn=not args.no_learn,
        model=args.model, save_model=args.save_model, html_report=args.html_report,
        engine=args.engine, scheduler=args.scheduler,
    )
    terminal = not args.quiet and sys.stderr.isatty()
    notify = _message if not terminal else _message_over_bar
    summary = run_clean(request, notify, sys.stderr if terminal else None)
    if not args.quiet:
        _message("summary", summary.line())
    return 0


def _message_over_bar(kind: str, text: str) -> None:
    sys.stderr.write("\r\x1b[K")
    _message(kind, text)


def explain_command(args: argparse.Namespace) -> int:
    try:
        config = Config().without(*_rules(args.skip))
    except ConfigError as error:
        raise UsageError(f"--skip: {error}") from None
    options = _read_options(args)
    plan = expand_inputs(args.inputs, args.input_format)
    learning = LearningPlan(not args.no_learn, args.model, args.save_model)
    model = choose_model(learning, plan.inputs, options, plan.rereadable)
    summary = Summary()
    for problem in [item.error for item in plan.unreadable] + [
        f"{directory}: no file of a supported format in this directory"
        for directory in plan.empty_directories
    ]:
        _message("error", problem)
        summary.unreadable += 1
    out = StdoutWriter()
    try:
        for item in read_inputs(plan.inputs, options):
            if isinstance(item, Unreadable):
                _message("error", item.error)
                summary.unreadable += 1
                continue
            if isinstance(item, Notice):
                _message("warning", item.message)
                continue
            outcome = outcome_of(item, config, model)
            if outcome.status == "rejected":
                _message("error", f"{outcome.source}: {outcome.error}")
            elif isinstance(item, EmptyInput):
                _message("warning", f"{item.path}: the file holds no record")
            if summary.documents:
                out.write(b"\n")
            summary.add(outcome)
            view = explain(outcome) if not isinstance(item, EmptyInput) else (
                f"=== {item.path} ({item.source}): empty ===\n(the file holds no record)\n"
            )
            out.write(view.encode("utf-8"))
    finally:
        out.commit()
    if summary.unreadable and not summary.documents:
        raise InputError("no input could be read")
    return 0
