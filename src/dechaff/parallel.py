"""Ordered parallel map over batches: work runs in worker processes, results come back in
input order.

The parent sends batches of raw records (bytes, cheap to pickle) and gets compact results
back; at most a few batches per worker are in flight, so memory stays bounded however long
the input. Workers are started with ``spawn`` (the same on every platform, and safe in a
process with threads), only when there is more than one batch of work: a small input is
done in this process without starting any. Workers ignore Ctrl-C; the parent stops them.

>>> list(ordered_map(sum, [[1, 2], [3], [4, 5]], jobs=1))
[3, 3, 9]
>>> [len(batch) for batch in batched(range(5), max_items=2)]
[2, 2, 1]
"""

from __future__ import annotations

import multiprocessing
import os
import signal
from collections import deque
from collections.abc import Callable, Generator, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from itertools import chain
from typing import Any, TypeVar

from .errors import DechaffError

T = TypeVar("T")
R = TypeVar("R")
# Batches in flight per worker: one running, one waiting, one on its way back.
_AHEAD = 3


def available_cores() -> int:
    """How many cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def batched(
    items: Iterable[T],
    max_items: int = 1000,
    max_bytes: int = 1 << 20,
    size: Callable[[T], int] | None = None,
) -> Iterator[list[T]]:
    """Consecutive items in lists of at most ``max_items`` and about ``max_bytes`` (a single
    larger item makes a batch of its own)."""
    batch: list[T] = []
    held = 0
    for item in items:
        batch.append(item)
        if size is not None:
            held += size(item)
        if len(batch) >= max_items or held >= max_bytes:
            yield batch
            batch, held = [], 0
    if batch:
        yield batch


def ordered_map(
    work: Callable[[T], R], batches: Iterable[T], jobs: int
) -> Generator[R, None, None]:
    """``work(batch)`` for each batch, in order; in ``jobs`` processes when ``jobs > 1``.

    ``work`` must be picklable (a module-level function, or an instance of a module-level
    class); it is sent once to each worker (it may hold a large learned model), then only
    batches travel.
    """
    iterator = iter(batches)
    head = [batch for batch in (next(iterator, None), next(iterator, None)) if batch is not None]
    if jobs <= 1 or len(head) < 2:
        for batch in chain(head, iterator):
            yield work(batch)
        return
    executor = ProcessPoolExecutor(
        max_workers=jobs,
        mp_context=multiprocessing.get_context("spawn"),
        initializer=_install,
        initargs=(work,),
    )
    completed = False
    try:
        window: deque[Future[R]] = deque()
        for batch in chain(head, iterator):
            window.append(executor.submit(_installed_work, batch))
            if len(window) >= jobs * _AHEAD:
                yield _result(window.popleft())
        while window:
            yield _result(window.popleft())
        completed = True
    finally:
        if completed:
            executor.shutdown(wait=True)
        else:
            _stop(executor)


def _result(future: Future[R]) -> R:
    try:
        return future.result()
    except BrokenProcessPool as error:
        raise DechaffError(
            f"a worker process died ({error}); the run did not complete: "
            "rerun with fewer --jobs if memory ran short"
        ) from None


# The work of this worker process, sent once when it starts.
_work: Callable[[Any], Any] | None = None


def _install(work: Callable[[Any], Any]) -> None:
    global _work
    _work = work
    # Ctrl-C reaches the whole process group: the parent alone decides what happens.
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _installed_work(batch: Any) -> Any:
    assert _work is not None, "a worker runs only after _install"
    return _work(batch)


def _stop(executor: ProcessPoolExecutor) -> None:
    """Stop at once (an interrupt or an error): pending work is dropped, workers ended."""
    # The executor has no public way to end a running task: its processes are ended directly,
    # or an interrupted run would wait for the batches under way.
    processes = list((getattr(executor, "_processes", None) or {}).values())
    executor.shutdown(wait=False, cancel_futures=True)
    for process in processes:
        if process.is_alive():
            process.terminate()
    for process in processes:
        process.join(timeout=5)
        if process.is_alive():  # a worker too busy to act on SIGTERM in time
            process.kill()
            process.join()
