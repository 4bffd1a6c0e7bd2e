"""Work shared between forked processes: results in order, errors raised here,
and no worker left behind however the work ends."""

from __future__ import annotations

import os
import signal

import pytest

from directory.workers import WorkerFailed, shared


def children() -> set[int]:
    """The processes this one has started and not yet waited for."""
    found = set()
    for stat in os.listdir("/proc"):
        if stat.isdigit():
            try:
                with open(f"/proc/{stat}/stat") as f:
                    fields = f.read().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == os.getpid():
                found.add(int(stat))
    return found


@pytest.fixture
def no_worker_left():
    """Fails the test if a worker outlives it (other tests' children are left out)."""
    before = children()
    yield
    assert children() - before == set()


def test_the_results_come_in_the_order_of_the_parts_however_they_are_shared(no_worker_left):
    parts = list(range(200))
    assert shared(lambda n: n * n, parts, jobs=2, chunk=7) == [n * n for n in parts]
    assert shared(lambda n: n * n, parts, jobs=1) == [n * n for n in parts]


def test_an_error_in_a_worker_is_raised_here_and_every_worker_is_stopped(no_worker_left):
    def fail_on_thirteen(n):
        if n == 13:
            raise ValueError("thirteen")
        return n

    with pytest.raises(ValueError, match="thirteen"):
        shared(fail_on_thirteen, list(range(40)), jobs=2, chunk=3)


def test_a_worker_that_dies_is_an_error_not_a_wait_for_ever(no_worker_left):
    def die(n):
        if n == 5:
            os.kill(os.getpid(), signal.SIGKILL)  # as the kernel does when memory runs out
        return n

    with pytest.raises(WorkerFailed, match="stopped before it had finished"):
        shared(die, list(range(20)), jobs=2)
