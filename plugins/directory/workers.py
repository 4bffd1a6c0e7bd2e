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
from contextlib import suppress
from multiprocessing.connection import Pipe, wait


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


class WorkerFailed(RuntimeError):
    """A worker process failed (the error it raised), or died (killed, out of memory)."""


class _Worker:
    """One forked process: it is sent lists of part numbers and sends back their results."""

    def __init__(self, function: Callable, parts: Sequence):
        self.conn, theirs = Pipe()
        self.pid = os.fork()
        if self.pid == 0:  # the worker: never returns into the parent's code
            status = 1
            try:
                self.conn.close()
                _serve(theirs, function, parts)
                status = 0
            finally:
                os._exit(status)
        theirs.close()

    def give(self, numbers: list[int]) -> None:
        self.conn.send(numbers)

    def results(self) -> list:
        try:
            done, value = self.conn.recv()
        except (EOFError, OSError):
            raise WorkerFailed("a worker process stopped before it had finished (killed, or out of memory)") from None
        if not done:
            raise value
        return value

    def stop(self) -> None:
        """Ended however the work went: stopped at once if still at work."""
        with suppress(OSError):
            self.conn.send(None)
        with suppress(ProcessLookupError):
            os.kill(self.pid, signal.SIGKILL)
        with suppress(ChildProcessError):
            os.waitpid(self.pid, 0)
        self.conn.close()


def _serve(conn, function: Callable, parts: Sequence) -> None:
    # Ctrl+C and SIGTERM are the parent's to handle: it stops the workers
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    gc.enable()  # forked while the parent had it off (see shared)
    while (numbers := conn.recv()) is not None:
        try:
            conn.send((True, [function(parts[n]) for n in numbers]))
        except Exception as err:  # noqa: BLE001 - told to the parent, which raises it
            try:
                conn.send((False, err))
            except Exception:  # noqa: BLE001 - an error that cannot be sent is told in words
                conn.send((False, WorkerFailed(f"{type(err).__name__}: {err}")))


def shared(function: Callable, parts: Sequence, jobs: int, chunk: int = 1) -> list:
    """``[function(part) for part in parts]``, the parts shared among ``jobs``
    forked processes, handed out ``chunk`` at a time as each process is free."""
    if jobs <= 1 or len(parts) <= 1:
        return [function(part) for part in parts]
    chunks = [list(range(start, min(start + chunk, len(parts)))) for start in range(0, len(parts), chunk)]
    _give_back_freed_memory()
    results: list = [None] * len(parts)
    workers: list[_Worker] = []
    gc.disable()  # the results come back as a great many new objects, all kept: nothing to collect
    try:
        waiting = iter(chunks)
        busy = {}
        for numbers in waiting:
            worker = _Worker(function, parts)
            workers.append(worker)
            worker.give(numbers)
            busy[worker.conn] = (worker, numbers)
            if len(workers) == jobs:
                break
        while busy:
            for conn in wait(list(busy)):
                worker, numbers = busy.pop(conn)
                for n, result in zip(numbers, worker.results(), strict=True):
                    results[n] = result
                following = next(waiting, None)
                if following is not None:
                    worker.give(following)
                    busy[conn] = (worker, following)
        return results
    finally:  # done, failed or stopped (Ctrl+C, SIGTERM): no worker outlives this call
        gc.enable()
        for worker in workers:
            worker.stop()
