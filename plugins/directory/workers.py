"""Work shared between the machine's cores.

The build's costly stages, reading the files and writing the outputs, are made
of parts that do not depend on one another.  :func:`shared` runs such parts in
forked processes: a worker inherits everything the build holds at that moment,
so nothing is sent to it but a number, and only the results come back, in the
order of the parts.  The result is the same however the work was shared, and
with ``jobs=1`` it all runs in this process, as before.
"""

from __future__ import annotations

import ctypes
import gc
import os
import signal
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from contextlib import suppress
from multiprocessing import get_context

# the work of the pool being run, for its workers to find after the fork
_work: dict[int, tuple[Callable, Sequence]] = {}


def cores() -> int:
    """The cores this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def resident_bytes() -> int:
    """The memory this process holds now (0 where that cannot be told)."""
    try:
        with open("/proc/self/statm") as statm:
            return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return 0


def affordable(jobs: int, memory_limit: int) -> int:
    """How many processes may share work from here within ``memory_limit`` bytes
    in all.  A worker that renders pages comes to hold about as much as this
    process (CPython writes to each object it reads, so the pages it shares with
    this one are soon its own), so n workers cost n more of it; when not even
    two fit, the work is done here, in this process alone."""
    held = resident_bytes()
    if not held or not memory_limit:
        return jobs
    fit = memory_limit // held - 1
    return max(1, min(jobs, fit if fit >= 2 else 1))


def _give_back_freed_memory() -> None:
    """Return the memory this process freed to the system (glibc keeps it
    otherwise), so the workers forked next do not start with it."""
    with suppress(OSError, AttributeError):  # not glibc: nothing to do
        ctypes.CDLL("libc.so.6").malloc_trim(0)


def _start_worker() -> None:
    # Ctrl+C and SIGTERM are the parent's to handle: it stops the workers
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    gc.enable()  # forked while the parent had it off (see shared)


def _run(key: int, index: int):
    function, parts = _work[key]
    return function(parts[index])


def shared(function: Callable, parts: Sequence, jobs: int, chunk: int = 1) -> list:
    """``[function(part) for part in parts]``, the parts shared among ``jobs``
    forked processes, handed out ``chunk`` at a time as each process is free."""
    if jobs <= 1 or len(parts) <= 1:
        return [function(part) for part in parts]
    key = id(function)
    _work[key] = (function, parts)
    _give_back_freed_memory()
    pool = ProcessPoolExecutor(min(jobs, len(parts)), mp_context=get_context("fork"), initializer=_start_worker)
    gc.disable()  # the results come back as a great many new objects, all kept: nothing to collect
    try:
        return list(pool.map(_run, [key] * len(parts), range(len(parts)), chunksize=chunk))
    except BaseException:
        # stopped (Ctrl+C, SIGTERM) or failed: do not wait for the other parts
        for process in list(pool._processes.values()):  # no public way before Python 3.14
            process.terminate()
        raise
    finally:
        gc.enable()
        pool.shutdown(cancel_futures=True)
        del _work[key]
