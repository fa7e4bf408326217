"""Work done in a forked process while this one goes on: the near-duplicate clusters of a large
batch are found while the report's results are written (cli/review.py)."""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import Any, TypeVar

T = TypeVar("T")


def in_background(work: Callable[[], T]) -> Callable[[], T]:
    """Start `work` in a forked process; the function returned waits for its result. Where no
    process can be forked (or threads run, which forking could deadlock), or if the process
    fails, the work is done here instead."""
    import multiprocessing
    import threading

    if "fork" not in multiprocessing.get_all_start_methods() or threading.active_count() > 1:
        value = work()
        return lambda: value
    context = multiprocessing.get_context("fork")
    sys.stdout.flush()  # the forked process must not write out this one's buffered output again
    sys.stderr.flush()
    reader, writer = context.Pipe(duplex=False)
    process = context.Process(target=_send_result, args=(work, writer), daemon=True)
    process.start()
    writer.close()

    def result() -> T:
        try:
            done, value = reader.recv()
        except EOFError:
            done, value = False, None
        reader.close()
        process.join()
        return value if done else work()

    return result


def _send_result(work: Callable[[], Any], writer: Any) -> None:
    import contextlib
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is for the parent, which ends this process
    try:
        message = (True, work())
    except Exception:
        message = (False, None)  # the parent does the work again, and reports what goes wrong
    with contextlib.suppress(OSError):  # the parent may have ended
        writer.send(message)
