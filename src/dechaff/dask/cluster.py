"""Which Dask cluster a run uses: ``tcp://HOST:PORT`` (a running scheduler) or ``local:N``
(a cluster of N worker processes on this machine, started for the run and stopped after).

>>> parse_scheduler("local:4"), parse_scheduler("tcp://10.0.0.5:8786")
(4, 'tcp://10.0.0.5:8786')
>>> parse_scheduler("local:zero")
Traceback (most recent call last):
...
dechaff.errors.UsageError: --scheduler local:zero: write local:N with N workers (e.g. local:4), or tcp://HOST:PORT
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from ..errors import UsageError


def parse_scheduler(scheduler: str) -> int | str:
    """The number of local workers, or the scheduler's address."""
    if scheduler.startswith("local:"):
        count = scheduler.removeprefix("local:")
        if count.isdigit() and int(count) >= 1:
            return int(count)
    elif "://" in scheduler:
        return scheduler
    raise UsageError(f"--scheduler {scheduler}: write local:N with N workers (e.g. local:4), "
                     "or tcp://HOST:PORT")


@contextmanager
def connect(scheduler: str) -> Iterator[Any]:
    """A ``distributed.Client`` for ``scheduler`` (see :func:`parse_scheduler`)."""
    target = parse_scheduler(scheduler)
    from distributed import Client, LocalCluster

    if isinstance(target, str):
        try:
            client = Client(target, timeout="30s")
        except OSError as error:
            raise UsageError(f"--scheduler {target}: cannot reach the scheduler ({error}); "
                             "is it running, and is the address right?") from None
        with client:
            yield client
        return
    with LocalCluster(n_workers=target, threads_per_worker=1, processes=True,
                      dashboard_address=None) as cluster, Client(cluster) as client:
        yield client
