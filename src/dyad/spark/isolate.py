"""Work on items in a forked child process, so that an item that kills its process (a
segmentation fault in native code, `os._exit`, the out-of-memory killer) loses only itself.

Spark fails a whole job when a task's Python worker dies, so the coding tasks do not code in
the worker itself: each slab of documents is coded in a child forked from it (the child shares
the loaded spaCy model and dictionaries, so it starts at once) and sends each document's result
back through a pipe as soon as it has it. When the child dies, the results it sent are kept and
the items it had not finished go again in two halves, each in a new child, and so on down to
the single item that kills its process alone, which gets `on_death(item, how)`.
"""

from __future__ import annotations

import os
import pickle
import signal
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import suppress
from typing import BinaryIO, NoReturn, TypeVar

from dyad.store.workers import exit_status

T = TypeVar("T")
R = TypeVar("R")


def isolated(items: Sequence[T], work: Callable[[Sequence[T]], Iterable[R]],
             on_death: Callable[[T, str], R]) -> Iterator[R]:
    """The results of `work(items)`, which gives one (not None) result per item, in order;
    computed in a forked process, and where that process dies, `on_death(item, how)` for the
    item that kills it (`how` is e.g. "signal 11, SIGSEGV")."""
    if not items:
        return
    if not hasattr(os, "fork"):  # no fork (Windows): in this process, unprotected
        yield from work(items)
        return
    done = 0
    how = ""
    for result in _forked(items, work):
        if isinstance(result, _Died):
            how = result.how
            break
        done += 1
        yield result
    rest = items[done:]
    if not how or not rest:
        return
    if len(rest) == 1:
        yield on_death(rest[0], how)
        return
    half = len(rest) // 2
    yield from isolated(rest[:half], work, on_death)
    yield from isolated(rest[half:], work, on_death)


class _Died:
    """The end of a child's results when it died before sending them all."""

    def __init__(self, how: str) -> None:
        self.how = how


def _forked(items: Sequence[T], work: Callable[[Sequence[T]], Iterable[R]]
            ) -> Iterator[R | _Died]:
    """The results `work(items)` sends from a child process, then `_Died` if it dies first."""
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: never returns
        os.close(read_end)
        _child(items, work, os.fdopen(write_end, "wb"))
    os.close(write_end)
    finished = False
    try:
        with os.fdopen(read_end, "rb") as stream:
            while True:
                try:
                    result = pickle.load(stream)
                except Exception:  # end of the stream, or the half message of a dying child
                    break
                if result is None:  # the end mark: everything was sent
                    finished = True
                    return
                yield result
    finally:
        how = _reap(pid, stop=not finished)
    yield _Died(how)


def _child(items: Sequence[T], work: Callable[[Sequence[T]], Iterable[R]],
           stream: BinaryIO) -> NoReturn:
    status = 1
    try:
        for result in work(items):
            pickle.dump(result, stream, protocol=pickle.HIGHEST_PROTOCOL)
            stream.flush()
        pickle.dump(None, stream)
        stream.flush()
        status = 0
    finally:
        os._exit(status)  # no cleanup of the parent's state: it is still the parent's


def _reap(pid: int, *, stop: bool) -> str:
    """Wait for the child (ended first if `stop`: its results are no longer wanted) and say
    how it ended."""
    if stop:
        with suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)
    try:
        _, status = os.waitpid(pid, 0)
    except ChildProcessError:  # reaped by someone else: how it ended is not known
        return "it ended without its results"
    return exit_status(os.waitstatus_to_exitcode(status))
