"""The ``dechaff`` command: ``clean`` and ``explain``, a thin layer over the library.

Exit codes: 0 the run completed; 1 it could not (nothing could be read, a write failed, or
``--strict`` met a rejected record); 2 a usage error, refused before anything is written;
130 interrupted. Every message is one line on stderr and names the file (and line).
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Iterator, Sequence
from contextlib import ExitStack
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal, NoReturn

from . import __version__
from .config import RULE_NAMES, Config
from .document import Document
from .errors import ConfigError, DechaffError, InputError, UsageError
from .explain import explain
from .outcome import Outcome, outcome_of
from .outputs import (
    AtomicFile,
    JsonLinesWriter,
    JsonlSink,
    RecordFields,
    StdoutWriter,
    TextSink,
    TreeSink,
    Writer,
)
from .report import Summary, report_record
from .sources import (
    READERS,
    STDIN,
    InputPlan,
    ReadOptions,
    Unreadable,
    describe_os_error,
    expand_inputs,
    read_inputs,
)

if TYPE_CHECKING:
    from .dedup.outcomes import OutcomeDeduplicator

PROG = "dechaff"
JSONL_SUFFIXES = (".jsonl", ".ndjson")


class _Parser(argparse.ArgumentParser):
    """argparse, with its errors raised as one-line :class:`UsageError` (exit code 2)."""

    def error(self, message: str) -> NoReturn:
        raise UsageError(f"{message}; see '{self.prog} --help'")


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
        help="FILE.jsonl, FILE (one text input), or DIR (a tree of text files); "
        "default: stdout",
    )
    clean.add_argument(
        "--report", metavar="FILE.jsonl", help="write one JSON line per input record"
    )
    clean.add_argument(
        "--strict", action="store_true",
        help="stop with exit code 1 at the first record or input that cannot be read",
    )
    clean.add_argument(
        "-q", "--quiet", action="store_true", help="leave out the summary line on stderr"
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
        help="a text file, a .jsonl/.ndjson file, a directory of *.txt files, or - for stdin",
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
                        help="JSONL field holding the text (default: text)")
    parser.add_argument("--id-field", default="id", metavar="NAME",
                        help="JSONL field holding the id (default: id)")
    parser.add_argument("--url-field", default="url", metavar="NAME",
                        help="JSONL field holding the URL (default: url)")
    parser.add_argument(
        "--errors", choices=("strict", "replace"), default="strict",
        help="invalid UTF-8: reject the record (strict, default) or keep it with U+FFFD",
    )


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    try:
        try:
            args = build_parser().parse_args(argv)
        except SystemExit as done:  # --help and --version
            return done.code if isinstance(done.code, int) else 0
        if args.command == "clean":
            return clean_command(args)
        return explain_command(args)
    except (UsageError, ConfigError) as error:
        _message("error", str(error))
        return 2
    except DechaffError as error:
        _message("error", str(error))
        return 1
    except KeyboardInterrupt:
        _message("error", "interrupted; the run did not complete")
        return 130
    except BrokenPipeError:
        # The reader of stdout went away (e.g. `| head`): nothing more to say to anyone.
        _silence_stdout()
        return 1
    except OSError as error:
        _message("error", describe_os_error(error))
        return 1


def _message(kind: str, text: str) -> None:
    print(f"{PROG}: {kind}: {text}", file=sys.stderr, flush=True)


def _silence_stdout() -> None:
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass


def _config(skip: Sequence[str]) -> Config:
    names = [name.strip() for value in skip for name in value.split(",") if name.strip()]
    try:
        return Config().without(*names)
    except ConfigError as error:
        raise UsageError(f"--skip: {error}") from None


def _read_options(args: argparse.Namespace) -> ReadOptions:
    return ReadOptions(args.text_field, args.id_field, args.url_field, args.errors)


def _announce(plan: InputPlan, summary: Summary, strict: bool) -> None:
    for directory in plan.empty_directories:
        _message("warning", f"{directory}: no *.txt file in this directory")
    for unreadable in plan.unreadable:
        _unreadable(unreadable, summary, strict)


def _unreadable(item: Unreadable, summary: Summary, strict: bool) -> None:
    summary.unreadable += 1
    if strict:
        raise InputError(f"{item.error} (--strict stops at the first unreadable input)")
    _message("error", item.error)


# ---------------------------------------------------------------------------------------------
# clean


@dataclass(frozen=True)
class Destination:
    """Where kept documents go: text or JSONL to a file or stdout (``path`` None), or a tree."""

    kind: Literal["text", "jsonl", "tree"]
    path: str | None = None


def choose_destination(
    output: str | None, plan: InputPlan, arguments: Sequence[str]
) -> Destination:
    """The output for these inputs; :class:`UsageError` for a combination that cannot work."""
    directories = plan.directories
    from_stdin = STDIN in arguments
    records = [source.path for source in plan.inputs if source.format != "text"]
    single_text = (
        len(arguments) == 1 and not directories
        and bool(plan.inputs) and plan.inputs[0].format == "text"
    )
    if output is None or output == STDIN:
        if directories:
            raise UsageError(
                f"{directories[0]} is a directory: name an output directory with -o DIR "
                "(or -o FILE.jsonl)"
            )
        return Destination("text" if single_text else "jsonl")
    if output.lower().endswith(JSONL_SUFFIXES):
        return Destination("jsonl", output)
    names_directory = output.endswith(("/", os.sep)) or os.path.isdir(output)
    if directories or len(arguments) > 1 or names_directory:
        if records:
            raise UsageError(
                f"{records[0]}: JSONL records cannot be written as a tree of text files; "
                "pass -o FILE.jsonl"
            )
        if from_stdin:
            raise UsageError("stdin cannot be written into a directory; pass -o FILE.jsonl")
        if os.path.exists(output) and not os.path.isdir(output):
            raise UsageError(f"-o {output} is a file; name a directory for several documents")
        return Destination("tree", output)
    if records:
        raise UsageError(f"-o {output}: JSONL input needs -o FILE.jsonl (or .ndjson)")
    return Destination("text", output)


def check_paths(
    plan: InputPlan, destination: Destination, report: str | None, index: str | None = None
) -> None:
    """Refuse outputs that would overwrite an input, each other, or land in an input tree."""
    sources = {_canonical(source.path, source.root, source.name)
               for source in plan.inputs if source.path != STDIN}
    files = [("--report", report)] if report is not None else []
    if index is not None:
        files.append(("--index", index))
    if destination.path is not None and destination.kind != "tree":
        files.insert(0, ("-o", destination.path))
    seen: dict[str, str] = {}
    for flag, path in files:
        assert path is not None
        real = os.path.realpath(path)
        if real in sources:
            raise UsageError(f"{flag} {path} is also an input; write to another path")
        if os.path.isdir(path):
            raise UsageError(f"{flag} {path} is a directory; name a file")
        if real in seen:
            raise UsageError(f"{flag} {path} is also the {seen[real]} file; name two files")
        seen[real] = flag
    if destination.kind == "tree" and destination.path is not None:
        _check_tree(plan, destination.path, sources, seen)


def _check_tree(plan: InputPlan, root: str, sources: set[str], files: dict[str, str]) -> None:
    real_root = os.path.realpath(root)
    for directory in plan.directories:
        real = os.path.realpath(directory)
        if real_root == real or real_root.startswith(real.rstrip(os.sep) + os.sep):
            raise UsageError(
                f"-o {root} is inside the input directory {directory}; a later run would "
                "read the output as input: write it elsewhere"
            )
    targets: dict[str, str] = {}
    for source in plan.inputs:
        target = os.path.join(real_root, *source.name.split("/"))
        if target in sources:
            raise UsageError(f"-o {root} would overwrite the input {source.path}")
        if target in files:
            raise UsageError(f"{files[target]} is also an output file under -o {root}")
        if target in targets:
            raise UsageError(
                f"{targets[target]} and {source.path} would both be written to "
                f"{os.path.join(root, source.name)}; clean them in separate runs"
            )
        targets[target] = source.path


def _canonical(path: str, root: str | None, name: str) -> str:
    # Resolving the root once, not every file under it, keeps large trees fast.
    if root is None:
        return os.path.realpath(path)
    return os.path.join(os.path.realpath(root), *name.split("/"))


def _open_sink(destination: Destination, names: RecordFields) -> TextSink | TreeSink:
    if destination.kind == "tree":
        assert destination.path is not None
        return TreeSink(destination.path)
    writer: Writer = AtomicFile(destination.path) if destination.path else StdoutWriter()
    if destination.kind == "jsonl":
        return JsonlSink(writer, names)
    return TextSink(writer)


def clean_command(args: argparse.Namespace) -> int:
    config = _config(args.skip)
    options = _read_options(args)
    plan = expand_inputs(args.inputs, args.input_format)
    destination = choose_destination(args.output, plan, args.inputs)
    check_paths(plan, destination, args.report, args.index)
    dedup = _dedup_step(args)
    names = RecordFields(args.text_field, args.id_field, args.url_field)
    summary = Summary()
    with ExitStack() as stack:
        report = (
            stack.enter_context(JsonLinesWriter(AtomicFile(args.report)))
            if args.report is not None else None
        )
        sink = _open_sink(destination, names)
        stack.enter_context(sink)
        _announce(plan, summary, args.strict)
        outcomes = _outcomes(plan, options, config, summary, args.strict)
        for outcome in dedup.apply(outcomes) if dedup is not None else outcomes:
            summary.add(outcome)
            document = outcome.document
            if outcome.status == "kept" and document is not None:
                sink.write(document, outcome.text)
            if report is not None:
                report.write_record(report_record(outcome))
        if summary.unreadable and not summary.documents:
            raise InputError("no input could be read; nothing was written")
    if dedup is not None:
        dedup.save()
    if not args.quiet:
        _message("summary", summary.line())
    return 0


def _outcomes(
    plan: InputPlan, options: ReadOptions, config: Config, summary: Summary, strict: bool
) -> Iterator[Outcome]:
    """Each record's outcome, in input order; problems are told on stderr as they come."""
    seen_ids: set[str] = set()
    for item in read_inputs(plan.inputs, options):
        if isinstance(item, Unreadable):
            _unreadable(item, summary, strict)
            continue
        outcome = outcome_of(item, config)
        if outcome.status == "rejected":
            message = f"{outcome.source}: {outcome.error}"
            if strict:
                raise InputError(f"{message} (--strict stops at the first rejected record)")
            _message("error", message)
        elif isinstance(item, Document):
            if item.id in seen_ids:
                _message(
                    "warning",
                    f"{outcome.source}: id {item.id!r} was used by an earlier record; "
                    "both are kept",
                )
            seen_ids.add(item.id)
        yield outcome


def _dedup_step(args: argparse.Namespace) -> OutcomeDeduplicator | None:
    if args.no_dedup:
        if args.index is not None:
            raise UsageError("--index needs deduplication: leave out --no-dedup")
        return None
    # Imported here: numpy is not needed to clean one document.
    from .dedup import DedupConfig
    from .dedup.outcomes import OutcomeDeduplicator

    try:
        config = DedupConfig(threshold=args.threshold, num_perm=args.num_perm)
    except ConfigError as error:
        flag = "--threshold" if "threshold" in str(error).split(" ", 1)[0] else "--num-perm"
        raise UsageError(f"{flag}: {error}") from None
    return OutcomeDeduplicator(config, args.index)


# ---------------------------------------------------------------------------------------------
# explain


def explain_command(args: argparse.Namespace) -> int:
    config = _config(args.skip)
    options = _read_options(args)
    plan = expand_inputs(args.inputs, args.input_format)
    summary = Summary()
    _announce(plan, summary, strict=False)
    out = StdoutWriter()
    try:
        for outcome in _outcomes(plan, options, config, summary, strict=False):
            if summary.documents:
                out.write(b"\n")
            summary.add(outcome)
            out.write(explain(outcome).encode("utf-8"))
    finally:
        out.commit()
    if summary.unreadable and not summary.documents:
        raise InputError("no input could be read")
    return 0
